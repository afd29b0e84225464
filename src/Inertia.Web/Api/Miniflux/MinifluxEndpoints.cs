using Inertia.Reader.Storage;

namespace Inertia.Web.Api.Miniflux;

/// <summary>
/// The Miniflux REST API v1 at <c>/v1/</c> (docs/api.md): the user, categories and feeds (read and write), entries with
/// their filters and search, status and bookmarks, refresh, mark-all-as-read, icons, OPML export and import, discovery.
/// API passwords or the account password; no cookie. Users' administration is the web app's and the CLI's.
/// </summary>
public static class MinifluxEndpoints
{
    public static void MapMiniflux(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").DisableAntiforgery();
        v1.MapGet("/me", http => MinifluxCall.RunAsync(http, MeAsync));
        v1.MapGet("/version", http => MinifluxCall.RunAsync(http, VersionAsync));
        v1.MapGet("/categories", http => MinifluxCall.RunAsync(http, CategoriesAsync));
        v1.MapPost("/categories", http => MinifluxCall.RunAsync(http, MinifluxCategories.CreateAsync));
        v1.MapPut("/categories/{id}", (HttpContext http, string id) => MinifluxCall.RunAsync(http, call => MinifluxCategories.UpdateAsync(call, Id(id))));
        v1.MapDelete("/categories/{id}", (HttpContext http, string id) => MinifluxCall.RunAsync(http, call => MinifluxCategories.DeleteAsync(call, Id(id))));
        v1.MapGet("/categories/{id}/feeds", (HttpContext http, string id) => MinifluxCall.RunAsync(http, call => MinifluxCategories.FeedsAsync(call, Id(id))));
        v1.MapGet("/categories/{id}/entries", (HttpContext http, string id) => MinifluxCall.RunAsync(http, call => MinifluxEntries.ListAsync(call, categoryId: Id(id))));
        v1.MapGet("/categories/{id}/entries/{entryId}", (HttpContext http, string id, string entryId) =>
            MinifluxCall.RunAsync(http, call => MinifluxEntries.OneAsync(call, Id(entryId), categoryId: Id(id))));
        v1.MapPut("/categories/{id}/mark-all-as-read", (HttpContext http, string id) => MinifluxCall.RunAsync(http, call => MinifluxFeeds.MarkReadAsync(call, categoryId: Id(id))));
        v1.MapPut("/categories/{id}/refresh", (HttpContext http, string id) => MinifluxCall.RunAsync(http, call => MinifluxFeeds.RefreshAsync(call, categoryId: Id(id))));
        v1.MapGet("/feeds", http => MinifluxCall.RunAsync(http, FeedsAsync));
        v1.MapPost("/feeds", http => MinifluxCall.RunAsync(http, MinifluxFeeds.CreateAsync));
        v1.MapGet("/feeds/counters", http => MinifluxCall.RunAsync(http, CountersAsync));
        v1.MapPut("/feeds/refresh", http => MinifluxCall.RunAsync(http, RefreshAllAsync));
        v1.MapGet("/feeds/{id}", (HttpContext http, string id) => MinifluxCall.RunAsync(http, call => FeedAsync(call, Id(id))));
        v1.MapPut("/feeds/{id}", (HttpContext http, string id) => MinifluxCall.RunAsync(http, call => MinifluxFeeds.UpdateAsync(call, Id(id))));
        v1.MapDelete("/feeds/{id}", (HttpContext http, string id) => MinifluxCall.RunAsync(http, call => MinifluxFeeds.DeleteAsync(call, Id(id))));
        v1.MapPut("/feeds/{id}/refresh", (HttpContext http, string id) => MinifluxCall.RunAsync(http, call => MinifluxFeeds.RefreshAsync(call, feedId: Id(id))));
        v1.MapPut("/feeds/{id}/mark-all-as-read", (HttpContext http, string id) => MinifluxCall.RunAsync(http, call => MinifluxFeeds.MarkReadAsync(call, feedId: Id(id))));
        v1.MapGet("/feeds/{id}/icon", (HttpContext http, string id) => MinifluxCall.RunAsync(http, call => MinifluxFeeds.IconAsync(call, Id(id))));
        v1.MapGet("/feeds/{id}/entries", (HttpContext http, string id) => MinifluxCall.RunAsync(http, call => MinifluxEntries.ListAsync(call, feedId: Id(id))));
        v1.MapGet("/feeds/{id}/entries/{entryId}", (HttpContext http, string id, string entryId) =>
            MinifluxCall.RunAsync(http, call => MinifluxEntries.OneAsync(call, Id(entryId), feedId: Id(id))));
        v1.MapGet("/icons/{id}", (HttpContext http, string id) => MinifluxCall.RunAsync(http, call => MinifluxFeeds.IconAsync(call, Id(id))));
        v1.MapPut("/users/{id}/mark-all-as-read", (HttpContext http, string id) => MinifluxCall.RunAsync(http, call =>
            Id(id) == call.UserId ? MinifluxFeeds.MarkReadAsync(call) : throw new MinifluxError(403, "Access Forbidden")));
        v1.MapGet("/export", http => MinifluxCall.RunAsync(http, MinifluxOpml.ExportAsync));
        v1.MapPost("/import", http => MinifluxCall.RunAsync(http, MinifluxOpml.ImportAsync));
        v1.MapPost("/discover", http => MinifluxCall.RunAsync(http, MinifluxOpml.DiscoverAsync));
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

    private static Task<IResult> RefreshAllAsync(MinifluxCall call) => MinifluxFeeds.RefreshAsync(call);

    private static Task<IResult> VersionAsync(MinifluxCall call) => Task.FromResult(Results.Json(new
    {
        version = typeof(MinifluxEndpoints).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
        commit = "",
        build_date = "",
        go_version = "",
        compiler = "dotnet",
        arch = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(),
        os = "linux",
    }, MinifluxCall.Json));

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
