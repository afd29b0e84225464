namespace Inertia.Feeds.Model;

/// <summary>Caps that keep a hostile document from costing unbounded time or memory.</summary>
public sealed record FeedLimits
{
    public long MaxDocumentBytes { get; init; } = 20 * 1024 * 1024;
    public int MaxEntries { get; init; } = 10_000;
    public int MaxDepth { get; init; } = 256;
    /// <summary>Longest text kept for one field (characters); longer values are cut with a warning.</summary>
    public int MaxFieldLength { get; init; } = 2 * 1024 * 1024;
    public int MaxWarnings { get; init; } = 200;

    public static FeedLimits Default { get; } = new();
}
