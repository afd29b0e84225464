using System.Net;
using System.Text.RegularExpressions;
using Inertia.Reader.Refresh;
using Inertia.Reader.Storage;
using Inertia.Reader.Tests;
using Inertia.Web.Accounts;
using Inertia.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Inertia.Web.Tests;

/// <summary>
/// The whole web app on 127.0.0.1 over a fresh database, with a catalog of real feeds served by a loopback feed server
/// (testdata/site: DEV Community, 阮一峰的网络日志, IT之家, a hostile feed…), one dead feed, and a private feed with a
/// token in its URL that only a subscriber may ever see. Background refresh is off: a test refreshes when it says so.
/// </summary>
public sealed partial class SiteHost : IAsyncDisposable
{
    public const string PrivateToken = "s3cret-token-4711";
    public const string DeadFeedTitle = "Schneier on Security";

    private readonly string _directory;

    private SiteHost(WebApplication app, FeedServer feeds, string directory, Uri root)
    {
        App = app;
        Feeds = feeds;
        _directory = directory;
        Root = root;
    }

    public WebApplication App { get; }
    public FeedServer Feeds { get; }
    public Uri Root { get; }
    public Database Database => App.Services.GetRequiredService<Database>();
    public Uri PrivateFeedUrl => Feeds.Url($"private.xml?token={PrivateToken}");

