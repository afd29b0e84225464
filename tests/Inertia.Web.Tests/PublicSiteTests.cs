using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Inertia.Feeds.Model;
using Inertia.Feeds.Parsing;
using Inertia.Reader.Storage;
using Inertia.Reader.Tests;

namespace Inertia.Web.Tests;

/// <summary>The public site over HTTP, on SQLite and PostgreSQL: the seed page's pages, their metadata, their feeds, and what they must never show.</summary>
[Collection(PostgresCollection.Name)]
public sealed partial class PublicSiteTests(PostgresServer postgres, SharedSites sites) : IClassFixture<SharedSites>
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private async Task<(SiteHost Site, HttpClient Client)> SiteAsync(DatabaseProvider provider, string? language = "zh-CN")
    {
        var site = await sites.GetAsync(provider, postgres);
        return (site, site.Client(language));
    }

    private static async Task<long> ArticleIdAsync(SiteHost site, string titleStart)
    {
        await using var connection = await site.Database.OpenAsync();
        var latest = await PublicSite.LatestAsync(connection, Keyset.Start, 200);
        return latest.First(e => e.Title?.StartsWith(titleStart, StringComparison.Ordinal) == true).Id;
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Home_shows_the_tagline_the_catalog_by_topic_and_the_latest_articles(DatabaseProvider provider)
    {
        var (_, client) = await SiteAsync(provider);
        var html = await client.GetStringAsync("/");
        Assert.Contains("惯性聚合", html);
        Assert.Contains("高效追踪和阅读你感兴趣的博客、新闻、科技资讯", html);
        Assert.Contains("推荐订阅源", html);
        // bilingual topic titles show the page's language
        Assert.Contains("<h3>中文科技</h3>", html);
        Assert.DoesNotContain("Chinese tech", html);
        foreach (var feed in new[] { "DEV Community", "阮一峰的网络日志", "IT之家", "Hacker News: Ask HN", SiteHost.DeadFeedTitle })
        {
            Assert.Contains(WebUtility.HtmlEncode(feed), html);
        }
        Assert.Contains("Engineering Resilience: Two Lessons from Building Under Pressure", html);
        Assert.Contains("科技爱好者周刊（第 356 期）：慢就是快", html);
        // a feed without an icon has its letter avatar, inline, with no request of its own
        Assert.Matches("<span class=\"feed-icon av av-\\d+\" aria-hidden=\"true\">D</span>", html);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Article_page_is_the_seed_page_with_byline_buttons_and_the_feeds_other_titles(DatabaseProvider provider)
    {
        var (site, client) = await SiteAsync(provider);
        var id = await ArticleIdAsync(site, "Engineering Resilience");
        var response = await client.GetAsync($"/articles/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1 id=\"article-title\">Engineering Resilience: Two Lessons from Building Under Pressure</h1>", html);
        // Afeh · 2026-06-13 · via DEV Community, the date in the reader's language with a machine-readable twin
        Assert.Matches(@"<span>Afeh</span> · <time datetime=""2026-06-13T09:30:00Z""[^>]*>2026-06-13</time>\s*· via <a href=""/feeds/\d+"">DEV Community</a>", html);
        Assert.Contains("<a class=\"button primary\" href=\"https://dev.to/example/post-1\" rel=\"noopener noreferrer\" target=\"_blank\">阅读原文</a>", html);
        Assert.Contains($"<a class=\"button\" href=\"/reader/open/{id}\">在惯性聚合中打开</a>", html);
        Assert.Contains("stream, validate, batch, insert, report", html);
        Assert.Contains("更多来自 DEV Community", html);
        Assert.Contains("Why AI Systems Don’t Fail — They Drift", html);
        // head: canonical to the original, sharing cards, JSON-LD
        Assert.Contains("<link rel=\"canonical\" href=\"https://dev.to/example/post-1\">", html);
        Assert.Contains("<meta property=\"og:type\" content=\"article\">", html);
        Assert.Contains("<meta name=\"twitter:card\"", html);
        Assert.Contains("<meta name=\"description\" content=\"A reflection on performance work at scale", html);
        var jsonLd = JsonLdPattern().Match(html);
        Assert.True(jsonLd.Success);
        using var ld = System.Text.Json.JsonDocument.Parse(jsonLd.Groups[1].Value);
        Assert.Equal("Article", ld.RootElement.GetProperty("@type").GetString());
        Assert.Equal("Afeh", ld.RootElement.GetProperty("author").GetProperty("name").GetString());
        Assert.Equal("2026-06-13T09:30:00Z", ld.RootElement.GetProperty("datePublished").GetString());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task English_reader_gets_english_words_and_dates(DatabaseProvider provider)
    {
        var (site, client) = await SiteAsync(provider, "en-GB,en;q=0.9");
        var id = await ArticleIdAsync(site, "Engineering Resilience");
        var html = await client.GetStringAsync($"/articles/{id}");
        Assert.Contains("<html lang=\"en\"", html);
        Assert.Contains(">Read original</a>", html);
        Assert.Contains(">Open in Inertia</a>", html);
        Assert.Contains(">Jun 13, 2026</time>", html);
        Assert.DoesNotContain("阅读原文", html);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Feed_page_shows_addresses_entries_older_link_and_subscribe(DatabaseProvider provider)
    {
        var (site, client) = await SiteAsync(provider);
        var id = await site.FeedIdAsync("DEV Community");
        var html = await client.GetStringAsync($"/feeds/{id}");
        Assert.Contains("<h1 id=\"feed-title\">DEV Community</h1>", html);
        Assert.Contains("A constructive and inclusive social network for software developers.", html);
        Assert.Contains(WebUtility.HtmlEncode(site.Feeds.Url("dev-community.xml").ToString()), html);
        Assert.Contains("href=\"https://dev.to/\"", html);
        Assert.Contains($"/reader/subscribe?feed={id}", html);
        Assert.Contains($"href=\"/feeds/{id}/atom.xml\"", html);
        // 24 entries fit one page: no "older" link; the keyset link of a full page is tested through its query
        Assert.DoesNotContain("?before=", html);
        var titles = EntryTitlePattern().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(24, titles.Count);
        Assert.Equal("Engineering Resilience: Two Lessons from Building Under Pressure", titles[0]);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Feed_pages_page_by_keyset_without_repeating_or_skipping(DatabaseProvider provider)
    {
        var (site, client) = await SiteAsync(provider);
        await using var connection = await site.Database.OpenAsync();
        var id = await site.FeedIdAsync("DEV Community");
        var all = await PublicSite.FeedEntriesAsync(connection, id, Keyset.Start, 100);
        var seen = new List<long>();
        var from = Keyset.Start;
        while (true)
        {
            var page = await PublicSite.FeedEntriesAsync(connection, id, from, 7);
            seen.AddRange(page.Select(e => e.Id));
            if (page.Count < 7)
            {
                break;
            }
            from = new Keyset(page[^1].SortAt, page[^1].Id);
            // the page's "older" link carries the same keyset
            var html = await client.GetStringAsync($"/feeds/{id}?before={from}");
            Assert.Contains(WebUtility.HtmlEncode(all.SkipWhile(e => e.Id != page[^1].Id).Skip(1).First().Title!), html);
        }
        Assert.Equal(all.Select(e => e.Id), seen);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_dead_feed_shows_its_state_in_plain_words_never_an_error_page(DatabaseProvider provider)
    {
        var (site, client) = await SiteAsync(provider);
        var id = await site.FeedIdAsync(SiteHost.DeadFeedTitle);
        var response = await client.GetAsync($"/feeds/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches("上次尝试 [^<]*：[^<]*Connection refused[^<]*；下次尝试 [^<]*后", html);
        Assert.Contains("还没有文章", html);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_private_feed_never_appears_on_any_public_page_sitemap_or_feed(DatabaseProvider provider)
    {
        var (site, client) = await SiteAsync(provider);
        long privateFeed;
        long privateEntry;
        await using (var connection = await site.Database.OpenAsync())
        {
            privateFeed = await FeedStore.EnsureAsync(connection, null, site.PrivateFeedUrl.ToString(), 0);
            var refs = await ItemStream.RefsAsync(connection, new StreamFilter { UserId = await UserIdAsync(site, SharedSites.Reader), FeedId = privateFeed, Read = false, Limit = 100 });
            privateEntry = refs.First().Id;
        }
        var pages = new List<string> { "/", "/sitemap.xml", "/atom.xml", "/robots.txt" };
        foreach (var title in new[] { "DEV Community", "IT之家", SiteHost.DeadFeedTitle })
        {
            var feed = await site.FeedIdAsync(title);
            pages.Add($"/feeds/{feed}");
            pages.Add($"/feeds/{feed}/atom.xml");
        }
        pages.Add($"/articles/{await ArticleIdAsync(site, "Engineering Resilience")}");
        foreach (var page in pages)
        {
            var body = await client.GetStringAsync(page);
            Assert.DoesNotContain(SiteHost.PrivateToken, body);
            Assert.DoesNotContain("private.xml", body);
            Assert.DoesNotContain("Private diary", body);
            Assert.DoesNotContain("My private feed", body);
            Assert.DoesNotContain($"/feeds/{privateFeed}\"", body);
            Assert.DoesNotContain($"/articles/{privateEntry}\"", body);
        }
        foreach (var page in new[] { $"/feeds/{privateFeed}", $"/feeds/{privateFeed}/atom.xml", $"/articles/{privateEntry}", $"/icons/{privateFeed}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(page)).StatusCode);
        }
        // its subscriber sees its icon (the avatar); a signed-in stranger does not
        var reader = site.Client();
        await SiteHost.SignInAsync(reader, SharedSites.Reader, SharedSites.ReaderPassword);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/icons/{privateFeed}")).StatusCode);
        var admin = site.Client();
        await SiteHost.SignInAsync(admin, "admin", "admin-password-1");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/icons/{privateFeed}")).StatusCode);
    }

    private static async Task<long> UserIdAsync(SiteHost site, string name)
    {
        await using var connection = await site.Database.OpenAsync();
        return (await UserStore.ByNormalizedNameAsync(connection, name.ToUpperInvariant()))!.Id;
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Pages_and_feeds_answer_conditional_requests_with_304(DatabaseProvider provider)
    {
        var (site, client) = await SiteAsync(provider);
        var article = await ArticleIdAsync(site, "Engineering Resilience");
        foreach (var path in new[] { "/", $"/articles/{article}", $"/feeds/{await site.FeedIdAsync("DEV Community")}", "/atom.xml", "/sitemap.xml" })
        {
            var first = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var etag = first.Headers.ETag;
            Assert.NotNull(etag);
            using var again = new HttpRequestMessage(HttpMethod.Get, path);
            again.Headers.IfNoneMatch.Add(etag);
            var second = await client.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
            Assert.Empty(await second.Content.ReadAsByteArrayAsync());
            if (first.Content.Headers.LastModified is { } modified)
            {
                using var since = new HttpRequestMessage(HttpMethod.Get, path);
                since.Headers.IfModifiedSince = modified;
                Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(since)).StatusCode);
            }
            using var stale = new HttpRequestMessage(HttpMethod.Get, path);
            stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\""));
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(stale)).StatusCode);
        }
        Assert.NotNull((await client.GetAsync($"/articles/{article}")).Content.Headers.LastModified);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Sitemap_robots_and_atom_describe_the_public_site(DatabaseProvider provider)
    {
        var (site, client) = await SiteAsync(provider);
        var robots = await client.GetStringAsync("/robots.txt");
        Assert.Contains("Disallow: /reader", robots);
        Assert.Contains($"Sitemap: {site.Root}sitemap.xml", robots);

        var sitemap = System.Xml.Linq.XDocument.Parse(await client.GetStringAsync("/sitemap.xml"));
        var locations = sitemap.Descendants("{http://www.sitemaps.org/schemas/sitemap/0.9}loc").Select(l => l.Value).ToList();
        Assert.Contains($"{site.Root}articles/{await ArticleIdAsync(site, "Engineering Resilience")}", locations);
        Assert.Contains($"{site.Root}feeds/{await site.FeedIdAsync("IT之家")}", locations);

        // the site's own Atom feeds are feeds our parser reads back whole
        var atom = await client.GetByteArrayAsync("/atom.xml");
        var parsed = FeedParser.Parse(atom, new FeedParseOptions { DocumentUrl = new Uri(site.Root, "atom.xml").ToString(), ContentType = "application/atom+xml" });
        Assert.Null(parsed.Error);
        Assert.Equal("惯性聚合", parsed.Feed!.Title);
        Assert.Contains(parsed.Feed.Entries, e => e.Title == "Engineering Resilience: Two Lessons from Building Under Pressure" && e.Url == "https://dev.to/example/post-1");
        var devFeed = await site.FeedIdAsync("DEV Community");
        var own = FeedParser.Parse(await client.GetByteArrayAsync($"/feeds/{devFeed}/atom.xml"), new FeedParseOptions { DocumentUrl = new Uri(site.Root, $"feeds/{devFeed}/atom.xml").ToString(), ContentType = "application/atom+xml" });
        Assert.Equal("DEV Community", own.Feed!.Title);
        Assert.Equal(24, own.Feed.Entries.Count);
        Assert.Contains(own.Feed.Entries, e => e.Content?.Contains("stream, validate, batch, insert, report", StringComparison.Ordinal) == true);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Hostile_feed_html_is_served_only_sanitized(DatabaseProvider provider)
    {
        var (site, client) = await SiteAsync(provider);
        var id = await ArticleIdAsync(site, "<script>");
        var html = await client.GetStringAsync($"/articles/{id}");
        var main = html[html.IndexOf("<main", StringComparison.Ordinal)..html.IndexOf("</main>", StringComparison.Ordinal)];
        Assert.DoesNotContain("<script", main, StringComparison.OrdinalIgnoreCase);
        // an event handler attribute inside a tag (escaped text such as the author's "&lt;img onerror=…" is harmless)
        Assert.DoesNotMatch(@"<[^>]*\son[a-z]+\s*=", main);
        Assert.DoesNotContain("javascript:", main, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", main, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<form", main, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<style", main, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<object", main, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<base", main, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", main, StringComparison.OrdinalIgnoreCase);
        // the entry's link is javascript: — no 阅读原文 button rather than a dangerous one
        Assert.DoesNotContain("阅读原文", main);
        // the title is text, escaped
        Assert.Contains("&lt;script&gt;alert(&#x27;script tag&#x27;)&lt;/script&gt; Hostile title", main);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Every_page_carries_the_security_headers_and_no_inline_script_or_style(DatabaseProvider provider)
    {
        var (site, client) = await SiteAsync(provider);
        var paths = new[] { "/", $"/articles/{await ArticleIdAsync(site, "Engineering Resilience")}", $"/feeds/{await site.FeedIdAsync("IT之家")}", "/signin", "/no-such-page" };
        foreach (var path in paths)
        {
            var response = await client.GetAsync(path);
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", csp);
            Assert.Contains("style-src 'self'", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotMatch(@"<script(?![^>]*\b(src=|type=""application/ld\+json""))", html);
            Assert.DoesNotMatch(@"<[a-z]+[^>]*\sstyle=", html);
            Assert.DoesNotMatch(@"<[a-z]+[^>]*\son[a-z]+=", html);
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Unknown_pages_get_the_site_s_not_found_page_and_apis_a_bare_status(DatabaseProvider provider)
    {
        var (_, client) = await SiteAsync(provider);
        var page = await client.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("惯性聚合", await page.Content.ReadAsStringAsync());
        var missingArticle = await client.GetAsync("/articles/987654321");
        Assert.Equal(HttpStatusCode.NotFound, missingArticle.StatusCode);
        Assert.Contains("<h1", await missingArticle.Content.ReadAsStringAsync());
        var icon = await client.GetAsync("/icons/987654321");
        Assert.Equal(HttpStatusCode.NotFound, icon.StatusCode);
        Assert.DoesNotContain("<html", await icon.Content.ReadAsStringAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Text_answers_are_compressed_for_a_client_that_asks_and_plain_for_one_that_does_not(DatabaseProvider provider)
    {
        var (site, client) = await SiteAsync(provider);
        var article = await ArticleIdAsync(site, "Engineering Resilience");
        foreach (var (path, encoding) in new[] { ("/", "br"), ($"/articles/{article}", "gzip"), ("/atom.xml", "br"), ("/static/app.css", "gzip") })
        {
            var plain = await client.GetByteArrayAsync(path);
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.AcceptEncoding.ParseAdd(encoding);
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
            var sent = await response.Content.ReadAsByteArrayAsync();
            using var decoder = encoding == "br"
                ? (Stream)new System.IO.Compression.BrotliStream(new MemoryStream(sent), System.IO.Compression.CompressionMode.Decompress)
                : new System.IO.Compression.GZipStream(new MemoryStream(sent), System.IO.Compression.CompressionMode.Decompress);
            using var unpacked = new MemoryStream();
            await decoder.CopyToAsync(unpacked);
            // the same answer, at a fraction of its size
            Assert.Equal(plain, unpacked.ToArray());
            Assert.True(sent.Length * 2 < plain.Length, $"{path}: {sent.Length} bytes sent for {plain.Length}");
        }
        // a client that does not ask gets the bytes as they are
        using var bare = await client.GetAsync("/");
        Assert.Empty(bare.Content.Headers.ContentEncoding);
    }

    [GeneratedRegex("<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex JsonLdPattern();

    [GeneratedRegex("<span class=\"title\">([^<]*)</span>")]
    private static partial Regex EntryTitlePattern();
}
