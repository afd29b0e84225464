using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Inertia.Reader.Storage;
using Inertia.Reader.Tests;
using Inertia.Web.Media;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Inertia.Web.Tests;

/// <summary>
/// The media proxy against a local image host that refuses a request without the Referer it expects (as Weibo's image CDN
/// does): the reader, the public site and each client API show the image through the proxy, which sends that Referer.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class MediaProxyTests(PostgresServer postgres) : IAsyncLifetime
{
    private const string Referer = "https://weibo.example/";
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4];

    private FeedServer _images = null!;

    public async Task InitializeAsync() =>
        _images = await FeedServer.StartAsync(app =>
        {
            // the hotlink-protected host: the picture only for the right Referer, a 403 for anyone else
            app.MapGet("/guarded.png", (HttpContext http) =>
                http.Request.Headers.Referer.ToString() == Referer ? Results.Bytes(Png, "image/png") : Results.StatusCode(403));
            // an ordinary host: anyone may load it
            app.MapGet("/open.png", () => Results.Bytes(Png, "image/png"));
            app.MapGet("/page.html", () => Results.Content("<script>alert(1)</script>", "text/html"));
            app.MapGet("/big.png", () => Results.Bytes(new byte[4096], "image/png"));
            app.MapGet("/feed.xml", () => Results.Content(Feed(), "application/rss+xml"));
        });

    public async Task DisposeAsync() => await _images.DisposeAsync();

    private string Feed() =>
        $"""
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>微博图片</title><link>https://weibo.example/</link>
        <item><guid>p1</guid><title>带图的微博</title><link>https://weibo.example/p/1</link>
        <description>&lt;p&gt;看图&lt;/p&gt;&lt;img src="{_images.Url("guarded.png")}" alt="a"&gt;&lt;img src="{_images.Url("open.png")}" alt="b"&gt;</description>
        <enclosure url="{_images.Url("guarded.png")}" type="image/png" length="20"/></item>
        </channel></rss>
        """;

    private async Task<(SiteHost Site, HttpClient Http, long UserId, long FeedId)> StartAsync(DatabaseProvider provider, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var site = await SiteHost.StartAsync(provider, provider == DatabaseProvider.Postgres ? postgres.CreateDatabase() : null, settings);
        var userId = await site.CreateUserAsync("alice", "alice-account-password", admin: true);
        var http = site.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await SiteHost.SignInAsync(http, "alice", "alice-account-password")).StatusCode);
        await using var c = await site.Database.OpenAsync();
        await SubscriptionStore.SubscribeAsync(c, null, userId, _images.Url("feed.xml").ToString(), null, null, null, 1);
        await site.RefreshAsync();
        var feedId = (await SubscriptionStore.FeedByUrlAsync(c, userId, _images.Url("feed.xml").ToString()))!.Value;
        return (site, http, userId, feedId);
    }

    // the entry's images (a page's own logo is not one)
    private static List<string> Images(string html) =>
        [.. ImagePattern().Matches(WebUtility.HtmlDecode(html)).Select(m => m.Groups[1].Value).Where(src => !src.StartsWith("/static/", StringComparison.Ordinal))];

    // the media address a proxy address names (its base64url segment)
    private static string Target(string proxied) =>
        Encoding.UTF8.GetString(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(new Uri(new Uri("http://x"), proxied).AbsolutePath.Split('/')[3]));

    [GeneratedRegex("<img [^>]*src=\"([^\"]+)\"")]
    private static partial Regex ImagePattern();

    private static async Task AssertImageAsync(HttpClient http, string address)
    {
        var response = await http.GetAsync(address);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{address}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("max-age=", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_hotlink_protected_image_loads_through_the_proxy_in_the_reader_the_public_site_and_every_api(DatabaseProvider provider)
    {
        var (site, http, userId, feedId) = await StartAsync(provider);
        await using var _ = site;
        var guarded = _images.Url("guarded.png").ToString();
        Assert.Equal(HttpStatusCode.Forbidden, (await site.Client().GetAsync(guarded)).StatusCode); // hotlinked, it fails

        // the administrator's rule for the host (the built-in list names sinaimg.cn the same way)
        Assert.Equal(HttpStatusCode.Redirect, (await SiteHost.PostFormAsync(http, "/admin/media", [new("host", "127.0.0.1"), new("referer", Referer)])).StatusCode);
        Assert.Contains("sinaimg.cn", await http.GetStringAsync("/admin/media"));

        long entryId;
        await using (var c = await site.Database.OpenAsync())
        {
            entryId = await c.ExecuteScalarAsync<long>("SELECT id FROM entries WHERE feed_id = @feedId", new { feedId });
            await c.ExecuteAsync("UPDATE feeds SET is_public = TRUE WHERE id = @feedId", new { feedId });
        }
        // the reader and the public site: both images of a ruled host go through the proxy, with the rule's Referer
        foreach (var page in new[] { $"/reader/entries/{entryId}", $"/articles/{entryId}" })
        {
            var images = Images(await http.GetStringAsync(page));
            Assert.Equal(3, images.Count); // two in the text, and the enclosure (an image) shown under the title
            Assert.All(images, src => Assert.StartsWith("/proxy/", src, StringComparison.Ordinal));
            await AssertImageAsync(site.Client(), images[0]); // the address works for anyone who has it: it is signed
        }

        // the three APIs: absolute proxy addresses in the HTML, and the enclosure's too
        var reader = await GoogleReaderClient.SignInAsync(site, userId, "alice");
        var contents = await reader.JsonAsync("reader/api/0/stream/contents/user/-/state/com.google/reading-list?n=10");
        var item = contents.GetProperty("items")[0];
        var greader = Images(item.GetProperty("summary").GetProperty("content").GetString()!);
        var enclosure = item.GetProperty("enclosure")[0].GetProperty("href").GetString()!;
        var feverKey = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes("alice:" + reader.Password)));
        var fever = JsonDocument.Parse(await (await site.Client(null).PostAsync("fever/?api&items", new FormUrlEncodedContent([new("api_key", feverKey)]))).Content.ReadAsStringAsync());
        var feverImages = Images(fever.RootElement.GetProperty("items")[0].GetProperty("html").GetString()!);
        var request = new HttpRequestMessage(HttpMethod.Get, "v1/entries?limit=10");
        request.Headers.Add("X-Auth-Token", reader.Password);
        var miniflux = JsonDocument.Parse(await (await site.Client(null).SendAsync(request)).Content.ReadAsStringAsync());
        var minifluxImages = Images(miniflux.RootElement.GetProperty("entries")[0].GetProperty("content").GetString()!);
        foreach (var address in greader.Concat(feverImages).Concat(minifluxImages).Append(enclosure))
        {
            Assert.StartsWith(site.Root + "proxy/", address, StringComparison.Ordinal);
            await AssertImageAsync(site.Client(null), address);
        }
    }

    [Fact]
    public async Task Only_ruled_hosts_are_proxied_unless_the_reader_or_the_api_password_asks_for_every_image()
    {
        var (site, http, userId, feedId) = await StartAsync(DatabaseProvider.Sqlite);
        await using var _ = site;
        long entryId;
        await using (var c = await site.Database.OpenAsync())
        {
            entryId = await c.ExecuteScalarAsync<long>("SELECT id FROM entries WHERE feed_id = @feedId", new { feedId });
        }
        // no rule for 127.0.0.1: the images stay where they are
        Assert.All(Images(await http.GetStringAsync($"/reader/entries/{entryId}")), src => Assert.StartsWith(_images.Root.ToString(), src, StringComparison.Ordinal));

        // the subscription's own rule: this feed's images through the proxy, with its Referer
        Assert.Equal(HttpStatusCode.Redirect, (await SiteHost.PostFormAsync(http, $"/reader/feeds/{feedId}", [new("id", $"{feedId}"), new("mediaReferer", Referer)])).StatusCode);
        var images = Images(await http.GetStringAsync($"/reader/entries/{entryId}"));
        Assert.All(images, src => Assert.StartsWith("/proxy/", src, StringComparison.Ordinal));
        await AssertImageAsync(site.Client(), images[0]);
        Assert.Equal(HttpStatusCode.Redirect, (await SiteHost.PostFormAsync(http, $"/reader/feeds/{feedId}", [new("id", $"{feedId}"), new("mediaReferer", "")])).StatusCode);

        // privacy: every image, for this reader
        Assert.Equal(HttpStatusCode.Redirect, (await SiteHost.PostFormAsync(http, "/account", [new("entriesPerPage", "50"), new("markRead", "open"), new("proxyMedia", "true")], handler: "Reading")).StatusCode);
        images = Images(await http.GetStringAsync($"/reader/entries/{entryId}"));
        Assert.All(images, src => Assert.StartsWith("/proxy/", src, StringComparison.Ordinal));
        await AssertImageAsync(site.Client(), images.Single(i => Target(i).EndsWith("/open.png", StringComparison.Ordinal))); // the open host's image, proxied
        // no rule now: the guarded host refuses the proxy too, and the proxy says so plainly
        Assert.Equal(HttpStatusCode.BadGateway, (await site.Client().GetAsync(images.First(i => Target(i).EndsWith("/guarded.png", StringComparison.Ordinal)))).StatusCode);

        // and for an API password that asks for it
        var reader = await GoogleReaderClient.SignInAsync(site, userId, "alice");
        var item = (await reader.JsonAsync("reader/api/0/stream/contents/user/-/state/com.google/reading-list?n=10")).GetProperty("items")[0];
        Assert.All(Images(item.GetProperty("summary").GetProperty("content").GetString()!), src => Assert.StartsWith(_images.Root.ToString(), src, StringComparison.Ordinal));
        await using (var c = await site.Database.OpenAsync())
        {
            var password = (await ApiPasswordStore.ListAsync(c, userId)).Last().Id;
            Assert.True(await MediaRuleStore.SetApiPasswordProxiesAllAsync(c, userId, password, true));
        }
        item = (await reader.JsonAsync("reader/api/0/stream/contents/user/-/state/com.google/reading-list?n=10")).GetProperty("items")[0];
        Assert.All(Images(item.GetProperty("summary").GetProperty("content").GetString()!), src => Assert.StartsWith(site.Root + "proxy/", src, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_proxy_fetches_only_signed_addresses_of_media_within_its_cap_and_never_private_networks_when_guarded()
    {
        await using var site = await SiteHost.StartAsync(settings: new Dictionary<string, string?> { ["MediaProxy:MaxBytes"] = "2048" });
        var signer = await site.App.Services.GetRequiredService<MediaProxy>().SignatureAsync();
        var http = site.Client();
        var good = signer.PathFor(_images.Url("open.png").ToString());
        await AssertImageAsync(http, good);
        var parts = good.Split('/');
        // a forged signature, another address under a real signature, a subscription added afterwards, garbage
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync($"/proxy/AAAAAAAAAAAAAAAAAAAAAA/{parts[3]}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync($"/proxy/{parts[2]}/{Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(_images.Url("page.html").ToString()))}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(good + "?s=1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/proxy/%%%/!!!")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/proxy/" + parts[2] + "/" + Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes("file:///etc/passwd")))).StatusCode);
        // signed, but not media, or too large
        var page = await http.GetAsync(signer.PathFor(_images.Url("page.html").ToString()));
        Assert.Equal(HttpStatusCode.BadGateway, page.StatusCode);
        Assert.DoesNotContain("<script>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadGateway, (await http.GetAsync(signer.PathFor(_images.Url("big.png").ToString()))).StatusCode);
        // a dead host: a plain 502, no 500
        Assert.Equal(HttpStatusCode.BadGateway, (await http.GetAsync(signer.PathFor("http://127.0.0.1:1/x.png"))).StatusCode);

        // with the fetch guard on (the default outside tests), a loopback address is refused even when signed
        await using var guarded = await SiteHost.StartAsync(settings: new Dictionary<string, string?> { ["Fetching:AllowPrivateNetworks"] = "false" }, refresh: false);
        var guardedSigner = await guarded.App.Services.GetRequiredService<MediaProxy>().SignatureAsync();
        var refused = await guarded.Client().GetAsync(guardedSigner.PathFor(_images.Url("open.png").ToString()));
        Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
        // each server signs with its own key
        Assert.Equal(HttpStatusCode.Forbidden, (await guarded.Client().GetAsync(good)).StatusCode);
    }

    [Fact]
    public void Built_in_rules_cover_a_hosts_subdomains_and_the_longest_match_wins()
    {
        Assert.Equal("https://weibo.com/", HotlinkRules.For("wx1.sinaimg.cn", HotlinkRules.Defaults)!.Referer);
        Assert.Equal("https://www.bilibili.com/", HotlinkRules.For("i0.hdslb.com", HotlinkRules.Defaults)!.Referer);
        Assert.Null(HotlinkRules.For("notsinaimg.cn", HotlinkRules.Defaults));
        Assert.Null(HotlinkRules.For("example.com", HotlinkRules.Defaults));
        var own = new MediaRule { Host = "wx1.sinaimg.cn", Referer = "https://m.weibo.cn/" };
        Assert.Equal("https://m.weibo.cn/", HotlinkRules.Choose("wx1.sinaimg.cn", null, [own])!.Referer);
        Assert.Equal("https://weibo.com/", HotlinkRules.Choose("wx2.sinaimg.cn", null, [own])!.Referer);
        var subscription = new MediaRule { Host = "", Referer = "https://feed.example/" };
        Assert.Equal("https://feed.example/", HotlinkRules.Choose("wx1.sinaimg.cn", subscription, [own])!.Referer);
        // rewriting touches media addresses only
        Assert.Equal("<p><a href=\"https://x/a.png\">a</a><img src=\"P:https://x/a.png\" srcset=\"P:https://x/b.png 2x, P:https://x/c.png 3x\"></p>",
            MediaLinks.Rewrite("<p><a href=\"https://x/a.png\">a</a><img src=\"https://x/a.png\" srcset=\"https://x/b.png 2x, https://x/c.png 3x\"></p>", u => "P:" + u));
        Assert.Equal("<p>no media</p>", MediaLinks.Rewrite("<p>no media</p>", u => "P:" + u));
    }
}
