namespace Inertia.Feeds.Model;

/// <summary>A feed document normalized into one shape, whatever format it came in.</summary>
public sealed record ParsedFeed
{
    public required FeedFormat Format { get; init; }
    public string? Version { get; init; }
    public string? Title { get; init; }
    public string? SiteUrl { get; init; }
    public string? FeedUrl { get; init; }
    public string? Description { get; init; }
    public string? Language { get; init; }
    public string? IconUrl { get; init; }
    /// <summary>When the feed says it was first published (RSS pubDate, dcterms:issued, Atom published).</summary>
    public DateTimeOffset? Published { get; init; }
    /// <summary>When the feed says it last changed (lastBuildDate, dc:date, dcterms:modified, Atom updated).</summary>
    public DateTimeOffset? Updated { get; init; }
    public IReadOnlyList<string> Hubs { get; init; } = [];
    /// <summary>The rel="next" link of a paged feed (RFC 5005), if any.</summary>
    public string? NextUrl { get; init; }
    /// <summary>RSS &lt;ttl&gt;: how long the publisher says the feed may be cached.</summary>
    public TimeSpan? TimeToLive { get; init; }
    /// <summary>RSS &lt;skipHours&gt;: hours (UTC, 0–23) in which the publisher asks not to be polled.</summary>
    public IReadOnlyList<int> SkipHours { get; init; } = [];
    public IReadOnlyList<ParsedEntry> Entries { get; init; } = [];
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
