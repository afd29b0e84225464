using System.Text;
using Dapper;
using Inertia.Reader.Fetching;
using Inertia.Reader.Ingest;
using Inertia.Reader.Refresh;
using Inertia.Reader.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Inertia.Reader.Tests;

/// <summary>Import, refresh and re-refresh against a real feed server, on SQLite and PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RefreshTests(PostgresServer postgres) : ProviderTest(postgres)
{
    private static FeedFetcher Fetcher() => FetchingServices.CreateFetcher(
        new FetchOptions { AllowPrivateNetworks = true, RetryAttempts = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(20), AttemptTimeout = TimeSpan.FromSeconds(5) });

    private static string Rss(int feed, int entries) =>
        "<rss version=\"2.0\"><channel><title>Feed " + feed + "</title><link>https://site" + feed + ".example/</link>" +
        string.Concat(Enumerable.Range(0, entries).Select(i => $"<item><guid>f{feed}-{i}</guid><title>Entry {i}</title><description>&lt;p&gt;body {i} of feed {feed}&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;</description></item>")) +
        "</channel></rss>";

    private static Task<FeedServer> FarmAsync(int feeds) => FeedServer.StartAsync(app =>
    {
        app.MapGet("/feed/{n:int}", (int n, HttpContext c) =>
        {
            var etag = $"\"f{n}\"";
            if (c.Request.Headers.IfNoneMatch == etag)
            {
                return Results.StatusCode(304);
            }
            c.Response.Headers.ETag = etag;
            return Results.Text(Rss(n, 5), "application/rss+xml");
        });
        app.MapGet("/broken", () => Results.StatusCode(500));
        app.MapGet("/html", () => Results.Text("<html><body>not a feed</body></html>", "text/html"));
    });

    private static string Opml(FeedServer server, int feeds) =>
        "<opml version=\"2.0\"><body><outline text=\"Farm\">" +
        string.Concat(Enumerable.Range(0, feeds).Select(i => $"<outline type=\"rss\" text=\"F{i}\" xmlUrl=\"{server.Url($"/feed/{i}")}\"/>")) +
        $"<outline type=\"rss\" text=\"Broken\" xmlUrl=\"{server.Url("/broken")}\"/><outline type=\"rss\" text=\"Html\" xmlUrl=\"{server.Url("/html")}\"/>" +
        "</outline></body></opml>";

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_refresh_ingests_new_entries_and_a_second_one_is_all_304_with_nothing_new(DatabaseProvider provider)
    {
        await using var server = await FarmAsync(10);
        await using var db = await NewMigratedDatabaseAsync(provider);
        var userId = await AddUserAsync(db, "ann", admin: false);
        var report = await OpmlImport.RunAsync(db, userId, Opml(server, 10), batchSize: 4);
        Assert.Equal(new ImportReport(12, 0, []).ToString(), report.ToString());

        var refresher = new FeedRefresher(db, Fetcher());
        var first = await refresher.RefreshAllAsync();
        Assert.Equal((12, 10, 0, 2, 50, 0), (first.Feeds, first.Ok, first.NotModified, first.Failed, first.NewEntries, first.UpdatedEntries));
        var second = await refresher.RefreshAllAsync();
        Assert.Equal((12, 0, 10, 2, 0, 0), (second.Feeds, second.Ok, second.NotModified, second.Failed, second.NewEntries, second.UpdatedEntries));

        await using var check = await db.OpenAsync();
        Assert.Equal(50, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM entries"));
        Assert.Equal(0, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM entries WHERE summary LIKE '%script%'"));
        var broken = await check.QuerySingleAsync<(int ErrorCount, string LastError, long NextFetchAt)>(
            "SELECT error_count, last_error, next_fetch_at FROM feeds WHERE url LIKE '%/broken'");
        Assert.Equal(2, broken.ErrorCount);
        Assert.Contains("HTTP 500", broken.LastError);
        Assert.True(broken.NextFetchAt > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Contains("not a feed", await check.ExecuteScalarAsync<string>("SELECT last_error FROM feeds WHERE url LIKE '%/html'"));
        Assert.Equal("Feed 3", await check.ExecuteScalarAsync<string>("SELECT title FROM feeds WHERE url LIKE '%/feed/3'"));
        Assert.Equal(2, server.HitsOn("/feed/3")); // once 200, once 304
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_feed_every_subscriber_paused_is_not_fetched_until_one_resumes_or_another_follows_it(DatabaseProvider provider)
    {
        await using var server = await FarmAsync(2);
        await using var db = await NewMigratedDatabaseAsync(provider);
        var ann = await AddUserAsync(db, "ann", admin: false);
        var bob = await AddUserAsync(db, "bob", admin: false);
        string Feed(int n) => server.Url($"/feed/{n}").ToString();
        long paused;
        await using (var c = await db.OpenAsync())
        {
            await SubscriptionStore.SubscribeAsync(c, null, ann, Feed(0), null, null, null, 1);
            await SubscriptionStore.SubscribeAsync(c, null, ann, Feed(1), null, null, null, 1);
            paused = (await SubscriptionStore.FeedByUrlAsync(c, ann, Feed(1)))!.Value;
            Assert.True(await SubscriptionStore.SetOptionsAsync(c, ann, paused, new SubscriptionOptions { PausedAt = 1 }, 1));
        }
        var refresher = new FeedRefresher(db, Fetcher());
        Assert.Equal(1, (await refresher.RefreshAllAsync()).Feeds);
        Assert.Equal(1, server.HitsOn("/feed/0"));
        Assert.Equal(0, server.HitsOn("/feed/1"));

        // someone else follows it: it is fetched for them, ann's pause notwithstanding
        await using (var c = await db.OpenAsync())
        {
            await SubscriptionStore.SubscribeAsync(c, null, bob, Feed(1), null, null, null, 1);
            await SubscriptionStore.MakeDueAsync(c, bob);
        }
        await refresher.RefreshAllAsync();
        Assert.Equal(1, server.HitsOn("/feed/1"));
        await using (var c = await db.OpenAsync())
        {
            // ann's own stay paused, and she still has its entries unread: the pause hides nothing
            var settings = (await SubscriptionStore.SettingsAsync(c, ann, paused))!;
            Assert.NotNull(settings.Options.PausedAt);
            Assert.Equal(5, settings.Options.UnreadCount);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_permanent_move_is_followed_after_two_fetches_in_a_row_and_a_temporary_one_never(DatabaseProvider provider)
    {
        await using var server = await FeedServer.StartAsync(app =>
        {
            app.MapGet("/old", () => Results.Redirect("/new", permanent: true));
            app.MapGet("/temp", () => Results.Redirect("/new2", permanent: false));
            app.MapGet("/new", () => Results.Text(Rss(1, 1), "application/rss+xml"));
            app.MapGet("/new2", () => Results.Text(Rss(2, 1), "application/rss+xml"));
        });
        await using var db = await NewMigratedDatabaseAsync(provider);
        await using (var c = await db.OpenAsync())
        {
            await FeedStore.EnsureAsync(c, null, server.Url("/old").ToString(), 1);
            await FeedStore.EnsureAsync(c, null, server.Url("/temp").ToString(), 1);
        }
        var refresher = new FeedRefresher(db, Fetcher());
        async Task<string[]> Urls()
        {
            await using var c = await db.OpenAsync();
            return [.. await c.QueryAsync<string>("SELECT url FROM feeds ORDER BY id")];
        }
        await refresher.RefreshAllAsync();
        Assert.Equal([server.Url("/old").ToString(), server.Url("/temp").ToString()], await Urls());
        await refresher.RefreshAllAsync();
        Assert.Equal([server.Url("/new").ToString(), server.Url("/temp").ToString()], await Urls());
    }

    [Fact]
    public async Task Two_refreshers_on_one_postgres_fetch_each_feed_exactly_once()
    {
        const int feeds = 200;
        await using var server = await FarmAsync(feeds);
        await using var db = await NewMigratedDatabaseAsync(DatabaseProvider.Postgres);
        await using (var c = await db.OpenAsync())
        {
            foreach (var i in Enumerable.Range(0, feeds))
            {
                await FeedStore.EnsureAsync(c, null, server.Url($"/feed/{i}").ToString(), 1);
            }
        }
        var a = new FeedRefresher(db, Fetcher()) { BatchSize = 20 };
        var b = new FeedRefresher(db, Fetcher()) { BatchSize = 20 };
        var results = await Task.WhenAll(Task.Run(() => a.RefreshDueAsync()), Task.Run(() => b.RefreshDueAsync()));
        Assert.Equal(feeds, results.Sum(r => r.Feeds));
        Assert.All(Enumerable.Range(0, feeds), i => Assert.Equal(1, server.HitsOn($"/feed/{i}")));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_feed_listed_twice_in_one_file_is_reported_as_a_duplicate_with_its_line(DatabaseProvider provider)
    {
        await using var db = await NewMigratedDatabaseAsync(provider);
        var userId = await AddUserAsync(db, "dup", admin: false);
        const string opml = """
            <opml version="2.0"><body>
            <outline text="A" xmlUrl="https://a.example/rss"/>
            <outline text="Tech"><outline text="B" xmlUrl="https://b.example/rss"/></outline>
            <outline text="A again" xmlUrl="https://a.example/rss"/>
            </body></opml>
            """;
        var report = await OpmlImport.RunAsync(db, userId, opml);
        Assert.Equal((2, 0), (report.Imported, report.AlreadySubscribed));
        var duplicate = Assert.Single(report.Invalid);
        Assert.Equal(4, duplicate.Line);
        Assert.Contains("duplicate of the outline on line 2", duplicate.Reason);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Importing_ten_thousand_outlines_reports_the_broken_ones_and_a_second_import_adds_nothing(DatabaseProvider provider)
    {
        await using var db = await NewMigratedDatabaseAsync(provider);
        var userId = await AddUserAsync(db, "bob", admin: true);
        var opml = new StringBuilder("<opml version=\"2.0\"><body>");
        for (var i = 0; i < 10_000; i++)
        {
            opml.Append(i % 100 == 0 ? "<outline type=\"rss\" text=\"bad\" xmlUrl=\"ftp://nope\"/>\n" : $"<outline type=\"rss\" text=\"F{i}\" xmlUrl=\"https://f{i}.example/rss\"/>\n");
        }
        opml.Append("</body></opml>");
        var first = await OpmlImport.RunAsync(db, userId, opml.ToString());
        Assert.Equal(9_900, first.Imported);
        Assert.Equal(100, first.Invalid.Count);
        Assert.Equal(1, first.Invalid[0].Line);
        var second = await OpmlImport.RunAsync(db, userId, opml.ToString());
        Assert.Equal((0, 9_900), (second.Imported, second.AlreadySubscribed));
    }

    private static async Task<long> AddUserAsync(Database db, string name, bool admin)
    {
        await using var c = await db.OpenAsync();
        return (await UserStore.AddAsync(c, name, "pw", admin, 1))!.Value;
    }
}
