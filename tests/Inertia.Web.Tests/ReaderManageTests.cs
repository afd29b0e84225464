using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Inertia.Reader.Storage;
using Inertia.Reader.Tests;

namespace Inertia.Web.Tests;

/// <summary>Managing subscriptions in the reader, on both databases: a feed's options and health, categories, OPML import with its progress and report, export, and another user's ids refused.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ReaderManageTests(PostgresServer postgres)
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private Task<(SiteHost Site, HttpClient Http, long UserId)> StartAsync(DatabaseProvider provider) => SignedInSite.StartAsync(provider, postgres);

    private static async Task<long> SubscribeAsync(SiteHost site, long userId, string fixture, string? category = null)
    {
        var url = site.Feeds.Url(fixture).ToString();
        await using var connection = await site.Database.OpenAsync();
        await SubscriptionStore.SubscribeAsync(connection, null, userId, url, category, null, null, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        return (await SubscriptionStore.FeedByUrlAsync(connection, userId, url))!.Value;
    }

    private static async Task<SubscriptionSettings?> SettingsAsync(SiteHost site, long userId, long feedId)
    {
        await using var connection = await site.Database.OpenAsync();
        return await SubscriptionStore.SettingsAsync(connection, userId, feedId);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_feeds_page_says_its_health_and_saves_its_title_category_full_content_and_pause(DatabaseProvider provider)
    {
        var (site, http, user) = await StartAsync(provider);
        await using var _ = site;
        var feed = await SubscribeAsync(site, user, "ithome.xml");
        var page = await http.GetStringAsync($"/reader/feeds/{feed}");
        Assert.Contains("IT之家", page);
        // fetched by the start-up refresh: its health says when, in words
        Assert.Contains("更新；下次尝试", page);

        var saved = await SiteHost.PostFormAsync(http, $"/reader/feeds/{feed}",
            [new("title", "之家"), new("category", "0"), new("newCategory", "中文科技"), new("fullContent", "true"), new("paused", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var settings = (await SettingsAsync(site, user, feed))!;
        Assert.Equal("之家", settings.Options.Title);
        Assert.True(settings.Options.FetchFullContent);
        Assert.NotNull(settings.Options.PausedAt);
        await using (var connection = await site.Database.OpenAsync())
        {
            Assert.Equal(settings.Options.CategoryId, await CategoryStore.FindAsync(connection, user, "中文科技"));
        }
        var shown = await http.GetStringAsync(saved.Headers.Location!.OriginalString);
        Assert.Contains("已保存", shown);
        Assert.Contains("已暂停", shown);

        // the title put back to the feed's own, the pause lifted, full content off: the options follow
        Assert.Equal(HttpStatusCode.Redirect, (await SiteHost.PostFormAsync(http, $"/reader/feeds/{feed}",
            [new("title", ""), new("category", settings.Options.CategoryId!.Value.ToString())])).StatusCode);
        settings = (await SettingsAsync(site, user, feed))!;
        Assert.Null(settings.Options.Title);
        Assert.False(settings.Options.FetchFullContent);
        Assert.Null(settings.Options.PausedAt);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Unsubscribing_takes_the_confirming_button_and_leaves_the_feed_out_of_the_lists(DatabaseProvider provider)
    {
        var (site, http, user) = await StartAsync(provider);
        await using var _ = site;
        var feed = await SubscribeAsync(site, user, "ithome.xml");
        var page = await http.GetStringAsync($"/reader/feeds/{feed}");
        Assert.Contains("确定取消订阅", page);
        var ended = await SiteHost.PostFormAsync(http, $"/reader/feeds/{feed}", [], handler: "Unsubscribe");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Null(await SettingsAsync(site, user, feed));
        Assert.Contains("已取消订阅", await http.GetStringAsync(ended.Headers.Location!.OriginalString));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/reader/feeds/{feed}")).StatusCode);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Categories_are_made_renamed_reordered_and_deleted_and_their_feeds_stay(DatabaseProvider provider)
    {
        var (site, http, user) = await StartAsync(provider);
        await using var _ = site;
        var feed = await SubscribeAsync(site, user, "ithome.xml", "Tech");
        await SubscribeAsync(site, user, "ruanyifeng.xml", "Blogs");
        foreach (var title in new[] { "Alpha", "Tech" })
        {
            Assert.Equal(HttpStatusCode.OK, (await SiteHost.PostFormAsync(http, "/reader/subscriptions", [new("title", title)], handler: "Add")).StatusCode);
        }
        async Task<IReadOnlyList<Category>> CategoriesAsync()
        {
            await using var connection = await site.Database.OpenAsync();
            return await CategoryStore.ListAsync(connection, user);
        }
        // "Tech" existed: refused in words, nothing doubled
        Assert.Equal(["Alpha", "Blogs", "Tech"], (await CategoriesAsync()).Select(c => c.Title));
        var tech = (await CategoriesAsync()).Single(c => c.Title == "Tech").Id;
        var taken = await SiteHost.PostFormAsync(http, "/reader/subscriptions", [new("id", tech.ToString()), new("title", "Blogs")], handler: "Rename");
        Assert.Contains("已有名为「Blogs」的分类", await taken.Content.ReadAsStringAsync());
        await SiteHost.PostFormAsync(http, "/reader/subscriptions", [new("id", tech.ToString()), new("title", "科技")], handler: "Rename");
        await SiteHost.PostFormAsync(http, "/reader/subscriptions", [new("id", tech.ToString()), new("by", "-1")], handler: "Move");
        await SiteHost.PostFormAsync(http, "/reader/subscriptions", [new("id", tech.ToString()), new("by", "-1")], handler: "Move");
        Assert.Equal(["科技", "Alpha", "Blogs"], (await CategoriesAsync()).Select(c => c.Title));
        // the sidebar follows the user's order
        var sidebar = await http.GetStringAsync("/reader");
        Assert.True(sidebar.IndexOf("科技", StringComparison.Ordinal) < sidebar.IndexOf("Blogs", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, (await SiteHost.PostFormAsync(http, "/reader/subscriptions", [new("id", tech.ToString())], handler: "Delete")).StatusCode);
        Assert.Equal(["Alpha", "Blogs"], (await CategoriesAsync()).Select(c => c.Title));
        var settings = (await SettingsAsync(site, user, feed))!;
        Assert.Null(settings.Options.CategoryId);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_search_saved_as_a_view_is_in_the_sidebar_with_its_unread_count_and_can_be_deleted(DatabaseProvider provider)
    {
        var (site, http, user) = await StartAsync(provider);
        await using var _ = site;
        await SubscribeAsync(site, user, "ithome.xml");
        var search = "/reader?q=" + Uri.EscapeDataString("发布");
        var page = await http.GetStringAsync(search);
        Assert.Contains("保存视图", page);
        var saved = await http.PostAsync(search + "&handler=SaveView", new FormUrlEncodedContent(
            [new("title", "发布会"), new("__RequestVerificationToken", SiteHost.FormToken(page))]));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        IReadOnlyList<SavedView> views;
        await using (var connection = await site.Database.OpenAsync())
        {
            views = await SavedViewStore.ListAsync(connection, user);
        }
        var view = Assert.Single(views);
        Assert.Equal("发布会", view.Title);
        Assert.Equal(search, view.Address);
        // three of the feed's entries hold the word, all unread: the sidebar says so on every reader page, and marks it open on its own list
        var sidebar = await http.GetStringAsync("/reader/subscriptions");
        Assert.Matches("发布会</span>\\s*<span class=\"count\">3</span>", sidebar);
        Assert.Contains("aria-current=\"page\"><span class=\"saved-mark\"", await http.GetStringAsync(search));

        // another user's view is not theirs to delete; their own goes
        var bob = await site.CreateUserAsync("bob", "bob-account-password");
        long bobsView;
        await using (var connection = await site.Database.OpenAsync())
        {
            bobsView = await SavedViewStore.SaveAsync(connection, bob, "mine", "/reader?q=x", 1);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await SiteHost.PostFormAsync(http, "/reader/subscriptions", [new("id", bobsView.ToString())], handler: "DeleteView")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SiteHost.PostFormAsync(http, "/reader/subscriptions", [new("id", view.Id.ToString())], handler: "DeleteView")).StatusCode);
        await using (var connection = await site.Database.OpenAsync())
        {
            Assert.Empty(await SavedViewStore.ListAsync(connection, user));
            Assert.Single(await SavedViewStore.ListAsync(connection, bob));
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Another_users_feeds_categories_and_imports_are_not_found_and_stay_as_they_were(DatabaseProvider provider)
    {
        var (site, http, alice) = await StartAsync(provider);
        await using var _ = site;
        var bob = await site.CreateUserAsync("bob", "bob-account-password");
        var bobsFeed = await SubscribeAsync(site, bob, "ruanyifeng.xml", "Bob's");
        long bobsCategory, bobsJob;
        await using (var connection = await site.Database.OpenAsync())
        {
            bobsCategory = (await CategoryStore.FindAsync(connection, bob, "Bob's"))!.Value;
            bobsJob = await ImportJobStore.StartAsync(connection, bob, "bob.opml", 3, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        }
        // alice's own page gives her a token to post with; every route is then tried with bob's ids
        var token = SiteHost.FormToken(await http.GetStringAsync("/reader/subscriptions"));
        async Task<HttpStatusCode> PostAsync(string path, params (string Key, string Value)[] fields) =>
            (await http.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))
                .Append(new("__RequestVerificationToken", token))))).StatusCode;

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/reader/feeds/{bobsFeed}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await PostAsync($"/reader/feeds/{bobsFeed}", ("title", "mine now"), ("paused", "true")));
        Assert.Equal(HttpStatusCode.NotFound, await PostAsync($"/reader/feeds/{bobsFeed}?handler=Refresh"));
        Assert.Equal(HttpStatusCode.NotFound, await PostAsync($"/reader/feeds/{bobsFeed}?handler=Unsubscribe"));
        Assert.Equal(HttpStatusCode.NotFound, await PostAsync("/reader/subscriptions?handler=Rename", ("id", bobsCategory.ToString()), ("title", "x")));
        Assert.Equal(HttpStatusCode.NotFound, await PostAsync("/reader/subscriptions?handler=Move", ("id", bobsCategory.ToString()), ("by", "1")));
        Assert.Equal(HttpStatusCode.NotFound, await PostAsync("/reader/subscriptions?handler=Delete", ("id", bobsCategory.ToString())));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/reader/import/{bobsJob}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/reader/import/{bobsJob}?handler=progress")).StatusCode);
        // alice's own feed moved into bob's category: refused, her feed stays where it was
        var alicesFeed = await SubscribeAsync(site, alice, "ithome.xml");
        Assert.Equal(HttpStatusCode.OK, await PostAsync($"/reader/feeds/{alicesFeed}", ("category", bobsCategory.ToString())));
        Assert.Null((await SettingsAsync(site, alice, alicesFeed))!.Options.CategoryId);

        var bobs = (await SettingsAsync(site, bob, bobsFeed))!;
        Assert.Null(bobs.Options.Title);
        Assert.Null(bobs.Options.PausedAt);
        Assert.Equal(bobsCategory, bobs.Options.CategoryId);
        await using (var connection = await site.Database.OpenAsync())
        {
            Assert.Equal("Bob's", (await CategoryStore.ByIdAsync(connection, bob, bobsCategory))!.Title);
        }
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient http, string opml, string fileName = "subscriptions.opml")
    {
        var token = SiteHost.FormToken(await http.GetStringAsync("/reader/import"));
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(opml));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/x-opml");
        form.Add(file, "file", fileName);
        form.Add(new StringContent(token), "__RequestVerificationToken");
        return await http.PostAsync("/reader/import", form);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_opml_upload_of_500_outlines_and_20_broken_ones_imports_in_the_background_with_its_progress_and_report(DatabaseProvider provider)
    {
        var (site, http, user) = await StartAsync(provider);
        await using var _ = site;
        var uploaded = await UploadAsync(http, OpmlFiles.Farm(site.Feeds, 500, 20));
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var job = uploaded.Headers.Location!.OriginalString;
        Assert.Matches("^/reader/import/[0-9]+$", job);

        // the progress only grows, and ends at every outline read
        var seen = new List<int>();
        JsonElement progress;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            progress = JsonDocument.Parse(await http.GetStringAsync($"{job}?handler=progress")).RootElement;
            seen.Add(progress.GetProperty("done").GetInt32());
            Assert.Equal(520, progress.GetProperty("total").GetInt32());
            if (progress.GetProperty("state").GetString() != "running" || DateTime.UtcNow > deadline)
            {
                break;
            }
            await Task.Delay(50);
        }
        Assert.Equal("finished", progress.GetProperty("state").GetString());
        Assert.Equal(seen.Order(), seen);
        Assert.Equal(520, seen[^1]);
        Assert.Equal(500, progress.GetProperty("imported").GetInt32());
        Assert.Equal(20, progress.GetProperty("invalid").GetInt32());

        var report = await http.GetStringAsync(job);
        Assert.Contains("20 条未导入", report);
        // each refused outline with its line: the first broken one follows the 500 feeds and the folders' 4 lines
        Assert.Contains("<td>507</td>", report);
        await using (var connection = await site.Database.OpenAsync())
        {
            Assert.Equal(500, (await ReaderViews.SubscriptionsAsync(connection, user)).Count);
            Assert.Equal(["Folder 0", "Folder 1"], (await CategoryStore.ListAsync(connection, user)).Select(c => c.Title));
        }

        // the export holds every feed, by folder; importing it again finds them all subscribed already
        var export = await http.GetAsync("/reader/export.opml");
        Assert.Equal("text/x-opml", export.Content.Headers.ContentType!.MediaType);
        var exported = await export.Content.ReadAsStringAsync();
        Assert.Equal(500, System.Text.RegularExpressions.Regex.Count(exported, "xmlUrl="));
        Assert.Contains("Folder 1", exported);
        var again = await UploadAsync(http, exported, "inertia-subscriptions.opml");
        var second = again.Headers.Location!.OriginalString;
        deadline = DateTime.UtcNow.AddSeconds(60);
        do
        {
            await Task.Delay(50);
            progress = JsonDocument.Parse(await http.GetStringAsync($"{second}?handler=progress")).RootElement;
        }
        while (progress.GetProperty("state").GetString() == "running" && DateTime.UtcNow < deadline);
        Assert.Equal(0, progress.GetProperty("imported").GetInt32());
        Assert.Equal(500, progress.GetProperty("already").GetInt32());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_file_of_10000_outlines_is_imported_whole(DatabaseProvider provider)
    {
        var (site, http, user) = await StartAsync(provider);
        await using var _ = site;
        var job = (await UploadAsync(http, OpmlFiles.Farm(site.Feeds, 10_000, 0))).Headers.Location!.OriginalString;
        JsonElement progress;
        var deadline = DateTime.UtcNow.AddMinutes(3);
        do
        {
            await Task.Delay(200);
            progress = JsonDocument.Parse(await http.GetStringAsync($"{job}?handler=progress")).RootElement;
        }
        while (progress.GetProperty("state").GetString() == "running" && DateTime.UtcNow < deadline);
        Assert.Equal("finished", progress.GetProperty("state").GetString());
        Assert.Equal(10_000, progress.GetProperty("imported").GetInt32());
        await using var connection = await site.Database.OpenAsync();
        Assert.Equal(10_000, (await ReaderViews.SubscriptionsAsync(connection, user)).Count);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_file_with_no_feed_in_it_is_refused_in_words_and_starts_no_import(DatabaseProvider provider)
    {
        var (site, http, user) = await StartAsync(provider);
        await using var _ = site;
        var answer = await UploadAsync(http, "<html><body>not a subscription list</body></html>", "page.html");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("文件中没有找到订阅源", await answer.Content.ReadAsStringAsync());
        await using var connection = await site.Database.OpenAsync();
        Assert.Empty(await ImportJobStore.RecentAsync(connection, user));
    }
}
