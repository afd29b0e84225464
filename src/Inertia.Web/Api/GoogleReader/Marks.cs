using Inertia.Reader.Storage;

namespace Inertia.Web.Api.GoogleReader;

/// <summary>
/// Marks: <c>edit-tag</c> (repeated <c>i</c>, <c>a</c>, <c>r</c>: read, kept-unread, starred) and
/// <c>mark-all-as-read</c> (a stream, up to <c>ts</c> in seconds or microseconds: never what arrived after it).
/// </summary>
public static class Marks
{
    public static Task EditTagAsync(HttpContext http) => GoogleReaderCall.RunAsync(http, write: true, async call =>
    {
        var ids = Streams.ParseIds(call.All("i"));
        if (ids.Count == 0)
        {
            throw new GoogleReaderError(400, "No item id (i)");
        }
        var add = call.All("a").Select(a => StreamId.Parse(a, call.Caller.UserId)?.Kind).ToList();
        var remove = call.All("r").Select(r => StreamId.Parse(r, call.Caller.UserId)?.Kind).ToList();
        var results = new List<MarkResult>();
        var database = call.Database;
        var now = call.Now;
        var ct = call.Http.RequestAborted;
        // labels on single items are not kept (Inertia's categories are per feed): they are accepted and ignored
        if (add.Contains(StreamKind.Read))
        {
            results.AddRange(await ReadState.SetReadAsync(database, call.Caller.UserId, ids, true, now, ct));
        }
        else if (remove.Contains(StreamKind.Read) || add.Contains(StreamKind.KeptUnread))
        {
            results.AddRange(await ReadState.SetReadAsync(database, call.Caller.UserId, ids, false, now, ct));
        }
        if (add.Contains(StreamKind.Starred))
        {
            results.AddRange(await ReadState.SetStarredAsync(database, call.Caller.UserId, ids, true, now, ct));
        }
        else if (remove.Contains(StreamKind.Starred))
        {
            results.AddRange(await ReadState.SetStarredAsync(database, call.Caller.UserId, ids, false, now, ct));
        }
        // ids none of which are the caller's are refused; a batch with some (an entry whose feed was since unsubscribed)
        // is done for the rest, so that an app does not retry it for ever
        if (results.Count > 0 && results.All(r => r == MarkResult.NotSubscribed))
        {
            throw new GoogleReaderError(404, "No such item");
        }
        return GoogleReaderCall.Ok();
    });

    public static Task MarkAllAsReadAsync(HttpContext http) => GoogleReaderCall.RunAsync(http, write: true, async call =>
    {
        var stream = StreamId.Parse(call.One("s"), call.Caller.UserId) ?? throw new GoogleReaderError(400, "Unknown stream id (s)");
        var scope = await StreamRequest.ScopeAsync(call, stream);
        if (scope.StarredOnly || scope.Read is not null)
        {
            throw new GoogleReaderError(400, "Only the reading list, a label or a feed can be marked read");
        }
        long? seenBy = call.One("ts") is { Length: > 0 } ? StreamRequest.Seconds(call.Number("ts", 0, 0, long.MaxValue)) : null;
        var upTo = await ItemStream.NewestSeenByAsync(call.Connection, call.Caller.UserId, scope.FeedId, scope.CategoryId, seenBy);
        if (upTo > 0)
        {
            await ReadState.MarkAllReadAsync(call.Database, call.Caller.UserId, upTo, scope.FeedId, scope.CategoryId, call.Http.RequestAborted);
        }
        return GoogleReaderCall.Ok();
    });
}
