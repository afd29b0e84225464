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
        const string Feeds = "Feeds", Categories = "Categories", Entries = "Entries", Account = "Account", Opml = "OPML and discovery";
        v1.MapGet("/me", Run(MeAsync)).Documented(Account, "The signed-in user").Produces<Me>();
        v1.MapGet("/version", Run(VersionAsync)).Documented(Account, "The server's version").Produces(200);
        v1.MapPut("/users/{id}/mark-all-as-read", (HttpContext http, string id) => MinifluxCall.RunAsync(http, call =>
            Id(id) == call.UserId ? MinifluxFeeds.MarkReadAsync(call) : throw new MinifluxError(403, "Access Forbidden")))
            .Documented(Account, "Mark every entry of the user's feeds read (the caller's own id only)").Produces(204);

        v1.MapGet("/categories", Run(CategoriesAsync)).Documented(Categories, "The user's categories").Produces<MinifluxJson.Category[]>();
        v1.MapPost("/categories", Run(MinifluxCategories.CreateAsync))
            .Documented(Categories, "Create a category").WithMetadata(new RequestBody(typeof(MinifluxCategories.CategoryTitle), "application/json")).Produces<MinifluxJson.Category>(201);
        v1.MapPut("/categories/{id}", (HttpContext http, string id) => MinifluxCall.RunAsync(http, call => MinifluxCategories.UpdateAsync(call, Id(id))))
            .Documented(Categories, "Rename a category").WithMetadata(new RequestBody(typeof(MinifluxCategories.CategoryTitle), "application/json")).Produces<MinifluxJson.Category>(201);
        v1.MapDelete("/categories/{id}", (HttpContext http, string id) => MinifluxCall.RunAsync(http, call => MinifluxCategories.DeleteAsync(call, Id(id))))
            .Documented(Categories, "Delete a category (its feeds stay, in none)").Produces(204);
        v1.MapGet("/categories/{id}/feeds", (HttpContext http, string id) => MinifluxCall.RunAsync(http, call => MinifluxCategories.FeedsAsync(call, Id(id))))
            .Documented(Categories, "A category's feeds").Produces<MinifluxJson.Feed[]>();
        v1.MapGet("/categories/{id}/entries", (HttpContext http, string id) => MinifluxCall.RunAsync(http, call => MinifluxEntries.ListAsync(call, categoryId: Id(id))))
            .Documented(Categories, "A category's entries").WithMetadata(MinifluxOpenApi.EntryFilters).Produces<MinifluxJson.EntryPage>();
        v1.MapGet("/categories/{id}/entries/{entryId}", (HttpContext http, string id, string entryId) =>
            MinifluxCall.RunAsync(http, call => MinifluxEntries.OneAsync(call, Id(entryId), categoryId: Id(id))))
            .Documented(Categories, "One entry of a category").Produces<MinifluxJson.Entry>();
        v1.MapPut("/categories/{id}/mark-all-as-read", (HttpContext http, string id) => MinifluxCall.RunAsync(http, call => MinifluxFeeds.MarkReadAsync(call, categoryId: Id(id))))
            .Documented(Categories, "Mark a category's entries read").Produces(204);
        v1.MapPut("/categories/{id}/refresh", (HttpContext http, string id) => MinifluxCall.RunAsync(http, call => MinifluxFeeds.RefreshAsync(call, categoryId: Id(id))))
            .Documented(Categories, "Refresh a category's feeds (in the background, now)").Produces(204);

        v1.MapGet("/feeds", Run(FeedsAsync)).Documented(Feeds, "The user's feeds").Produces<MinifluxJson.Feed[]>();
        v1.MapPost("/feeds", Run(MinifluxFeeds.CreateAsync))
            .Documented(Feeds, "Subscribe to a feed (it is fetched and must be a feed)").WithMetadata(new RequestBody(typeof(MinifluxFeeds.NewFeed), "application/json")).Produces<FeedCreated>(201);
        v1.MapGet("/feeds/counters", Run(CountersAsync)).Documented(Feeds, "Read and unread counts per feed").Produces<Counters>();
        v1.MapPut("/feeds/refresh", Run(RefreshAllAsync)).Documented(Feeds, "Refresh every feed (in the background, now)").Produces(204);
        v1.MapGet("/feeds/{id}", (HttpContext http, string id) => MinifluxCall.RunAsync(http, call => FeedAsync(call, Id(id))))
            .Documented(Feeds, "One feed").Produces<MinifluxJson.Feed>();
        v1.MapPut("/feeds/{id}", (HttpContext http, string id) => MinifluxCall.RunAsync(http, call => MinifluxFeeds.UpdateAsync(call, Id(id))))
            .Documented(Feeds, "Change a feed's title or category (0: none)").WithMetadata(new RequestBody(typeof(MinifluxFeeds.FeedChange), "application/json")).Produces<MinifluxJson.Feed>(201);
        v1.MapDelete("/feeds/{id}", (HttpContext http, string id) => MinifluxCall.RunAsync(http, call => MinifluxFeeds.DeleteAsync(call, Id(id))))
            .Documented(Feeds, "Unsubscribe (starred entries stay)").Produces(204);
        v1.MapPut("/feeds/{id}/refresh", (HttpContext http, string id) => MinifluxCall.RunAsync(http, call => MinifluxFeeds.RefreshAsync(call, feedId: Id(id))))
            .Documented(Feeds, "Refresh a feed (in the background, now)").Produces(204);
        v1.MapPut("/feeds/{id}/mark-all-as-read", (HttpContext http, string id) => MinifluxCall.RunAsync(http, call => MinifluxFeeds.MarkReadAsync(call, feedId: Id(id))))
            .Documented(Feeds, "Mark a feed's entries read").Produces(204);
        v1.MapGet("/feeds/{id}/icon", (HttpContext http, string id) => MinifluxCall.RunAsync(http, call => MinifluxFeeds.IconAsync(call, Id(id))))
            .Documented(Feeds, "A feed's icon as a data URI").Produces<MinifluxFeeds.Icon>();
        v1.MapGet("/feeds/{id}/entries", (HttpContext http, string id) => MinifluxCall.RunAsync(http, call => MinifluxEntries.ListAsync(call, feedId: Id(id))))
            .Documented(Feeds, "A feed's entries").WithMetadata(MinifluxOpenApi.EntryFilters).Produces<MinifluxJson.EntryPage>();
        v1.MapGet("/feeds/{id}/entries/{entryId}", (HttpContext http, string id, string entryId) =>
            MinifluxCall.RunAsync(http, call => MinifluxEntries.OneAsync(call, Id(entryId), feedId: Id(id))))
            .Documented(Feeds, "One entry of a feed").Produces<MinifluxJson.Entry>();
        v1.MapGet("/icons/{id}", (HttpContext http, string id) => MinifluxCall.RunAsync(http, call => MinifluxFeeds.IconAsync(call, Id(id))))
            .Documented(Feeds, "An icon by its id (a feed's icon id)").Produces<MinifluxFeeds.Icon>();

        v1.MapGet("/entries", Run(AllEntriesAsync))
            .Documented(Entries, "Entries of every feed, filtered").WithMetadata(MinifluxOpenApi.EntryFilters).Produces<MinifluxJson.EntryPage>();
        v1.MapGet("/entries/{id}", (HttpContext http, string id) => MinifluxCall.RunAsync(http, call => MinifluxEntries.OneAsync(call, Id(id))))
            .Documented(Entries, "One entry").Produces<MinifluxJson.Entry>();
        v1.MapPut("/entries", Run(MinifluxEntries.SetStatusAsync))
            .Documented(Entries, "Mark entries read or unread (up to 10,000)").WithMetadata(new RequestBody(typeof(MinifluxEntries.StatusChange), "application/json")).Produces(204);
        v1.MapPut("/entries/{id}/bookmark", (HttpContext http, string id) => MinifluxCall.RunAsync(http, call => MinifluxEntries.ToggleBookmarkAsync(call, Id(id))))
            .Documented(Entries, "Star or unstar an entry").Produces(204);

        v1.MapGet("/export", Run(MinifluxOpml.ExportAsync)).Documented(Opml, "The subscriptions as OPML").Produces(200, contentType: "text/xml");
        v1.MapPost("/import", Run(MinifluxOpml.ImportAsync))
            .Documented(Opml, "Import an OPML file (the request body); the reply counts what was new, known and refused").WithMetadata(new RequestBody(typeof(string), "text/xml")).Produces<ImportReply>(201);
        v1.MapPost("/discover", Run(MinifluxOpml.DiscoverAsync))
            .Documented(Opml, "The feeds a URL is or offers").WithMetadata(new RequestBody(typeof(MinifluxOpml.DiscoverRequest), "application/json")).Produces<MinifluxOpml.Subscription[]>();
        // anything else under /v1 is Miniflux's 404, in its shape
        v1.Map("/{**rest}", () => MinifluxCall.Error(404, "Not found")).ExcludeFromDescription();
    }

    // a handler the endpoint's description can see (a RequestDelegate would be left out of the OpenAPI document)
    private static Func<HttpContext, Task> Run(Func<MinifluxCall, Task<IResult>> action) => http => MinifluxCall.RunAsync(http, action);

    // shapes written as anonymous objects, declared for the OpenAPI document
    private sealed record Me(long Id, string Username, bool IsAdmin, string Theme, string Language, string Timezone, string EntrySortingDirection, int EntriesPerPage, string LastLoginAt);
    private sealed record FeedCreated(long FeedId);
    private sealed record Counters(IReadOnlyDictionary<string, long> Reads, IReadOnlyDictionary<string, long> Unreads);
    private sealed record ImportReply(string Message, int Imported, int AlreadySubscribed, IReadOnlyList<ImportProblem> Invalid);
    private sealed record ImportProblem(int Line, string Reason);

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
            language = me.Language switch { "en" => "en_US", "zh-Hant" => "zh_TW", _ => "zh_CN" },
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
