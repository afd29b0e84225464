using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Inertia.Browser.Tests;

/// <summary>The public site in a real browser: the seed page's pages and their links, 在惯性聚合中打开 through sign-in, themes, phones, languages.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PublicSiteTests(BrowserFixture browser, BrowserSite site) : IClassFixture<BrowserSite>
{
    private const string ArticleTitle = "Engineering Resilience: Two Lessons from Building Under Pressure";

    [Fact]
    public async Task Home_feed_and_article_pages_link_up_show_the_seed_buttons_and_pass_axe()
    {
        var page = await browser.VisitorAsync(site.Root);
        await page.GotoAsync("/");
        await Expect(page).ToHaveTitleAsync("惯性聚合");
        await Expect(page.Locator(".tagline")).ToHaveTextAsync("高效追踪和阅读你感兴趣的博客、新闻、科技资讯");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "推荐订阅源" })).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page);

        // 推荐订阅源 → the feed's page
        await page.Locator(".feed-list a", new() { HasText = "DEV Community" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/feeds/\d+$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "DEV Community", Exact = true, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "订阅", Exact = true })).ToHaveAttributeAsync("href", new Regex(@"^/reader/subscribe\?feed=\d+$"));
        await PageChecks.AssertAccessibleAsync(page);

        // the newest entry → the article, as the seed page shows it
        await page.Locator(".entry-line", new() { HasText = ArticleTitle }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/articles/\d+$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = ArticleTitle, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".byline")).ToContainTextAsync("Afeh · 2026-06-13 · via DEV Community");
        await Expect(page.Locator(".byline time")).ToHaveAttributeAsync("datetime", "2026-06-13T09:30:00Z");
        var original = page.GetByRole(AriaRole.Link, new() { Name = "阅读原文" });
        await Expect(original).ToHaveAttributeAsync("href", "https://dev.to/example/post-1");
        await Expect(original).ToHaveAttributeAsync("rel", "noopener noreferrer");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "在惯性聚合中打开" })).ToHaveAttributeAsync("href", new Regex(@"^/reader/open/\d+$"));
        await Expect(page.Locator(".prose h2").First).ToHaveTextAsync("Part I: a search API that stays fast");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "更多来自 DEV Community" })).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page);

        // the feed's other titles lead to their articles
        await page.Locator(".titles a", new() { HasText = "Why AI Systems Don’t Fail" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Why AI Systems Don’t Fail — They Drift", Level = 1 })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Open_in_Inertia_leads_through_sign_in_to_the_article_in_the_reader()
    {
        var page = await browser.VisitorAsync(site.Root);
        await page.GotoAsync("/");
        await page.Locator(".entry-line", new() { HasText = "科技爱好者周刊（第 356 期）" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "在惯性聚合中打开" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/signin\?ReturnUrl=%2Freader%2Fopen%2F\d+$"));
        await page.GetByLabel("用户名").FillAsync(BrowserSite.Reader);
        await page.GetByLabel("密码").FillAsync(BrowserSite.ReaderPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        // not yet subscribed to 阮一峰的网络日志: subscribing is asked, not done by a link
        await Expect(page).ToHaveURLAsync(new Regex(@"/reader/open/\d+$"));
        await Expect(page.Locator("main")).ToContainTextAsync("订阅「阮一峰的网络日志」");
        await page.GetByRole(AriaRole.Button, new() { Name = "订阅并打开" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/reader/entries/\d+$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "科技爱好者周刊（第 356 期）：慢就是快", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("慢慢来，比较快。");
        // and once subscribed, the same button opens it at once
        await page.GotoAsync(page.Url.Replace("/reader/entries/", "/reader/open/", StringComparison.Ordinal));
        await Expect(page).ToHaveURLAsync(new Regex(@"/reader/entries/\d+$"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_private_feed_appears_on_no_public_page_sitemap_or_feed()
    {
        var page = await browser.VisitorAsync(site.Root);
        var paths = new List<string> { "/", "/sitemap.xml", "/atom.xml" };
        await page.GotoAsync("/");
        foreach (var href in await page.Locator(".feed-list a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
        {
            paths.Add(href);
            paths.Add(href + "/atom.xml");
        }
        foreach (var path in paths)
        {
            var response = await page.GotoAsync(path);
            Assert.True(response!.Ok, $"{path}: {response.Status}");
            var text = await page.ContentAsync();
            Assert.DoesNotContain("Private diary", text);
            Assert.DoesNotContain("My private feed", text);
            Assert.DoesNotContain(Web.Tests.SiteHost.PrivateToken, text);
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Dark_theme_follows_the_system_and_the_toggle_overrides_it()
    {
        var dark = await browser.VisitorAsync(site.Root, scheme: ColorScheme.Dark);
        await dark.GotoAsync("/");
        Assert.True(await BackgroundLuminanceAsync(dark) < 0.2, "a dark system gets the dark theme");
        await PageChecks.AssertAccessibleAsync(dark);
        await dark.Context.CloseAsync();

        var light = await browser.VisitorAsync(site.Root, scheme: ColorScheme.Light);
        await light.GotoAsync("/");
        Assert.True(await BackgroundLuminanceAsync(light) > 0.8, "a light system gets the light theme");
        await light.GetByRole(AriaRole.Link, new() { Name = "深色主题" }).ClickAsync();
        await Expect(light.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        Assert.True(await BackgroundLuminanceAsync(light) < 0.2);
        // remembered on the next page
        await light.Locator(".feed-list a").First.ClickAsync();
        await Expect(light.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await PageChecks.AssertAccessibleAsync(light);
        await light.Context.CloseAsync();
    }

    private static async Task<double> BackgroundLuminanceAsync(IPage page) =>
        await page.EvaluateAsync<double>("""
            (() => {
              const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
              return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
            })()
            """);

    [Fact]
    public async Task A_390_px_phone_reads_every_public_page_without_sideways_scrolling()
    {
        var page = await browser.VisitorAsync(site.Root, width: 390, height: 844);
        await page.GotoAsync("/");
        await PageChecks.AssertFitsWidthAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "推荐订阅源" })).ToBeVisibleAsync();
        await page.Locator(".entry-line", new() { HasText = ArticleTitle }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "阅读原文" })).ToBeInViewportAsync();
        await PageChecks.AssertFitsWidthAsync(page);
        await PageChecks.AssertAccessibleAsync(page);
        await page.Locator(".crumb a").ClickAsync();
        await PageChecks.AssertFitsWidthAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_english_visitor_reads_the_site_in_english_and_can_switch_to_chinese()
    {
        var page = await browser.VisitorAsync(site.Root, locale: "en-US");
        await page.GotoAsync("/");
        await Expect(page).ToHaveTitleAsync("Inertia");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Recommended feeds" })).ToBeVisibleAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.Locator(".entry-line", new() { HasText = ArticleTitle }).ClickAsync();
        await Expect(page.Locator(".byline")).ToContainTextAsync("Afeh · Jun 13, 2026 · via DEV Community");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Read original" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Open in Inertia" })).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "简体中文" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "阅读原文" })).ToBeVisibleAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hans");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_dead_feed_shows_its_state_and_the_not_found_page_is_the_site_s_own()
    {
        var page = await browser.VisitorAsync(site.Root);
        await page.GotoAsync("/");
        await page.Locator(".feed-list a", new() { HasText = Web.Tests.SiteHost.DeadFeedTitle }).ClickAsync();
        await Expect(page.Locator(".feed-head")).ToContainTextAsync("上次尝试");
        await Expect(page.Locator(".feed-head")).ToContainTextAsync("Connection refused");
        await PageChecks.AssertAccessibleAsync(page);
        var missing = await page.GotoAsync("/articles/987654321");
        Assert.Equal(404, missing!.Status);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "返回首页" })).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }
}
