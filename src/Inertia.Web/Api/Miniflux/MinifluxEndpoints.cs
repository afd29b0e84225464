using Inertia.Reader.Storage;

namespace Inertia.Web.Api.Miniflux;

/// <summary>
/// The Miniflux REST API v1 at <c>/v1/</c>, the part its clients sync through: <c>/v1/me</c>, <c>/v1/categories</c>,
/// <c>/v1/feeds</c> (and one feed, its entries, its counters), <c>/v1/entries</c>, <c>PUT /v1/entries</c> (status) and
/// <c>PUT /v1/entries/{id}/bookmark</c>. API passwords or the account password; no cookie.
/// </summary>
public static class MinifluxEndpoints
{
    public static void MapMiniflux(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").DisableAntiforgery();
        v1.MapGet("/me", http => MinifluxCall.RunAsync(http, MeAsync));
        v1.MapGet("/categories", http => MinifluxCall.RunAsync(http, CategoriesAsync));
        v1.MapGet("/feeds", http => MinifluxCall.RunAsync(http, FeedsAsync));
        v1.MapGet("/feeds/counters", http => MinifluxCall.RunAsync(http, CountersAsync));
        v1.MapGet("/feeds/{id}", (HttpContext http, string id) => MinifluxCall.RunAsync(http, call => FeedAsync(call, Id(id))));
        v1.MapGet("/feeds/{id}/entries", (HttpContext http, string id) => MinifluxCall.RunAsync(http, call => MinifluxEntries.ListAsync(call, feedId: Id(id))));
        v1.MapGet("/categories/{id}/entries", (HttpContext http, string id) => MinifluxCall.RunAsync(http, call => MinifluxEntries.ListAsync(call, categoryId: Id(id))));
        v1.MapGet("/entries", http => MinifluxCall.RunAsync(http, AllEntriesAsync));
        v1.MapGet("/entries/{id}", (HttpContext http, string id) => MinifluxCall.RunAsync(http, call => MinifluxEntries.OneAsync(call, Id(id))));
        v1.MapPut("/entries", http => MinifluxCall.RunAsync(http, MinifluxEntries.SetStatusAsync));
        v1.MapPut("/entries/{id}/bookmark", (HttpContext http, string id) => MinifluxCall.RunAsync(http, call => MinifluxEntries.ToggleBookmarkAsync(call, Id(id))));
        // anything else under /v1 is Miniflux's 404, in its shape
        v1.Map("/{**rest}", () => MinifluxCall.Error(404, "Not found"));
    }

    // ids in paths are validated here, so that "abc" or "-1" is a 400 in Miniflux's shape and not the router's bare 404
    private static long Id(string text) =>
        long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0
            ? id : throw new MinifluxError(400, "Invalid ID");

    private static Task<IResult> AllEntriesAsync(MinifluxCall call) => MinifluxEntries.ListAsync(call);

    private static async Task<IResult> MeAsync(MinifluxCall call)
    {
        var connection = call.Connection;
        var me = await UserStore.ByIdAsync(connection, call.UserId) ?? throw new MinifluxError(401, "Access Unauthorized");
        return Results.Json(new
        {
            id = me.Id,
            username = me.Name,
            is_admin = me.IsAdmin,
            theme = me.Theme ?? "system_serif",
            language = me.Language == "en" ? "en_US" : "zh_CN",
            timezone = me.TimeZone ?? "UTC",
            entry_sorting_direction = "desc",
            entries_per_page = 100,
            last_login_at = MinifluxJson.Time(me.CreatedAt),
        }, MinifluxCall.Json);
    }

    private static async Task<IResult> CategoriesAsync(MinifluxCall call)
    {
        var connection = call.Connection;
        var categories = await CategoryStore.ListAsync(connection, call.UserId);
        return Results.Json(categories.Select(c => new MinifluxJson.Category(c.Id, c.Title, call.UserId)).ToList(), MinifluxCall.Json);
    }

    private static async Task<IResult> FeedsAsync(MinifluxCall call)
    {
        var connection = call.Connection;
        var subscriptions = await ReaderViews.SubscriptionsAsync(connection, call.UserId);
        return Results.Json(subscriptions.Select(s => MinifluxJson.For(call.UserId, s)).ToList(), MinifluxCall.Json);
    }

    private static async Task<IResult> FeedAsync(MinifluxCall call, long id)
    {
        var connection = call.Connection;
        var feed = (await ReaderViews.SubscriptionsAsync(connection, call.UserId)).FirstOrDefault(s => s.FeedId == id)
            ?? throw new MinifluxError(404, "Feed not found");
        return Results.Json(MinifluxJson.For(call.UserId, feed), MinifluxCall.Json);
    }

    private static async Task<IResult> CountersAsync(MinifluxCall call)
    {
        var connection = call.Connection;
        var counters = await ItemStream.UnreadCountersAsync(connection, call.UserId);
        var subscriptions = await ReaderViews.SubscriptionsAsync(connection, call.UserId);
        var unread = counters.ToDictionary(c => c.FeedId.ToString(System.Globalization.CultureInfo.InvariantCulture), c => c.Count);
        var entries = await ItemStream.EntriesPerFeedAsync(connection, call.UserId);
        var reads = subscriptions.ToDictionary(s => s.FeedId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            s => entries.GetValueOrDefault(s.FeedId) - s.UnreadCount);
        return Results.Json(new { reads, unreads = unread }, MinifluxCall.Json);
    }
}
