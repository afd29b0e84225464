using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Inertia.Browser.Tests;

/// <summary>
/// The same article in Simplified, Traditional and Taiwan form, as a person sees it: on the public site by the visitor's
/// language (简 / 繁), in the reader by the setting chosen on the account page; each checked by axe and saved as a screenshot.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ChineseFormsTests(BrowserFixture browser, BrowserSite site) : IClassFixture<BrowserSite>
{
    private const string Title = "国产开源数据库发布 5.0 版本，查询性能提升 40%";

    private async Task<long> ArticleAsync()
    {
        await using var connection = await site.Site.Database.OpenAsync();
        var latest = await Inertia.Reader.Storage.PublicSite.LatestAsync(connection, Inertia.Reader.Storage.Keyset.Start, 100);
        return latest.First(e => e.Title == Title).Id;
    }

    [Fact]
    public async Task The_public_article_is_written_in_the_visitors_script()
    {
        var article = await ArticleAsync();
        foreach (var (locale, title, tagline) in new[]
        {
            ("zh-CN", Title, "高效追踪和阅读你感兴趣的博客、新闻、科技资讯"),
            ("zh-TW", "國產開源資料庫釋出 5.0 版本，查詢效能提升 40%", "高效追蹤和閱讀你感興趣的部落格、新聞、科技資訊"),
        })
        {
            foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
            {
                foreach (var (width, height) in new[] { (1280, 900), (390, 844) })
                {
                    var page = await browser.VisitorAsync(site.Root, locale, scheme, width, height);
                    await page.GotoAsync($"/articles/{article}");
                    await Expect(page.Locator("h1#article-title")).ToHaveTextAsync(title);
                    await Expect(page.Locator(".tagline")).ToHaveTextAsync(tagline);
                    await PageChecks.AssertAccessibleAsync(page);
                    await PageChecks.AssertFitsWidthAsync(page);
                    await Screenshots.SaveAsync(page, $"chinese-article-{(locale == "zh-TW" ? "tw" : "s")}-{(width < 600 ? "phone" : "desktop")}-{(scheme == ColorScheme.Dark ? "dark" : "light")}");
                    await page.Context.CloseAsync();
                }
            }
        }
    }

    [Fact]
    public async Task The_reader_shows_the_form_chosen_in_the_settings()
    {
        var article = await ArticleAsync();
        var page = await browser.VisitorAsync(site.Root, "zh-CN");
        await BrowserFixture.SignInAsync(page, BrowserSite.Admin, BrowserSite.AdminPassword);
        foreach (var (variant, title, body) in new[]
        {
            ("t", "國產開源數據庫發佈 5.0 版本，查詢性能提升 40%", "本文從一個實際問題出發"),
            ("tw", "國產開源資料庫釋出 5.0 版本，查詢效能提升 40%", "本文從一個實際問題出發"),
            ("s", Title, "本文从一个实际问题出发"),
        })
        {
            await page.GotoAsync("/account");
            await page.Locator("select[name=chineseVariant]").First.SelectOptionAsync(variant);
            await page.Locator("form[action*=Reading] button[type=submit]").ClickAsync();
            await page.GotoAsync($"/reader/entries/{article}");
            await Expect(page.Locator("h1#article-title")).ToHaveTextAsync(title);
            await Expect(page.Locator(".prose")).ToContainTextAsync(body);
            await PageChecks.AssertAccessibleAsync(page);
            await Screenshots.SaveAsync(page, $"chinese-reader-entry-{variant}-desktop-light");
        }
        await page.GotoAsync("/account");
        await PageChecks.AssertAccessibleAsync(page);
        await page.Locator("select[name=chineseVariant]").First.SelectOptionAsync("original");
        await page.Locator("form[action*=Reading] button[type=submit]").ClickAsync();
        await page.Context.CloseAsync();
    }

    // a whole 1×1 PNG: the browser must be able to draw it
    private static readonly byte[] Pixel = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    [Fact]
    public async Task A_hotlink_protected_image_shows_in_the_article_through_the_proxy_and_a_subscribe_link_subscribes_on_confirmation()
    {
        await using var images = await Inertia.Reader.Tests.FeedServer.StartAsync(app =>
        {
            // Weibo's image CDN as it behaves: the picture only for its own Referer
            Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/wx1/pic.png", (Microsoft.AspNetCore.Http.HttpContext http) =>
                http.Request.Headers.Referer.ToString() == "https://weibo.example/" ? Microsoft.AspNetCore.Http.Results.Bytes(Pixel, "image/png") : Microsoft.AspNetCore.Http.Results.StatusCode(403));
            Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/weibo.xml", () => Microsoft.AspNetCore.Http.Results.Content(
                $"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>微博</title><link>https://weibo.example/</link><item><guid>w1</guid><title>今天的照片</title>"
                + $"<description>&lt;p&gt;照片：&lt;/p&gt;&lt;img src=\"{app.Urls.First()}/wx1/pic.png\" alt=\"照片\" width=\"320\" height=\"200\"&gt;</description></item></channel></rss>",
                "application/rss+xml"));
        });
        var feed = images.Url("weibo.xml").ToString();

        // not signed in: the subscribe link leads through sign-in to the filled form, and only its button subscribes
        var page = await browser.VisitorAsync(site.Root, "zh-CN");
        await page.GotoAsync("/subscribe?url=" + Uri.EscapeDataString(feed));
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
        await page.GetByLabel("用户名").FillAsync(BrowserSite.Admin);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(BrowserSite.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/reader/add\\?url="));
        await Expect(page.Locator("input[name=url]")).ToHaveValueAsync(feed);
        await PageChecks.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "订阅", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/reader\\?feed="));

        // the administrator's rule for the image host, made on its page
        await page.GotoAsync("/admin/media");
        await page.Locator("input[name=host]").FillAsync("127.0.0.1");
        await page.Locator("input[name=referer]").FillAsync("https://weibo.example/");
        await page.Locator("form button[type=submit]").First.ClickAsync();
        await Expect(page.Locator("table code", new() { HasText = "127.0.0.1" })).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page);

        await site.Site.RefreshAsync();
        await page.GotoAsync("/reader");
        await page.Locator(".entry-line", new() { HasText = "今天的照片" }).ClickAsync();
        var image = page.Locator(".prose img");
        await Expect(image).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^/proxy/"));
        // drawn: the browser got the picture through the proxy
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('.prose img'); return i && i.complete && i.naturalWidth === 1; }");
        await Screenshots.SaveAsync(page, "media-proxy-reader-entry-desktop-light");
        await page.Context.CloseAsync();
    }
}
