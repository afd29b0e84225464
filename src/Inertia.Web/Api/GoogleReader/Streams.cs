using System.Globalization;
using Inertia.Reader.Storage;

namespace Inertia.Web.Api.GoogleReader;

/// <summary>
/// Reading streams: <c>stream/contents/{streamId}</c> (or <c>?s=</c>), <c>stream/items/ids</c> and
/// <c>stream/items/contents</c> (GET or POST, repeated <c>i</c>).
/// </summary>
public static class Streams
{
    public const int MaxContents = 1000;
    public const int MaxIds = 10_000;

    public static Task ContentsAsync(HttpContext http) => GoogleReaderCall.RunAsync(http, write: false, async call =>
    {
        var streamText = call.RawPathAfter("/stream/contents/") is { Length: > 0 } inPath ? inPath : call.One("s") ?? StreamId.ReadingListId;
        var (refs, items, continuation) = await PageAsync(call, streamText, 20, MaxContents);
        return Results.Json(new StreamContents(streamText, call.Now, [.. items.Select(ItemJson.For)], continuation), GoogleReaderCall.Json);
    });

    /// <summary>A page of the stream: its refs, their items in the same order, and the continuation when more may follow.</summary>
    public static async Task<(IReadOnlyList<StreamRef> Refs, IReadOnlyList<ApiItem> Items, string? Continuation)> PageAsync(
        GoogleReaderCall call, string streamText, int defaultCount, int maxCount)
    {
        var filter = await StreamRequest.FilterAsync(call, streamText, defaultCount, maxCount);
        var connection = call.Connection;
        var refs = await ItemStream.RefsAsync(connection, filter);
        var byId = await ItemsByIdAsync(call, [.. refs.Select(r => r.Id)]);
        var items = refs.Select(r => byId.GetValueOrDefault(r.Id)).OfType<ApiItem>().ToList();
        return (refs, items, Continuation(refs, filter.Limit));
    }

    // the caller's items among these ids, as shown to them, each with the labels they put on it
    private static async Task<Dictionary<long, ApiItem>> ItemsByIdAsync(GoogleReaderCall call, IReadOnlyCollection<long> ids)
    {
        var connection = call.Connection;
        var userId = call.Caller.UserId;
        var shown = await ApiItems.ShownAsync(call.Http, connection, await ItemStream.ItemsAsync(connection, userId, ids), userId, call.Caller.ChineseVariant, call.Caller.ProxyMedia);
        var labels = await EntryLabelStore.OfAsync(connection, userId, [.. shown.Select(i => i.Id)]);
        return shown.Select(i => labels.TryGetValue(i.Id, out var own) ? i with { Labels = own } : i).ToDictionary(i => i.Id);
    }

    private static string? Continuation(IReadOnlyList<StreamRef> refs, int limit) =>
        refs.Count == limit && refs.Count > 0 ? new Keyset(refs[^1].SortAt, refs[^1].Id).ToString() : null;

    public static Task IdsAsync(HttpContext http) => GoogleReaderCall.RunAsync(http, write: false, async call =>
    {
        var filter = await StreamRequest.FilterAsync(call, call.One("s") ?? StreamId.ReadingListId, 20, MaxIds);
        var connection = call.Connection;
        var refs = await ItemStream.RefsAsync(connection, filter);
        return new ItemRefsJson(refs, Continuation(refs, filter.Limit));
    });

    public static Task ItemsContentsAsync(HttpContext http) => GoogleReaderCall.RunAsync(http, write: false, async call =>
    {
        var ids = ParseIds(call.All("i"));
        var byId = await ItemsByIdAsync(call, ids);
        // in the order asked, the caller's own entries only
        var items = ids.Distinct().Select(byId.GetValueOrDefault).OfType<ApiItem>().Select(ItemJson.For).ToList();
        return Results.Json(new StreamContents(StreamId.ReadingListId, call.Now, items, null), GoogleReaderCall.Json);
    });

    /// <summary>Item ids in any form apps send; 400 naming the first that is none.</summary>
    public static IReadOnlyList<long> ParseIds(IReadOnlyList<string> texts)
    {
        if (texts.Count > MaxIds)
        {
            throw new GoogleReaderError(400, $"At most {MaxIds} item ids at once");
        }
        var ids = new List<long>(texts.Count);
        foreach (var text in texts)
        {
            ids.Add(ItemId.Parse(text) ?? throw new GoogleReaderError(400, $"'{Shorten(text)}' is not an item id"));
        }
        return ids;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";

    public sealed record StreamContents(string Id, long Updated, IReadOnlyList<ItemJson.Item> Items, string? Continuation)
    {
        public string Direction => "ltr";
        public string Title => "";
    }

}
