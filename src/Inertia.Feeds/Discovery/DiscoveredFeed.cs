namespace Inertia.Feeds.Discovery;

/// <summary>A feed an HTML page points to: declared (&lt;link rel="alternate"&gt;) or a likely candidate (a link to a common feed path).</summary>
public sealed record DiscoveredFeed(string Url, string? Title, string? Type, bool IsCandidate);
