using Inertia.Reader.Fetching;
using Inertia.Reader.Ingest;
using Inertia.Reader.Storage;
using Inertia.Web.Hosting;

namespace Inertia.Web.Api.Miniflux;

/// <summary>
/// Miniflux's feed writes: create (the URL is fetched and must be a feed), update (title, category), delete, refresh one
/// or all (made due now; the background refresh is woken), mark a feed read, and its icon.
/// </summary>
public static class MinifluxFeeds
{
    public sealed record NewFeed(string? FeedUrl, long? CategoryId);
    public sealed record FeedChange(string? Title, long? CategoryId);
    public sealed record Icon(long Id, string Data, string MimeType);

    public static async Task<IResult> CreateAsync(MinifluxCall call)
    {
        var body = await call.BodyAsync<NewFeed>();
        var url = body.FeedUrl?.Trim();
        if (string.IsNullOrEmpty(url))
        {
            throw new MinifluxError(400, "The feed URL is required");
        }
        var category = await CategoryTitleAsync(call, body.CategoryId);
        if (await SubscriptionStore.FeedByUrlAsync(call.Connection, call.UserId, url) is not null)
        {
            throw new MinifluxError(400, "This feed already exists");
        }
        var fetcher = call.Http.RequestServices.GetRequiredService<FeedFetcher>();
        var found = await AddSubscription.LookUpAsync(fetcher, url, call.Aborted);
        if (found is not { Feed: { } feed, FeedUrl: { } feedUrl })
        {
            throw new MinifluxError(400, found.Error ?? $"{url} is a page, not a feed: POST /v1/discover lists the feeds it offers");
        }
        await call.Database.Writes.RunAsync((c, tx) => SubscriptionStore.SubscribeAsync(c, tx, call.UserId, feedUrl, category, null, feed.SiteUrl, call.Now), call.Aborted);
        var feedId = await SubscriptionStore.FeedByUrlAsync(call.Connection, call.UserId, feedUrl) ?? throw new MinifluxError(500, "The subscription was not stored");
        call.Http.RequestServices.GetRequiredService<RefreshSignal>().Wake();
        return Results.Json(new { feed_id = feedId }, MinifluxCall.Json, statusCode: 201);
    }

    public static async Task<IResult> UpdateAsync(MinifluxCall call, long feedId)
    {
        await RequireSubscribedAsync(call, feedId);
        var change = await call.BodyAsync<FeedChange>();
        if (change.Title is { } title)
        {
            if (title.Trim().Length == 0)
            {
                throw new MinifluxError(400, "The title is empty");
            }
            await SubscriptionStore.SetTitleAsync(call.Connection, call.UserId, feedId, title.Trim());
        }
        if (change.CategoryId is { } categoryId)
        {
            // 0 is the "All" category this API shows for feeds in none
            await CategoryTitleAsync(call, categoryId);
            await SubscriptionStore.SetCategoryAsync(call.Connection, call.UserId, feedId, categoryId == 0 ? null : categoryId);
        }
        var line = (await ReaderViews.SubscriptionsAsync(call.Connection, call.UserId)).First(s => s.FeedId == feedId);
        return Results.Json(MinifluxJson.For(call.UserId, line), MinifluxCall.Json, statusCode: 201);
    }

    public static async Task<IResult> DeleteAsync(MinifluxCall call, long feedId) =>
        await SubscriptionStore.UnsubscribeAsync(call.Connection, call.UserId, feedId) ? Results.NoContent() : throw new MinifluxError(404, "Feed not found");

    /// <summary>One feed (<paramref name="feedId"/>), a category's or all the user's feeds, made due now.</summary>
    public static async Task<IResult> RefreshAsync(MinifluxCall call, long? feedId = null, long? categoryId = null)
    {
        if (feedId is { } id)
        {
            await RequireSubscribedAsync(call, id);
        }
        if (categoryId is { } c && await CategoryStore.ByIdAsync(call.Connection, call.UserId, c) is null)
        {
            throw new MinifluxError(404, "Category not found");
        }
        await SubscriptionStore.MakeDueAsync(call.Connection, call.UserId, feedId, categoryId);
        call.Http.RequestServices.GetRequiredService<RefreshSignal>().Wake();
        return Results.NoContent();
    }

    /// <summary>Marks read what one feed, a category or all the user's feeds hold now (what arrives later stays unread).</summary>
    public static async Task<IResult> MarkReadAsync(MinifluxCall call, long? feedId = null, long? categoryId = null)
    {
        if (feedId is { } id)
        {
            await RequireSubscribedAsync(call, id);
        }
        if (categoryId is { } c && await CategoryStore.ByIdAsync(call.Connection, call.UserId, c) is null)
        {
            throw new MinifluxError(404, "Category not found");
        }
        var upTo = await ItemStream.NewestSeenByAsync(call.Connection, call.UserId, feedId, categoryId, null);
        if (upTo > 0)
        {
            await ReadState.MarkAllReadAsync(call.Database, call.UserId, upTo, feedId, categoryId, call.Aborted);
        }
        return Results.NoContent();
    }

    /// <summary>A feed's icon as a data URI body; an icon's id is its feed's id here.</summary>
    public static async Task<IResult> IconAsync(MinifluxCall call, long feedId)
    {
        if (!await ReaderViews.IsSubscribedAsync(call.Connection, call.UserId, feedId)
            || await IconStore.GetAsync(call.Connection, feedId) is not { } icon)
        {
            throw new MinifluxError(404, "This feed doesn't have any icon");
        }
        return Results.Json(new Icon(feedId, $"{icon.ContentType};base64,{Convert.ToBase64String(icon.Data)}", icon.ContentType), MinifluxCall.Json);
    }

    private static async Task RequireSubscribedAsync(MinifluxCall call, long feedId)
    {
        if (!await ReaderViews.IsSubscribedAsync(call.Connection, call.UserId, feedId))
        {
            throw new MinifluxError(404, "Feed not found");
        }
    }

    // a category_id in a body: 0 or none is no category; another user's or an unknown one is refused
    private static async Task<string?> CategoryTitleAsync(MinifluxCall call, long? categoryId) =>
        categoryId is null or 0 ? null
            : (await CategoryStore.ByIdAsync(call.Connection, call.UserId, categoryId.Value))?.Title
              ?? throw new MinifluxError(400, "This category does not exist or does not belong to this user");
}
