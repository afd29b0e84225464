using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Inertia.Reader.Storage;
using Inertia.Reader.Tests;

namespace Inertia.Web.Tests;

/// <summary>
/// Simplified ↔ Traditional in every face: the reader by the user's choice and a subscription's, the public site by the
/// visitor's language, the three client APIs by the API password's; OpenCC missing; subscribe links and rsshub: addresses.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ChineseWebTests(PostgresServer postgres)
{
    // IT之家's first entry (the test feed is Simplified): as written, and in Taiwan form with Taiwan phrases
    private const string Title = "国产开源数据库发布 5.0 版本，查询性能提升 40%";
    private const string TaiwanTitle = "國產開源資料庫釋出 5.0 版本，查詢效能提升 40%";
    private const string TraditionalTitle = "國產開源數據庫發佈 5.0 版本，查詢性能提升 40%";

    private static async Task<string> TextAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static Task<HttpResponseMessage> SaveReadingAsync(HttpClient http, string variant, string? rssHub = null) =>
        SiteHost.PostFormAsync(http, "/account", [new("entriesPerPage", "50"), new("markRead", "open"), new("chineseVariant", variant), new("rssHub", rssHub ?? "")], handler: "Reading");

    [Fact]
    public async Task The_reader_shows_the_users_form_and_a_subscription_can_keep_its_own()
    {
        var (site, http, userId) = await SignedInSite.StartAsync(Inertia.Reader.Storage.DatabaseProvider.Sqlite, postgres);
        await using var _ = site;
        await using (var c = await site.Database.OpenAsync())
        {
            await SubscriptionStore.SubscribeAsync(c, null, userId, site.Feeds.Url("ithome.xml").ToString(), null, null, null, 1);
            await SubscriptionStore.SubscribeAsync(c, null, userId, site.Feeds.Url("ruanyifeng.xml").ToString(), null, null, null, 1);
        }
        await site.RefreshAsync();
        var feedId = await site.FeedIdAsync("IT之家");
        var asWritten = await TextAsync(http, "/reader");
        Assert.Contains(Title, asWritten);
        Assert.Contains("lang=\"zh-CN\"", asWritten); // the feed's own <language>zh-cn</language>

        Assert.Equal(HttpStatusCode.Redirect, (await SaveReadingAsync(http, "tw")).StatusCode);
        var list = await TextAsync(http, "/reader");
        Assert.Contains(TaiwanTitle, list);
        Assert.DoesNotContain(Title, list);
        Assert.Contains("lang=\"zh-Hant-TW\"", list);
        // the sidebar's feed names too
        Assert.Contains("阮一峰的網路日誌", list);
        Assert.DoesNotContain("阮一峰的网络日志", list);

        // the article: title and content converted, its links and the original's address as written
        long entryId;
        await using (var c = await site.Database.OpenAsync())
        {
            entryId = await c.ExecuteScalarAsync<long>("SELECT id FROM entries WHERE title = @Title", new { Title });
        }
        var article = await TextAsync(http, $"/reader/entries/{entryId}");
        Assert.Contains($"<h1 id=\"article-title\" lang=\"zh-Hant-TW\">{TaiwanTitle}</h1>", article);
        Assert.Contains("本文從一個實際問題出發", article);
        Assert.DoesNotContain("本文从一个实际问题出发", article);

        // Traditional (no Taiwan phrases) for everything, but this feed kept as written
        Assert.Equal(HttpStatusCode.Redirect, (await SaveReadingAsync(http, "t")).StatusCode);
        Assert.Contains(TraditionalTitle, await TextAsync(http, "/reader?show=all"));
        var page = await TextAsync(http, $"/reader/feeds/{feedId}");
        Assert.Contains("name=\"chineseVariant\"", page);
        Assert.Equal(HttpStatusCode.Redirect, (await SiteHost.PostFormAsync(http, $"/reader/feeds/{feedId}", [new("id", feedId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("chineseVariant", "original")])).StatusCode);
        list = await TextAsync(http, "/reader?show=all");
        Assert.Contains(Title, list);
        Assert.DoesNotContain(TraditionalTitle, list);
        // back to the user's choice
        Assert.Equal(HttpStatusCode.Redirect, (await SiteHost.PostFormAsync(http, $"/reader/feeds/{feedId}", [new("id", feedId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("chineseVariant", "user")])).StatusCode);
        Assert.Contains(TraditionalTitle, await TextAsync(http, "/reader?show=all"));

        // search across scripts, marked as shown: a Traditional query finds the Simplified entry and marks its Traditional title
        var found = await TextAsync(http, "/reader?q=" + Uri.EscapeDataString("數據庫"));
        Assert.Contains("<mark>數據庫</mark>", found);
    }

    [Fact]
    public async Task The_public_site_speaks_each_script_and_writes_articles_in_it()
    {
        await using var site = await SiteHost.StartAsync();
        await site.CreateUserAsync("admin", "admin-account-password", admin: true); // past first run
        long entryId;
        await using (var c = await site.Database.OpenAsync())
        {
            entryId = await c.ExecuteScalarAsync<long>("SELECT id FROM entries WHERE title = @Title", new { Title });
        }
        var traditional = site.Client("zh-TW");
        var page = await TextAsync(traditional, $"/articles/{entryId}");
        Assert.Contains("<html lang=\"zh-Hant\"", page);
        Assert.Contains("高效追蹤和閱讀你感興趣的部落格、新聞、科技資訊", page); // the tagline, from the Traditional strings
        Assert.Contains(TaiwanTitle, page);
        Assert.Contains("本文從一個實際問題出發", page);
        Assert.Contains("閱讀原文", page);

        var simplified = site.Client("zh-CN");
        page = await TextAsync(simplified, $"/articles/{entryId}");
        Assert.Contains(Title, page);
        Assert.Contains("阅读原文", page);
        // the home page and a feed's page too, and each language cached apart
        Assert.Contains(TaiwanTitle, await TextAsync(traditional, "/"));
        Assert.Contains(Title, await TextAsync(simplified, "/"));
        Assert.Contains(TaiwanTitle, await TextAsync(traditional, $"/feeds/{await site.FeedIdAsync("IT之家")}"));
        // an English visitor reads it as written
        Assert.Contains(Title, await TextAsync(site.Client("en"), $"/articles/{entryId}"));
    }

    [Fact]
    public void Every_string_has_its_traditional_form()
    {
        static HashSet<string> Keys(string file) =>
            [.. System.Xml.Linq.XDocument.Load(Path.Combine(SourceRoot(), "src/Inertia.Web/Resources", file)).Root!.Elements("data").Select(d => d.Attribute("name")!.Value)];
        var simplified = Keys("Strings.zh.resx");
        var traditional = Keys("Strings.zh-TW.resx");
        Assert.Empty(simplified.Except(traditional));
        Assert.Empty(traditional.Except(simplified));
    }

    private static string SourceRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Inertia.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("the repository is not above the tests");
    }

    [Theory]
    [InlineData(Inertia.Reader.Storage.DatabaseProvider.Sqlite)]
    [InlineData(Inertia.Reader.Storage.DatabaseProvider.Postgres)]
    public async Task Each_api_serves_the_form_its_api_password_asks_for(Inertia.Reader.Storage.DatabaseProvider provider)
    {
        await using var site = await SiteHost.StartAsync(provider, provider == Inertia.Reader.Storage.DatabaseProvider.Postgres ? postgres.CreateDatabase() : null);
        var userId = await site.CreateUserAsync("alice", "alice-account-password");
        var reader = await GoogleReaderClient.SignInAsync(site, userId, "alice");
        await reader.EditAsync("reader/api/0/subscription/edit", ("ac", "subscribe"), ("s", "feed/" + site.Feeds.Url("ithome.xml")));
        await site.RefreshAsync();

        async Task<string> AllAsync()
        {
            var greader = await (await reader.GetAsync("reader/api/0/stream/contents/user/-/state/com.google/reading-list?n=50")).Content.ReadAsStringAsync();
            var atom = await (await reader.GetAsync("reader/atom/user/-/state/com.google/reading-list?n=50")).Content.ReadAsStringAsync();
            var http = site.Client(null);
            var fever = await (await http.PostAsync("fever/?api&items", new FormUrlEncodedContent([new("api_key", Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes("alice:" + reader.Password))))]))).Content.ReadAsStringAsync();
            var request = new HttpRequestMessage(HttpMethod.Get, "v1/entries?limit=50");
            request.Headers.Add("X-Auth-Token", reader.Password);
            var miniflux = await (await http.SendAsync(request)).Content.ReadAsStringAsync();
            return string.Join("\n---\n", Decode(greader), WebUtility.HtmlDecode(atom), Decode(fever), Decode(miniflux));
        }

        var asWritten = (await AllAsync()).Split("\n---\n");
        Assert.All(asWritten, reply => Assert.Contains(Title, reply));

        long passwordId;
        await using (var c = await site.Database.OpenAsync())
        {
            passwordId = (await ApiPasswordStore.ListAsync(c, userId)).Single().Id;
            Assert.True(await ApiPasswordStore.SetChineseVariantAsync(c, userId, passwordId, "tw"));
            // another user's password is not theirs to change
            Assert.False(await ApiPasswordStore.SetChineseVariantAsync(c, userId + 1000, passwordId, "s"));
        }
        var converted = (await AllAsync()).Split("\n---\n");
        Assert.Equal(4, converted.Length);
        Assert.All(converted, reply =>
        {
            Assert.Contains(TaiwanTitle, reply);
            Assert.DoesNotContain(Title, reply);
            Assert.Contains("本文從一個實際問題出發", reply);
        });
    }

    // JSON with its \uXXXX escapes read back, so the text can be searched as text
    private static string Decode(string json)
    {
        var sb = new StringBuilder();
        void Walk(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject())
                    {
                        Walk(p.Value);
                    }
                    break;
                case JsonValueKind.Array:
                    foreach (var i in e.EnumerateArray())
                    {
                        Walk(i);
                    }
                    break;
                case JsonValueKind.String:
                    sb.Append(e.GetString()).Append('\n');
                    break;
            }
        }
        Walk(JsonSerializer.Deserialize<JsonElement>(json));
        return sb.ToString();
    }

    [Fact]
    public async Task Without_opencc_the_setting_is_hidden_and_everything_is_shown_as_written()
    {
        await using var site = await SiteHost.StartAsync(settings: new Dictionary<string, string?> { ["Chinese:OpenCcLibrary"] = "/nonexistent/libopencc.so.1.1" });
        var userId = await site.CreateUserAsync("alice", "alice-account-password");
        var http = site.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await SiteHost.SignInAsync(http, "alice", "alice-account-password")).StatusCode);
        await using (var c = await site.Database.OpenAsync())
        {
            await SubscriptionStore.SubscribeAsync(c, null, userId, site.Feeds.Url("ithome.xml").ToString(), null, null, null, 1);
            // a choice made while OpenCC was there
            await c.ExecuteAsync("UPDATE users SET chinese_variant = 'tw' WHERE id = @userId", new { userId });
        }
        var account = await TextAsync(http, "/account");
        Assert.DoesNotContain("name=\"chineseVariant\"", account);
        Assert.Contains("libopencc1.1", account);
        Assert.Contains(Title, await TextAsync(http, "/reader"));
        Assert.DoesNotContain("name=\"chineseVariant\"", await TextAsync(http, $"/reader/feeds/{await site.FeedIdAsync("IT之家")}"));
        // saving the other settings keeps the choice for when OpenCC returns
        Assert.Equal(HttpStatusCode.Redirect, (await SiteHost.PostFormAsync(http, "/account", [new("entriesPerPage", "20"), new("markRead", "open")], handler: "Reading")).StatusCode);
        await using (var c = await site.Database.OpenAsync())
        {
            Assert.Equal("tw", await c.ExecuteScalarAsync<string>("SELECT chinese_variant FROM users WHERE id = @userId", new { userId }));
        }
        var traditional = site.Client("zh-TW");
        Assert.Contains(Title, await TextAsync(traditional, "/"));
    }

    [Fact]
    public async Task Subscribe_links_lead_through_sign_in_to_a_filled_form_and_subscribe_only_on_confirmation()
    {
        await using var site = await SiteHost.StartAsync();
        var userId = await site.CreateUserAsync("alice", "alice-account-password");
        var feed = site.Feeds.Url("simonwillison.xml").ToString();
        var anonymous = site.Client();
        foreach (var link in new[] { "/subscribe?url=", "/bookmarklet?uri=", "/i/?c=feed&a=add&url_rss=" })
        {
            var response = await anonymous.GetAsync(link + Uri.EscapeDataString(feed));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/reader/add?url=" + Uri.EscapeDataString(feed), response.Headers.Location!.OriginalString);
        }
        // not signed in: the add page leads to sign-in, and back to it after
        var toSignIn = await anonymous.GetAsync("/reader/add?url=" + Uri.EscapeDataString(feed));
        Assert.Equal(HttpStatusCode.Redirect, toSignIn.StatusCode);
        Assert.Contains("signin", toSignIn.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);

        var http = site.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await SiteHost.SignInAsync(http, "alice", "alice-account-password")).StatusCode);
        var form = await TextAsync(http, "/reader/add?url=" + Uri.EscapeDataString(feed));
        Assert.Contains($"value=\"{feed}\"", form);
        await using (var c = await site.Database.OpenAsync())
        {
            Assert.Null(await SubscriptionStore.FeedByUrlAsync(c, userId, feed)); // a GET subscribes no one
        }
        // a POST without the form's antiforgery token (another site's) is refused
        var forged = await http.PostAsync("/reader/add", new FormUrlEncodedContent([new("url", feed)]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SiteHost.PostFormAsync(http, "/reader/add?url=" + Uri.EscapeDataString(feed), [new("url", feed)])).StatusCode);
        await using (var c = await site.Database.OpenAsync())
        {
            Assert.NotNull(await SubscriptionStore.FeedByUrlAsync(c, userId, feed));
        }
        // the settings show the bookmarklet
        Assert.Contains("/subscribe?url='+encodeURIComponent(location.href)", await TextAsync(http, "/account"));
    }

    [Fact]
    public async Task An_rsshub_address_is_expanded_against_the_users_instance()
    {
        await using var site = await SiteHost.StartAsync();
        var userId = await site.CreateUserAsync("alice", "alice-account-password");
        var http = site.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await SiteHost.SignInAsync(http, "alice", "alice-account-password")).StatusCode);
        // the test's feed server stands in for an RSSHub instance: rsshub://ithome.xml is its /ithome.xml
        var instance = site.Feeds.Url("").ToString().TrimEnd('/');
        Assert.Equal(HttpStatusCode.Redirect, (await SaveReadingAsync(http, "original", instance)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SiteHost.PostFormAsync(http, "/reader/add", [new("url", "rsshub://ithome.xml")])).StatusCode);
        await using var c = await site.Database.OpenAsync();
        Assert.NotNull(await SubscriptionStore.FeedByUrlAsync(c, userId, instance + "/ithome.xml"));
        Assert.Equal("https://rsshub.app/bilibili/user/video/2267573", Inertia.Feeds.Urls.RssHubAddress.Expand("rsshub:bilibili/user/video/2267573", "https://rsshub.app/"));
        Assert.Equal("https://example.com/feed", Inertia.Feeds.Urls.RssHubAddress.Expand("https://example.com/feed", "https://rsshub.app"));
        // the catalog names routes the same way: read with the instance, an rsshub: outline is an ordinary feed
        var outlines = Inertia.Feeds.Opml.OpmlReader.Read("<opml version=\"2.0\"><body><outline type=\"rss\" text=\"B站\" xmlUrl=\"rsshub://bilibili/weekly\"/></body></opml>",
            null, u => Inertia.Feeds.Urls.RssHubAddress.Expand(u, "https://hub.example")).ToList();
        Assert.Equal("https://hub.example/bilibili/weekly", Assert.Single(outlines).FeedUrl);
    }
}
