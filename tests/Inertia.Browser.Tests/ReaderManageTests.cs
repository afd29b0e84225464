using System.Text.RegularExpressions;
using Inertia.Reader.Storage;
using Inertia.Web.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Inertia.Browser.Tests;

/// <summary>Managing subscriptions and reading settings in a browser: an OPML file imported with its progress shown live and its report, a feed's options, unsubscribing, marking read on scroll.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReaderManageTests(BrowserFixture browser)
{
    private static async Task<IPage> SignedInAsync(BrowserFixture browser, SiteHost site, string name, string password)
    {
        var page = await browser.VisitorAsync(site.Root);
        await BrowserFixture.SignInAsync(page, name, password);
        return page;
    }

    [Fact]
    public async Task An_opml_file_of_500_outlines_and_20_broken_ones_imports_with_live_progress_and_a_report()
    {
        await using var site = await SiteHost.StartAsync();
        await site.CreateUserAsync("olga", "olga-password-1");
        var page = await SignedInAsync(browser, site, "olga", "olga-password-1");
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);

        await page.GetByRole(AriaRole.Link, new() { Name = "管理", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/reader/subscriptions$"));
        await page.GetByRole(AriaRole.Link, new() { Name = "导入 OPML", Exact = true }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/reader/import$"));
        await PageChecks.AssertAccessibleAsync(page);
        var file = Path.Combine(Path.GetTempPath(), $"inertia-{Guid.NewGuid():N}.opml");
        await File.WriteAllTextAsync(file, OpmlFiles.Farm(site.Feeds, 500, 20));
        await page.Locator("input[type=file]").SetInputFilesAsync(file);

        // the database's one writer held: the import waits at its first batch, and its page shows it running
        var turn = await site.Database.WriterTurnAsync();
        try
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "导入", Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/reader/import/[0-9]+$"));
            await Expect(page.Locator("[data-import-state]")).ToContainTextAsync("正在导入");
            await Expect(page.Locator("[data-import-done]")).ToHaveTextAsync("0 / 520");
            await PageChecks.AssertAccessibleAsync(page);
            await PageChecks.AssertFitsWidthAsync(page);
            await Screenshots.SaveAsync(page, "reader-import-running-desktop-light-zh");
        }
        finally
        {
            turn.Dispose();
        }
        // let go, the page follows the job by itself (the test neither reloads nor navigates) to its report
        await Expect(page.Locator("[data-import-state]")).ToContainTextAsync("导入完成", new() { Timeout = 60_000 });
        await Expect(page.Locator("[data-import-done]")).ToHaveTextAsync("520 / 520");
        await Expect(page.Locator("[data-import-imported]")).ToHaveTextAsync("500");
        await Expect(page.Locator("[data-import-invalid]")).ToHaveTextAsync("20");
        await Expect(page.Locator("#invalid-title + table tbody tr")).ToHaveCountAsync(20);
        await Expect(page.Locator("#invalid-title + table tbody tr").First).ToContainTextAsync("507");
        await PageChecks.AssertAccessibleAsync(page);
        await Screenshots.SaveAsync(page, "reader-import-report-desktop-light-zh");

        // the imported folders are categories in the sidebar; export gives the file back
        await page.GotoAsync("/reader/subscriptions");
        await Expect(page.Locator("#categories-title + table tbody tr")).ToHaveCountAsync(2);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "导出 OPML", Exact = true }).ClickAsync());
        var exported = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Equal(500, Regex.Count(exported, "xmlUrl="));
        File.Delete(file);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_feed_is_renamed_moved_to_a_new_category_paused_and_unsubscribed_from_its_page()
    {
        await using var site = await SiteHost.StartAsync();
        var user = await site.CreateUserAsync("piet", "piet-password-1");
        long feed;
        await using (var connection = await site.Database.OpenAsync())
        {
            var url = site.Feeds.Url("ithome.xml").ToString();
            await SubscriptionStore.SubscribeAsync(connection, null, user, url, null, null, null, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            feed = (await SubscriptionStore.FeedByUrlAsync(connection, user, url))!.Value;
        }
        var page = await SignedInAsync(browser, site, "piet", "piet-password-1");
        await page.GotoAsync($"/reader?feed={feed}");
        await page.GetByRole(AriaRole.Link, new() { Name = "订阅设置", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/reader/feeds/{feed}$"));
        await PageChecks.AssertAccessibleAsync(page);

        await page.GetByLabel("标题", new() { Exact = true }).FillAsync("之家快讯");
        await page.GetByLabel("或新建分类").FillAsync("中文科技");
        await page.GetByLabel("暂停").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("已保存");
        await Expect(page.Locator("h1")).ToHaveTextAsync("之家快讯");
        await Expect(page.Locator("nav[aria-labelledby=subscriptions]")).ToContainTextAsync("中文科技");
        await Expect(page.Locator(".feed-head")).ToContainTextAsync("已暂停");

        // unsubscribing asks once more before it is done
        var confirm = page.GetByRole(AriaRole.Button, new() { Name = "确定取消订阅", Exact = true });
        await Expect(confirm).Not.ToBeVisibleAsync();
        await page.Locator("details.confirm summary").ClickAsync();
        await confirm.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/reader/subscriptions"));
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("已取消订阅");
        await Expect(page.Locator("nav[aria-labelledby=subscriptions]")).Not.ToContainTextAsync("之家快讯");
        await PageChecks.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task With_mark_read_on_scroll_the_lines_scrolled_past_are_marked_read_and_those_below_stay_unread()
    {
        await using var site = await SiteHost.StartAsync();
        var user = await site.CreateUserAsync("sara", "sara-password-1");
        long linked;
        await using (var connection = await site.Database.OpenAsync())
        {
            var url = site.Feeds.Url("dev-community.xml").ToString();
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            await SubscriptionStore.SubscribeAsync(connection, null, user, url, null, null, null, now);
            var feed = (await SubscriptionStore.FeedByUrlAsync(connection, user, url))!.Value;
            // an article with a link in it, the newest of the feed
            await using (var tx = await connection.BeginTransactionAsync())
            {
                await EntryStore.UpsertAsync(connection, tx, feed,
                    [new Inertia.Feeds.Model.ParsedEntry { Key = "linked", Title = "With a link", Url = "https://example.org/linked", Content = "<p>See <a href=\"https://example.org/elsewhere\">elsewhere</a>.</p>" }],
                    e => e, now);
                await tx.CommitAsync();
            }
            linked = (await ItemStream.RefsAsync(connection, new StreamFilter { UserId = user, FeedId = feed, Limit = 1 }))[0].Id;
        }
        var page = await SignedInAsync(browser, site, "sara", "sara-password-1");
        await page.GotoAsync("/account");
        await page.GetByLabel("标记为已读").SelectOptionAsync("scroll");
        await page.GetByLabel("在新标签页中打开文章中的链接").CheckAsync();
        await page.Locator("form[action*=Reading] button[type=submit]").ClickAsync();
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("已保存");
        await PageChecks.AssertAccessibleAsync(page);

        await page.GotoAsync("/reader");
        var lines = page.Locator(".entries > li");
        var total = await lines.CountAsync();
        Assert.True(total >= 10, $"{total} lines");
        // scrolled until the fifth line has left the top of the window (fonts loaded first: a late font moves the lines)
        await page.EvaluateAsync("document.fonts.ready");
        await page.EvaluateAsync("document.querySelectorAll('.entries > li')[5].scrollIntoView({ block: 'start' })");
        await page.Mouse.WheelAsync(0, 40);
        await Expect(lines.Nth(0)).ToHaveClassAsync(new Regex("is-read"));
        await Expect(lines.Nth(4)).ToHaveClassAsync(new Regex("is-read"));
        await Expect(lines.Nth(total - 1)).ToHaveClassAsync(new Regex("is-unread"));
        // exactly the lines wholly above the window were marked (five, or more where the wheel went further)
        var above = await page.EvaluateAsync<int>("[...document.querySelectorAll('.entries > li')].filter(l => l.getBoundingClientRect().bottom <= 0).length");
        Assert.True(above >= 5 && above < total, $"{above} of {total} lines above the window");
        await Expect(page.Locator(".entries > li.is-read")).ToHaveCountAsync(above, new() { Timeout = 10_000 });
        // the server has them read: a fresh page says so (a new visit from the top, not a reload that would restore the
        // scroll position and let this page mark more)
        await page.GotoAsync("/reader?show=all");
        await Expect(page.Locator(".entries > li.is-unread")).ToHaveCountAsync(total - above, new() { Timeout = 10_000 });

        // an article's links open in a new tab
        await page.GotoAsync($"/reader/entries/{linked}");
        await Expect(page.Locator(".prose a", new() { HasText = "elsewhere" })).ToHaveAttributeAsync("target", "_blank");
    }
    [Fact]
    public async Task A_rule_made_in_the_form_hides_its_entries_from_the_reader_and_reads_as_a_sentence()
    {
        await using var site = await SiteHost.StartAsync();
        var user = await site.CreateUserAsync("rita", "rita-password-1");
        var url = site.Feeds.Url("ithome.xml").ToString();
        await using (var connection = await site.Database.OpenAsync())
        {
            await SubscriptionStore.SubscribeAsync(connection, null, user, url, null, null, null, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        }
        var page = await SignedInAsync(browser, site, "rita", "rita-password-1");
        await Expect(page.Locator("ul.entries")).ToContainTextAsync("折叠屏");

        await page.GotoAsync("/reader/subscriptions");
        await page.GetByRole(AriaRole.Link, new() { Name = "规则", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/reader/rules$"));
        await PageChecks.AssertAccessibleAsync(page);
        await page.GetByLabel("执行").SelectOptionAsync("block");
        await page.GetByLabel("条件").SelectOptionAsync("title");
        await page.GetByLabel("关键词或表达式").FillAsync("折叠屏, 云厂商");
        await page.GetByRole(AriaRole.Button, new() { Name = "添加规则" }).ClickAsync();
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("隐藏 2 篇");
        await Expect(page.Locator(".rules li")).ToHaveCountAsync(1);
        await Expect(page.Locator(".rules li")).ToContainTextAsync("标题包含 折叠屏, 云厂商");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.AssertFitsWidthAsync(page);
        await Screenshots.SaveAsync(page, "reader-rules-desktop-light-zh");

        await page.GotoAsync("/reader?show=all");
        await Expect(page.Locator("ul.entries")).ToContainTextAsync("开源数据库");
        await Expect(page.Locator("ul.entries")).Not.ToContainTextAsync("折叠屏");
        await Expect(page.Locator("ul.entries")).Not.ToContainTextAsync("云厂商");
    }
}
