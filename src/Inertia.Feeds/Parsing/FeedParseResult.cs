using Inertia.Feeds.Model;

namespace Inertia.Feeds.Parsing;

/// <summary>A parsed feed, or why the document is not one; expected failures are values, not exceptions.</summary>
public sealed record FeedParseResult(ParsedFeed? Feed, string? Error)
{
    public static FeedParseResult Success(ParsedFeed feed) => new(feed, null);
    public static FeedParseResult Failure(string error) => new(null, error);
}
