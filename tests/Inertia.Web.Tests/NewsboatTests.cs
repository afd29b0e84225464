using System.Diagnostics;
using Inertia.Reader.Storage;
using Inertia.Reader.Tests;
using Microsoft.Data.Sqlite;

namespace Inertia.Web.Tests;

/// <summary>
/// Debian's newsboat (2.21) as a real client: against the Google Reader API as its FeedHQ source speaks it (ClientLogin,
/// subscription/list, then each feed's articles through the old Atom output, <c>reader/atom/feed%2FID?n=N</c>, with read
/// state in <c>gr:</c> categories), and against the Miniflux REST API (HTTP Basic, /v1/categories, /v1/feeds, each feed's
/// entries). `.ci/run` installs newsboat.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class NewsboatTests(PostgresServer postgres)
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private const string Newsboat = "/usr/bin/newsboat";

    [Theory, MemberData(nameof(Providers))]
    public async Task Newsboat_through_FeedHQ_reads_every_unread_article_and_the_server_state(DatabaseProvider provider)
    {
        var (site, alice) = await StartAsync(provider, "ithome.xml");
        await using var _ = site;
        var ids = await alice.AllIdsAsync("s=user/-/state/com.google/reading-list", 100);
        await alice.EditAsync("reader/api/0/edit-tag", ("i", ids[0].ToString()), ("i", ids[1].ToString()), ("a", "user/-/state/com.google/read"));
        var unread = await alice.UnreadAsync();
        Assert.Equal(ids.Count - 2, unread);

        var home = Directory.CreateTempSubdirectory("inertia-newsboat-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(home, "config"),
                $"""
                urls-source "feedhq"
                feedhq-url "{site.Root}api/greader.php"
                feedhq-login "alice"
                feedhq-password "{alice.Password}"
                feedhq-min-items 100
                """);
            await File.WriteAllTextAsync(Path.Combine(home, "urls"), "");
            Assert.Equal($"{unread} unread articles", await RunAsync(home));
            // every article landed, with its title, read where the server says read
            await using (var cache = new SqliteConnection($"Data Source={Path.Combine(home, "cache.db")};Pooling=false"))
            {
                await cache.OpenAsync();
                using var count = cache.CreateCommand();
                count.CommandText = "SELECT COUNT(*), SUM(unread) FROM rss_item";
                using var reader = await count.ExecuteReaderAsync();
                Assert.True(await reader.ReadAsync());
                Assert.Equal(ids.Count, reader.GetInt64(0));
                Assert.Equal(unread, reader.GetInt64(1));
                using var titles = cache.CreateCommand();
                titles.CommandText = "SELECT COUNT(*) FROM rss_item WHERE title = '国产开源数据库发布 5.0 版本，查询性能提升 40%'";
                Assert.Equal(1L, (long)(await titles.ExecuteScalarAsync())!);
            }

            // a mark on the server shows at newsboat's next reload
            await alice.EditAsync("reader/api/0/edit-tag", ("i", ids[2].ToString()), ("a", "user/-/state/com.google/read"));
            Assert.Equal($"{unread - 1} unread articles", await RunAsync(home));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(home, recursive: true);
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Newsboat_through_Miniflux_reports_exactly_the_servers_unread_count(DatabaseProvider provider)
    {
        var (site, alice) = await StartAsync(provider, "ruanyifeng.xml");
        await using var _ = site;
        var ids = await alice.AllIdsAsync("s=user/-/state/com.google/reading-list", 100);
        await alice.EditAsync("reader/api/0/edit-tag", ("i", ids[0].ToString()), ("i", ids[3].ToString()), ("i", ids[7].ToString()), ("a", "user/-/state/com.google/read"));
        var unread = await alice.UnreadAsync();

        var home = Directory.CreateTempSubdirectory("inertia-newsboat-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(home, "config"),
                $"""
                urls-source "miniflux"
                miniflux-url "{site.Root.ToString().TrimEnd('/')}"
                miniflux-login "alice"
                miniflux-password "{alice.Password}"
                """);
            // newsboat 2.21 asks each feed for /v1/feeds/ID/entries?order=published_at&direction=desc, no limit: Miniflux's default, 100
            await File.WriteAllTextAsync(Path.Combine(home, "urls"), "");
            Assert.Equal($"{unread} unread articles", await RunAsync(home));
            await alice.EditAsync("reader/api/0/edit-tag", ("i", ids[1].ToString()), ("a", "user/-/state/com.google/read"));
            Assert.Equal($"{unread - 1} unread articles", await RunAsync(home));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(home, recursive: true);
        }
    }

    // a site where alice subscribes, through the API, to DEV Community (labelled Blogs) and one more feed
    private async Task<(SiteHost Site, GoogleReaderClient Alice)> StartAsync(DatabaseProvider provider, string secondFeed)
    {
        Assert.True(File.Exists(Newsboat), "newsboat is not installed (Debian's newsboat; .ci/run installs it)");
        var site = await SiteHost.StartAsync(provider, provider == DatabaseProvider.Postgres ? postgres.CreateDatabase() : null);
        var aliceId = await site.CreateUserAsync("alice", "alice-account-password");
        var alice = await GoogleReaderClient.SignInAsync(site, aliceId, "alice");
        await alice.EditAsync("reader/api/0/subscription/edit", ("ac", "subscribe"), ("s", "feed/" + site.Feeds.Url("dev-community.xml")), ("a", "user/-/label/Blogs"));
        await alice.EditAsync("reader/api/0/subscription/edit", ("ac", "subscribe"), ("s", "feed/" + site.Feeds.Url(secondFeed)));
        return (site, alice);
    }

    // `newsboat -x reload print-unread` with its files in HOME; its one line of output
    private static async Task<string> RunAsync(string home)
    {
        var start = new ProcessStartInfo(Newsboat)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = home,
        };
        foreach (var arg in (string[])["-C", Path.Combine(home, "config"), "-u", Path.Combine(home, "urls"), "-c", Path.Combine(home, "cache.db"), "-x", "reload", "print-unread"])
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["HOME"] = home;
        start.Environment["XDG_CONFIG_HOME"] = home;
        start.Environment["XDG_DATA_HOME"] = home;
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"newsboat exited {process.ExitCode}: {await error}");
        return (await output).Trim();
    }
}
