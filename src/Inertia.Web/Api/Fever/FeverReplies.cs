using System.Globalization;
using Inertia.Reader.Storage;

namespace Inertia.Web.Api.Fever;

/// <summary>
/// What a Fever request asks for, added to its reply: <c>groups</c>, <c>feeds</c> (both with <c>feeds_groups</c>),
/// <c>favicons</c>, <c>items</c> (<c>since_id</c>, <c>max_id</c>, <c>with_ids</c>; 50 a page), <c>unread_item_ids</c>,
/// <c>saved_item_ids</c>, <c>links</c>, after any <c>mark</c>.
/// </summary>
public static class FeverReplies
{
    public const int ItemsPerPage = 50;

    public static async Task FillAsync(FeverCall call, Dictionary<string, object?> reply)
    {
        if (call.Parameters.One("mark") is { } mark)
        {
            await FeverMarks.ApplyAsync(call, mark);
        }
        var connection = call.Connection;
        var userId = call.Caller.UserId;
        // every reply carries it: one aggregate, the subscriptions themselves only for the calls that list them
        reply["last_refreshed_on_time"] = await ReaderViews.LastFetchedAsync(connection, userId);
        var subscriptions = call.Has("groups") || call.Has("feeds") || call.Has("favicons") ? await ReaderViews.SubscriptionsAsync(connection, userId) : [];
        if (call.Has("groups") || call.Has("feeds"))
        {
            // every feed in a group: Read You ends its sync on a feed in none (feedsGroupsMap[id]!!)
            reply["feeds_groups"] = subscriptions.GroupBy(s => s.CategoryId ?? FeverMarks.Uncategorized)
                .Select(g => new Dictionary<string, object> { ["group_id"] = g.Key, ["feed_ids"] = string.Join(",", g.Select(s => s.FeedId)) }).ToList();
        }
        if (call.Has("groups"))
        {
            var groups = (await CategoryStore.ListAsync(connection, userId)).Select(c => new Dictionary<string, object> { ["id"] = c.Id, ["title"] = c.Title }).ToList();
            if (subscriptions.Any(s => s.CategoryId is null))
            {
                groups.Add(new Dictionary<string, object> { ["id"] = FeverMarks.Uncategorized, ["title"] = FeverMarks.UncategorizedTitle });
            }
            reply["groups"] = groups;
        }
        if (call.Has("feeds"))
        {
            reply["feeds"] = subscriptions.Select(s => new Dictionary<string, object>
            {
                ["id"] = s.FeedId,
                ["favicon_id"] = s.HasIcon ? s.FeedId : 0,
                ["title"] = s.Name,
                ["url"] = s.Url,
                ["site_url"] = s.SiteUrl ?? s.Url,
                ["is_spark"] = 0,
                ["last_updated_on_time"] = s.LastFetchedAt ?? 0,
            }).ToList();
        }
        if (call.Has("favicons"))
        {
            var favicons = new List<Dictionary<string, object>>();
            foreach (var s in subscriptions.Where(s => s.HasIcon))
            {
                if (await IconStore.GetAsync(connection, s.FeedId) is { } icon)
                {
                    favicons.Add(new() { ["id"] = s.FeedId, ["data"] = $"{icon.ContentType};base64,{Convert.ToBase64String(icon.Data)}" });
                }
            }
            reply["favicons"] = favicons;
        }
        if (call.Has("items"))
        {
            reply["total_items"] = await ItemStream.CountAsync(connection, userId);
            reply["items"] = await ItemsAsync(call, connection);
        }
        if (call.Has("unread_item_ids"))
        {
            reply["unread_item_ids"] = await ItemStream.IdListAsync(connection, new StreamFilter { UserId = userId, Read = false, ById = true, OldestFirst = true, Limit = 1_000_000 });
        }
        if (call.Has("saved_item_ids"))
        {
            reply["saved_item_ids"] = await ItemStream.IdListAsync(connection, new StreamFilter { UserId = userId, StarredOnly = true, ById = true, OldestFirst = true, Limit = 1_000_000 });
        }
        if (call.Has("links"))
        {
            reply["links"] = Array.Empty<object>();
        }
    }

    private static async Task<List<Dictionary<string, object>>> ItemsAsync(FeverCall call, System.Data.Common.DbConnection connection)
    {
        var userId = call.Caller.UserId;
        IReadOnlyList<long> ids;
        if (call.Parameters.One("with_ids") is { } withIds)
        {
            var parsed = new List<long>();
            foreach (var part in withIds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                parsed.Add(long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : throw new FeverError("with_ids must be ids separated by commas"));
            }
            ids = [.. parsed.Distinct().Take(ItemsPerPage)];
        }
        else
        {
            // an empty since_id (Read You's first sync) is since nothing: the oldest first, paged up
            var since = call.Number("since_id") ?? (call.Parameters.One("since_id") is "" ? (long?)0 : null);
            var max = call.Number("max_id");
            var filter = new StreamFilter { UserId = userId, ById = true, Limit = ItemsPerPage };
            // since_id: the next ids up, oldest first; max_id: the next ids down; neither: the newest
            filter = since is not null ? filter with { IdAbove = Math.Max(0, since.Value), OldestFirst = true }
                : max is not null ? filter with { IdBelow = Math.Max(0, max.Value) }
                : filter;
            var starred = await ItemStream.RefsAsync(connection, filter with { StarredOnly = true });
            var subscribed = await ItemStream.PageByIdAsync(connection, userId, filter.IdAbove, filter.IdBelow, filter.OldestFirst, ItemsPerPage);
            // the user's entries are their feeds' and the starred ones of feeds they left: one page of the union
            var merged = subscribed.Concat(starred.Select(r => r.Id)).Distinct();
            ids = [.. (filter.OldestFirst ? merged.Order() : merged.OrderDescending()).Take(ItemsPerPage)];
        }
        var byId = (await ApiItems.ShownAsync(call.Http, connection, await ItemStream.ItemsAsync(connection, userId, ids), userId, call.Caller.ChineseVariant, call.Caller.ProxyMedia)).ToDictionary(i => i.Id);
        return [.. ids.Select(byId.GetValueOrDefault).OfType<ApiItem>().Select(e => new Dictionary<string, object>
        {
            ["id"] = e.Id,
            ["feed_id"] = e.FeedId,
            ["title"] = e.Title ?? "",
            ["author"] = e.Author ?? "",
            ["html"] = e.Content ?? e.Summary ?? "",
            ["url"] = Shared.SafeUrl.Http(e.Url) ?? "",
            ["is_saved"] = e.IsStarred ? 1 : 0,
            ["is_read"] = e.IsRead ? 1 : 0,
            ["created_on_time"] = e.PublishedAt ?? e.SortAt,
        })];
    }
}
