using Inertia.Reader.Storage;

namespace Inertia.Web.Api.GoogleReader;

/// <summary>
/// Labels (Inertia's categories, type <c>folder</c>, and the labels put on single entries, type <c>tag</c>):
/// <c>tag/list</c>, <c>rename-tag</c>, <c>disable-tag</c> (of either or both); and <c>unread-count</c>.
/// </summary>
public static class Tags
{
    public sealed record Tag(string Id, string? Type = null);
    public sealed record TagList(IReadOnlyList<Tag> Tags);
    public sealed record Counter(string Id, long Count, string NewestItemTimestampUsec);
    public sealed record UnreadCounts(int Max, IReadOnlyList<Counter> Unreadcounts);

    public static Task ListAsync(HttpContext http) => GoogleReaderCall.RunAsync(http, write: false, async call =>
    {
        var connection = call.Connection;
        var categories = await CategoryStore.ListAsync(connection, call.Caller.UserId);
        var folders = categories.Select(c => c.Title).ToHashSet(StringComparer.Ordinal);
        var labels = (await EntryLabelStore.ListAsync(connection, call.Caller.UserId)).Select(l => l.Label).Where(l => !folders.Contains(l));
        return Results.Json(new TagList([new Tag(StreamId.StarredId), .. categories.Select(c => new Tag(StreamId.ForLabel(c.Title), "folder")),
            .. labels.Select(l => new Tag(StreamId.ForLabel(l), "tag"))]), GoogleReaderCall.Json);
    });

    public static Task RenameAsync(HttpContext http) => GoogleReaderCall.RunAsync(http, write: true, async call =>
    {
        var from = Label(call, call.One("s") ?? call.One("t"));
        var to = Label(call, call.One("dest"));
        var connection = call.Connection;
        if (to.Length > EntryLabelStore.MaxLength)
        {
            throw new GoogleReaderError(400, $"A label is at most {EntryLabelStore.MaxLength} characters");
        }
        var folder = await CategoryStore.RenameAsync(connection, call.Caller.UserId, from, to);
        var tag = await EntryLabelStore.RenameAsync(connection, call.Caller.UserId, from, to) > 0;
        return folder || tag ? GoogleReaderCall.Ok() : throw new GoogleReaderError(404, $"No label '{from}'");
    });

    public static Task DisableAsync(HttpContext http) => GoogleReaderCall.RunAsync(http, write: true, async call =>
    {
        var label = Label(call, call.One("s") ?? call.One("t"));
        var connection = call.Connection;
        var folder = await CategoryStore.DeleteAsync(connection, call.Caller.UserId, label);
        var tag = await EntryLabelStore.DeleteAsync(connection, call.Caller.UserId, label) > 0;
        return folder || tag ? GoogleReaderCall.Ok() : throw new GoogleReaderError(404, $"No label '{label}'");
    });

    // a label given as its stream id or its bare name
    private static string Label(GoogleReaderCall call, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new GoogleReaderError(400, "No label");
        }
        if (!text.StartsWith("user/", StringComparison.Ordinal))
        {
            return text.Trim();
        }
        return StreamId.Parse(text, call.Caller.UserId) is { Kind: StreamKind.Label, Label: { } name } ? name : throw new GoogleReaderError(400, $"'{text}' is not a label");
    }

    public static Task UnreadCountAsync(HttpContext http) => GoogleReaderCall.RunAsync(http, write: false, async call =>
    {
        var connection = call.Connection;
        var counters = await ItemStream.UnreadCountersAsync(connection, call.Caller.UserId);
        static string Usec(long seconds) => (seconds * 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var list = counters.Select(c => new Counter(StreamId.ForFeed(c.FeedId), c.Count, Usec(c.NewestSortAt))).ToList();
        list.AddRange(counters.Where(c => c.Category is not null).GroupBy(c => c.Category!)
            .Select(g => new Counter(StreamId.ForLabel(g.Key), g.Sum(c => c.Count), Usec(g.Max(c => c.NewestSortAt)))));
        if (counters.Count > 0)
        {
            list.Add(new Counter(StreamId.ReadingListId, counters.Sum(c => c.Count), Usec(counters.Max(c => c.NewestSortAt))));
        }
        return Results.Json(new UnreadCounts(1000, list), GoogleReaderCall.Json);
    });
}
