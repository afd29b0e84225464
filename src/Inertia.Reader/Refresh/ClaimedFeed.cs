namespace Inertia.Reader.Refresh;

/// <summary>A feed this process holds the lease on, with what fetching it needs.</summary>
public sealed record ClaimedFeed(long Id, string Url, string? ETag, string? LastModified, int ErrorCount, int IntervalSeconds);
