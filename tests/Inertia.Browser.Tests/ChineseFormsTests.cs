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
}