    /// <param name="connectionString">The database (null: a new SQLite file).</param>
    /// <param name="settings">Settings on top of the test defaults (`Section:Key`).</param>
    public static async Task<SiteHost> StartAsync(DatabaseProvider provider = DatabaseProvider.Sqlite, string? connectionString = null,
        IReadOnlyDictionary<string, string?>? settings = null, bool refresh = true)
    {
        var directory = Directory.CreateTempSubdirectory("inertia-site-").FullName;
        var feeds = await FeedServer.StartAsync(app =>
        {
            app.MapGet("/private.xml", (string? token) =>
                token == PrivateToken ? Results.File(Fixture("private.xml"), "application/atom+xml") : Results.NotFound());
            // a site's page that offers two feeds, for discovery
            app.MapGet("/blog/", () => Results.Content(
                """
                <!doctype html><html><head><title>A blog</title>
                <link rel="alternate" type="application/rss+xml" title="IT之家" href="/ithome.xml">
                <link rel="alternate" type="application/atom+xml" title="Simon Willison" href="/simonwillison.xml">
                </head><body><p>Posts</p></body></html>
                """, "text/html; charset=utf-8"));
            app.MapGet("/{name}.xml", (string name) =>
                File.Exists(Fixture(name + ".xml")) && name != "private"
                    ? Results.File(Fixture(name + ".xml"), name is "ruanyifeng" or "ithome" ? "application/rss+xml" : "application/atom+xml")
                    : Results.NotFound());
        });
        var catalog = Path.Combine(directory, "catalog.opml");
        await File.WriteAllTextAsync(catalog, Catalog(feeds));
        var values = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["Database:ConnectionString"] = connectionString ?? $"Data Source={Path.Combine(directory, "inertia.db")}",
            ["Catalog:Path"] = catalog,
            ["Fetching:AllowPrivateNetworks"] = "true",
            ["Fetching:RetryAttempts"] = "0",
            ["Refresh:Enabled"] = "false",
            ["Maintenance:Enabled"] = "false",
            ["Accounts:SignInsPerAddressPerMinute"] = "1000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var app = WebApp.Build(configuration, "http://127.0.0.1:0");
        Settings.ValidateAll(app.Services);
        await WebApp.PrepareAsync(app, CancellationToken.None);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var host = new SiteHost(app, feeds, directory, new Uri(address + "/"));
        if (refresh)
        {
            await host.RefreshAsync();
        }
        return host;
    }

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "testdata", "site", name);

    private static string Catalog(FeedServer feeds) =>
        $"""
        <?xml version="1.0" encoding="utf-8"?>
        <opml version="2.0"><head><title>Test catalog</title></head><body>
        <outline text="博客 / Blogs">
          <outline type="rss" text="DEV Community" xmlUrl="{feeds.Url("dev-community.xml")}" htmlUrl="https://dev.to/"/>
          <outline type="rss" text="阮一峰的网络日志" xmlUrl="{feeds.Url("ruanyifeng.xml")}" htmlUrl="https://www.ruanyifeng.com/blog/"/>
          <outline type="rss" text="Simon Willison's Weblog" xmlUrl="{feeds.Url("simonwillison.xml")}" htmlUrl="https://simonwillison.net/"/>
        </outline>
        <outline text="中文科技 / Chinese tech">
          <outline type="rss" text="IT之家" xmlUrl="{feeds.Url("ithome.xml")}" htmlUrl="https://www.ithome.com/"/>
          <outline type="rss" text="Hacker News: Ask HN" xmlUrl="{feeds.Url("hn-ask.xml")}" htmlUrl="https://news.ycombinator.com/ask"/>
        </outline>
        <outline text="安全 / Security">
          <outline type="rss" text="Hostile" xmlUrl="{feeds.Url("hostile.xml")}"/>
          <outline type="rss" text="{DeadFeedTitle}" xmlUrl="http://127.0.0.1:1/schneier.xml" htmlUrl="https://www.schneier.com/"/>
        </outline>
        </body></opml>
        """;

    /// <summary>Fetches every feed now and waits for the result.</summary>
    public Task<RefreshSummary> RefreshAsync() => App.Services.GetRequiredService<FeedRefresher>().RefreshAllAsync();

    /// <summary>Creates a user the way the administrator's page does (Identity, hashed password).</summary>
    public async Task<long> CreateUserAsync(string name, string password, bool admin = false)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var result = await users.CreateAsync(new AppUser { UserName = name, IsAdmin = admin }, password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return (await users.FindByNameAsync(name))!.Id;
    }

    /// <summary>Subscribes the user to the private feed and fetches it: its entries exist, for that user alone.</summary>
    public async Task<long> SubscribePrivateFeedAsync(long userId)
    {
        var url = PrivateFeedUrl.ToString();
        await using (var connection = await Database.OpenAsync())
        {
            await SubscriptionStore.SubscribeAsync(connection, null, userId, url, null, "My private feed", null, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        }
        await App.Services.GetRequiredService<FeedRefresher>().RefreshAllAsync(url);
        await using (var connection = await Database.OpenAsync())
        {
            return await FeedStore.EnsureAsync(connection, null, url, 0);
        }
    }

    /// <summary>The id of the catalog feed with this title.</summary>
    public async Task<long> FeedIdAsync(string title)
    {
        await using var connection = await Database.OpenAsync();
        var groups = await PublicSite.CatalogAsync(connection);
        return groups.SelectMany(g => g.Feeds).Single(f => f.Name == title).Id;
    }

    /// <summary>A browser-like client: its own cookies, redirects not followed (tests look at them).</summary>
    public HttpClient Client(string? acceptLanguage = "zh-CN")
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = Root };
        if (acceptLanguage is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        }
        return client;
    }

    /// <summary>The antiforgery token of the first form on a page.</summary>
    public static string FormToken(string html) =>
        TokenPattern().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no antiforgery token on the page");

    /// <summary>Posts a page's form the way a browser does: GET it, then POST the fields with its antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, IEnumerable<KeyValuePair<string, string>> fields, string? handler = null)
    {
        var page = await client.GetStringAsync(path);
        var form = new List<KeyValuePair<string, string>>(fields) { new("__RequestVerificationToken", FormToken(page)) };
        return await client.PostAsync(handler is null ? path : $"{path}{(path.Contains('?') ? '&' : '?')}handler={handler}", new FormUrlEncodedContent(form));
    }

    /// <summary>Signs the client in with a password; returns the response to the sign-in form.</summary>
    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string name, string password) =>
        PostFormAsync(client, "/signin", [new("UserName", name), new("Password", password)]);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Feeds.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a lock file still held by a closing connection: the temp directory is the OS's to clean
        }
    }
}
