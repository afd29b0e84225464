using Inertia.Reader.Storage;

namespace Inertia.Web.Api.GoogleReader;

/// <summary>
/// Marks: <c>edit-tag</c> (repeated <c>i</c>, <c>a</c>, <c>r</c>: read, kept-unread, starred, labels) and
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
        var adding = call.All("a").Select(a => StreamId.Parse(a, call.Caller.UserId)).ToList();
        var removing = call.All("r").Select(r => StreamId.Parse(r, call.Caller.UserId)).ToList();
        var add = adding.Select(a => a?.Kind).ToList();
        var remove = removing.Select(r => r?.Kind).ToList();
        var results = new List<MarkResult>();
        var database = call.Database;
        var now = call.Now;
        var ct = call.Http.RequestAborted;
        // labels on single items (a tag in Reeder, FreshRSS's labels): kept on the entries the caller may read
        foreach (var (label, on) in adding.Where(a => a?.Kind == StreamKind.Label).Select(a => (a!.Label!, true))
            .Concat(removing.Where(r => r?.Kind == StreamKind.Label).Select(r => (r!.Label!, false))))
        {
            if (label.Length > EntryLabelStore.MaxLength)
            {
                throw new GoogleReaderError(400, $"A label is at most {EntryLabelStore.MaxLength} characters");
            }
            await database.Writes.RunAsync((c, tx) => on
                ? EntryLabelStore.AddAsync(c, tx, call.Caller.UserId, ids, label)
                : EntryLabelStore.RemoveAsync(c, tx, call.Caller.UserId, ids, label), ct);
        }
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
        if (scope.Label is not null)
        {
            // the entries so labelled, one by one (they may be in any feed), seen by the time given
            var labelled = await ItemStream.IdsAsync(call.Connection, new StreamFilter
            {
                UserId = call.Caller.UserId,
                Label = scope.Label,
                Read = false,
                Limit = 100_000,
                SeenBefore = seenBy is { } t && t < long.MaxValue ? t + 1 : null,
            });
            await ReadState.SetReadAsync(call.Database, call.Caller.UserId, labelled, true, call.Now, call.Http.RequestAborted);
            if (scope.CategoryId is null)
            {
                return GoogleReaderCall.Ok();
            }
        }
        var upTo = await ItemStream.NewestSeenByAsync(call.Connection, call.Caller.UserId, scope.FeedId, scope.CategoryId, seenBy);
        if (upTo > 0)
        {
            await ReadState.MarkAllReadAsync(call.Database, call.Caller.UserId, upTo, scope.FeedId, scope.CategoryId, call.Http.RequestAborted);
        }
        return GoogleReaderCall.Ok();
    });
}
