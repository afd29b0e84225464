using Inertia.Feeds.Charsets;
using Inertia.Feeds.Discovery;
using Inertia.Feeds.Model;
using Inertia.Feeds.Parsing;
using Inertia.Feeds.Text;
using Inertia.Reader.Fetching;
using Inertia.Reader.Storage;

namespace Inertia.Reader.Ingest;

/// <summary>What adding a URL did: subscribed to a feed, or found a page whose feeds are offered to choose from, or why not.</summary>
public sealed record AddSubscriptionResult(string? SubscribedTo, bool AlreadySubscribed, IReadOnlyList<DiscoveredFeed> Candidates, string? Error);

/// <summary>What a URL turned out to be: a feed (at the address it permanently moved to, if it did), a page offering feeds, or why neither.</summary>
public sealed record UrlLookup(string? FeedUrl, ParsedFeed? Feed, IReadOnlyList<DiscoveredFeed> Candidates, string? Error);

/// <summary>
/// Adds a subscription from whatever URL a user has: a feed is subscribed to at once (at the address it permanently moved
/// to, if it did); an HTML page is searched for feeds, which are offered rather than guessed between.
/// </summary>
public static class AddSubscription
{
    public static async Task<AddSubscriptionResult> AddAsync(Database database, FeedFetcher fetcher, long userId, string url,
        string? category = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var found = await LookUpAsync(fetcher, url, cancellationToken);
        if (found is { Feed: { } feed, FeedUrl: { } feedUrl })
        {
            var now = (time ?? TimeProvider.System).GetUtcNow().ToUnixTimeSeconds();
            var added = await database.Writes.RunAsync((c, tx) => SubscriptionStore.SubscribeAsync(c, tx, userId, feedUrl, category, null, feed.SiteUrl, now), cancellationToken);
            return new AddSubscriptionResult(feedUrl, !added, [], null);
        }
        return new AddSubscriptionResult(null, false, found.Candidates, found.Error);
    }

    /// <summary>Fetches the URL (through the fetch guard) and says whether it is a feed or a page that links to feeds.</summary>
    public static async Task<UrlLookup> LookUpAsync(FeedFetcher fetcher, string url, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return new UrlLookup(null, null, [], $"'{url}' is not an http(s) URL");
        }
        var fetched = await fetcher.FetchAsync(uri, cancellationToken: cancellationToken);
        if (fetched.Outcome != FetchOutcome.Fetched)
        {
            return new UrlLookup(null, null, [], $"{uri}: {fetched.Reason}");
        }
        var feedUrl = (fetched.MovedPermanentlyTo ?? uri).ToString();
        var parsed = FeedParser.Parse(fetched.Body!, new FeedParseOptions { DocumentUrl = feedUrl, ContentType = fetched.ContentType });
        if (parsed.Feed is { } feed)
        {
            return new UrlLookup(feedUrl, feed, [], null);
        }
        var html = DocumentDecoder.Decode(fetched.Body!, fetched.ContentType, new ParseDiagnostics(null)).Text;
        var candidates = FeedDiscovery.Find(html, feedUrl);
        return candidates.Count == 0
            ? new UrlLookup(null, null, [], $"{uri} is neither a feed nor a page that links to one")
            : new UrlLookup(null, null, candidates, null);
    }
}
