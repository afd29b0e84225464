using Inertia.Reader.Storage;

namespace Inertia.Web.Api.Miniflux;

/// <summary>
/// Entries as Miniflux serves them: lists with its filters (<c>status</c>, <c>starred</c>, <c>limit</c>, <c>offset</c>,
/// <c>order</c>, <c>direction</c>, <c>before</c>/<c>after</c>, <c>before_entry_id</c>/<c>after_entry_id</c>,
/// <c>category_id</c>), one entry, the status of many, the bookmark of one.
/// </summary>
public static class MinifluxEntries
{
    public const int MaxLimit = 1000;
    /// <summary>Offsets are read by skipping: past this, clients are asked to page with after_entry_id instead.</summary>
    public const int MaxOffset = 10_000;

    public static async Task<IResult> ListAsync(MinifluxCall call, long? feedId = null, long? categoryId = null)
    {
        var query = call.Http.Request.Query;
        var filter = new StreamFilter { UserId = call.UserId, FeedId = feedId, CategoryId = categoryId ?? call.Number("category_id") };
        var statuses = query["status"].Where(s => !string.IsNullOrEmpty(s)).ToList();
        if (statuses.Any(s => s is not ("read" or "unread" or "removed")))
        {
            throw new MinifluxError(400, "Invalid entry status");
        }
        if (statuses.Count > 0 && !(statuses.Contains("read") && statuses.Contains("unread")))
        {
            filter = filter with { Read = statuses.Contains("read") };
        }
        if (query["starred"].FirstOrDefault() is { Length: > 0 } starred)
        {
            filter = starred is "true" or "1" ? filter with { StarredOnly = true } : starred is "false" or "0" ? filter : throw new MinifluxError(400, "Invalid starred value");
        }
        var order = query["order"].FirstOrDefault() ?? "published_at";
        if (order is not ("id" or "status" or "published_at" or "created_at" or "category_title" or "category_id"))
        {
            throw new MinifluxError(400, "Invalid order");
        }
        var direction = query["direction"].FirstOrDefault() ?? "asc";
        if (direction is not ("asc" or "desc"))
        {
            throw new MinifluxError(400, "Invalid direction");
        }
        var limit = (int)Math.Clamp(call.Number("limit") ?? 100, 1, MaxLimit);
        var offset = call.Number("offset") ?? 0;
        if (offset is < 0 or > MaxOffset)
        {
            throw new MinifluxError(400, $"Offset must be between 0 and {MaxOffset}; page with after_entry_id beyond it");
        }
        filter = filter with
        {
            // ids grow with arrival: "id" and "created_at" order by id; the others by the entry's date
            ById = order is "id" or "created_at",
            OldestFirst = direction == "asc",
            IdAbove = call.Number("after_entry_id"),
            IdBelow = call.Number("before_entry_id"),
            SeenSince = call.Number("after") is { } after ? after + 1 : null,
            SeenBefore = call.Number("before"),
            Limit = limit + (int)offset,
        };
        if (query["search"].FirstOrDefault() is { Length: > 0 } search)
        {
            filter = filter with { Search = search };
        }
        var connection = call.Connection;
        if (feedId is not null && !await ReaderViews.IsSubscribedAsync(connection, call.UserId, feedId.Value))
        {
            throw new MinifluxError(404, "Feed not found");
        }
        var total = await ItemStream.CountAsync(connection, filter);
        var refs = (await ItemStream.RefsAsync(connection, filter)).Skip((int)offset).ToList();
        return Results.Json(new MinifluxJson.EntryPage(total, await EntriesAsync(call, connection, [.. refs.Select(r => r.Id)])), MinifluxCall.Json);
    }

    private static async Task<IReadOnlyList<MinifluxJson.Entry>> EntriesAsync(MinifluxCall call, System.Data.Common.DbConnection connection, IReadOnlyList<long> ids)
    {
        var byId = (await ApiItems.ShownAsync(call.Http, connection, await ItemStream.ItemsAsync(connection, call.UserId, ids), call.UserId, call.ChineseVariant, call.ProxyMedia)).ToDictionary(i => i.Id);
        var feeds = (await ReaderViews.SubscriptionsAsync(connection, call.UserId)).ToDictionary(s => s.FeedId, s => MinifluxJson.For(call.UserId, s));
        return [.. ids.Select(byId.GetValueOrDefault).OfType<ApiItem>().Select(e => MinifluxJson.For(call.UserId, e,
            feeds.GetValueOrDefault(e.FeedId) ?? new MinifluxJson.Feed(e.FeedId, call.UserId, e.FeedUrl, e.FeedSiteUrl ?? e.FeedUrl, GoogleReader.ItemJson.FeedName(e),
                MinifluxJson.Time(0), 0, "", false, MinifluxJson.CategoryOf(call.UserId, null, null), null)))];
    }

    /// <summary>One entry the user may read; with <paramref name="feedId"/> or <paramref name="categoryId"/>, only when it is that feed's or that category's.</summary>
    public static async Task<IResult> OneAsync(MinifluxCall call, long id, long? feedId = null, long? categoryId = null)
    {
        var connection = call.Connection;
        var entries = await EntriesAsync(call, connection, [id]);
        return entries is [var entry] && (feedId is null || entry.FeedId == feedId) && (categoryId is null || entry.Feed.Category.Id == categoryId)
            ? Results.Json(entry, MinifluxCall.Json) : throw new MinifluxError(404, "Entry not found");
    }

    public sealed record StatusChange(IReadOnlyList<long>? EntryIds, string? Status);

    public static async Task<IResult> SetStatusAsync(MinifluxCall call)
    {
        var change = await call.BodyAsync<StatusChange>();
        if (change.EntryIds is not { Count: > 0 } ids)
        {
            throw new MinifluxError(400, "The list of entries is empty");
        }
        if (ids.Count > 10_000)
        {
            throw new MinifluxError(400, "At most 10000 entries at once");
        }
        if (change.Status is not ("read" or "unread"))
        {
            throw new MinifluxError(400, "Invalid entry status");
        }
        var results = await ReadState.SetReadAsync(call.Database, call.UserId, ids, change.Status == "read", call.Now, call.Aborted);
        // none of them the caller's: refused; some: done for theirs (an entry of a feed since unsubscribed)
        return results.All(r => r == MarkResult.NotSubscribed) ? throw new MinifluxError(404, "Entry not found") : Results.NoContent();
    }

    public static async Task<IResult> ToggleBookmarkAsync(MinifluxCall call, long id)
    {
        var starred = (await ItemStream.ItemsAsync(call.Connection, call.UserId, [id])) is [var item] ? item.IsStarred : throw new MinifluxError(404, "Entry not found");
        await ReadState.SetStarredAsync(call.Database, call.UserId, [id], !starred, call.Now, call.Aborted);
        return Results.NoContent();
    }
}
