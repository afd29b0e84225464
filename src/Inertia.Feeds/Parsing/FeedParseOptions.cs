using Inertia.Feeds.Model;

namespace Inertia.Feeds.Parsing;

/// <summary>How to read one document: where it came from (for relative URLs and charset) and the caps to hold it to.</summary>
public sealed record FeedParseOptions
{
    /// <summary>The URL the document was fetched from; relative links resolve against it.</summary>
    public string? DocumentUrl { get; init; }
    /// <summary>The HTTP Content-Type, whose charset outranks the document's own declaration.</summary>
    public string? ContentType { get; init; }
    public FeedLimits Limits { get; init; } = FeedLimits.Default;

    public static FeedParseOptions Default { get; } = new();
}
