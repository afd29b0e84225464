namespace Inertia.Feeds.Model;

/// <summary>The family of a feed document.</summary>
public enum FeedFormat
{
    Rss,
    Rdf,
    Atom,
    Json,
}
