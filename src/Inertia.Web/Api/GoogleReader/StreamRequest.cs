using Inertia.Reader.Storage;

namespace Inertia.Web.Api.GoogleReader;

/// <summary>
/// A stream request's parameters as a <see cref="StreamFilter"/>: the stream, <c>n</c>, <c>r=o</c>, <c>ot</c>/<c>nt</c>
/// (arrival times, so that "what arrived since my last sync" misses nothing dated earlier), <c>xt</c>/<c>it</c> (read,
/// starred), and <c>c</c>, the continuation: the last (date, id) given, which stays valid while entries arrive.
/// </summary>
public static class StreamRequest
{
    public static async Task<StreamFilter> FilterAsync(GoogleReaderCall call, string? streamText, int defaultCount, int maxCount)
    {
        var stream = StreamId.Parse(streamText, call.Caller.UserId) ?? throw new GoogleReaderError(400, $"Unknown stream id '{streamText}'");
        var filter = await ScopeAsync(call, stream);
        foreach (var exclude in call.All("xt"))
        {
            var x = StreamId.Parse(exclude, call.Caller.UserId);
            if (x?.Kind == StreamKind.Read)
            {
                filter = filter with { Read = false };
            }
        }
        foreach (var include in call.All("it"))
        {
            var i = StreamId.Parse(include, call.Caller.UserId);
            filter = i?.Kind switch
            {
                StreamKind.Read => filter with { Read = true },
                StreamKind.Starred => filter with { StarredOnly = true },
                StreamKind.KeptUnread => filter with { Read = false },
                _ => filter,
            };
        }
        Keyset? after = null;
        if (call.One("c") is { Length: > 0 } continuation)
        {
            after = Keyset.Parse(continuation) ?? throw new GoogleReaderError(400, "c is not a continuation this server gave");
        }
        return filter with
        {
            Limit = (int)call.Number("n", defaultCount, 1, maxCount),
            OldestFirst = call.One("r") == "o",
            SeenSince = call.One("ot") is { Length: > 0 } ? Seconds(call.Number("ot", 0, 0, long.MaxValue)) : null,
            SeenBefore = call.One("nt") is { Length: > 0 } ? Seconds(call.Number("nt", 0, 0, long.MaxValue)) : null,
            After = after,
        };
    }

    /// <summary>Which entries the stream holds: all the user's, a state, a label or a feed (404 for a label or feed they do not have).</summary>
    public static async Task<StreamFilter> ScopeAsync(GoogleReaderCall call, StreamId stream)
    {
        var filter = new StreamFilter { UserId = call.Caller.UserId };
        switch (stream.Kind)
        {
            case StreamKind.Read:
                return filter with { Read = true };
            case StreamKind.Starred:
                return filter with { StarredOnly = true };
            case StreamKind.KeptUnread:
                return filter with { Read = false };
            case StreamKind.Label:
                // the category of that name, the entries so labelled, or both
                var category = await CategoryStore.FindAsync(call.Connection, call.Caller.UserId, stream.Label!);
                var labelled = await EntryLabelStore.AnyAsync(call.Connection, call.Caller.UserId, stream.Label!);
                return category is null && !labelled ? throw new GoogleReaderError(404, $"No label '{stream.Label}'")
                    : filter with { CategoryId = category, Label = labelled ? stream.Label : null };
            case StreamKind.Feed:
                return filter with { FeedId = await FeedIdAsync(call, stream) };
            default:
                return filter;
        }
    }

    /// <summary>The id of the subscribed feed a feed stream names; 404 when the caller does not subscribe to it.</summary>
    public static async Task<long> FeedIdAsync(GoogleReaderCall call, StreamId stream)
    {
        long? id = stream.FeedId is { } feedId
            ? (await ReaderViews.IsSubscribedAsync(call.Connection, call.Caller.UserId, feedId) ? feedId : null)
            : await SubscriptionStore.FeedByUrlAsync(call.Connection, call.Caller.UserId, stream.FeedUrl!);
        return id ?? throw new GoogleReaderError(404, "Not subscribed to that feed");
    }

    /// <summary>A time apps send in seconds, milliseconds or microseconds, as seconds.</summary>
    public static long Seconds(long value) => value switch
    {
        > 100_000_000_000_000 => value / 1_000_000,
        > 100_000_000_000 => value / 1_000,
        _ => value,
    };
}
