using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Inertia.Browser.Tests;

/// <summary>
/// Every page in both languages, both themes, on a desktop and a 390 px phone, saved under artifacts/screenshots/ for
/// people to look at — and each one answering 200 with no script error, as a visitor would see it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotTour(BrowserFixture browser, BrowserSite site) : IClassFixture<BrowserSite>
{
    [Fact]
    public async Task Every_page_renders_in_both_languages_themes_and_sizes()
    {
        long article, feed;
        string? articleUrl;
        await using (var connection = await site.Site.Database.OpenAsync())
        {
            var latest = await Inertia.Reader.Storage.PublicSite.LatestAsync(connection, Inertia.Reader.Storage.Keyset.Start, 100);
            article = latest.First(e => e.Title!.StartsWith("Engineering Resilience", StringComparison.Ordinal)).Id;
            feed = latest.First(e => e.Id == article).FeedId;
            articleUrl = latest.First(e => e.Id == article).Url;
        }
        var dead = await site.Site.FeedIdAsync(Web.Tests.SiteHost.DeadFeedTitle);
        var ithome = await site.Site.FeedIdAsync("IT之家");
        var ruanyifeng = await site.Site.FeedIdAsync("阮一峰的网络日志");
        await using (var connection = await site.Site.Database.OpenAsync())
        await using (var tx = await connection.BeginTransactionAsync())
        {
            // the article again through another feed (its address with tracking added): the reader shows it once, "also in"
            await Inertia.Reader.Storage.EntryStore.UpsertAsync(connection, tx, ithome,
                [new Inertia.Feeds.Model.ParsedEntry { Key = "tour-copy", Title = "转载：Engineering Resilience", Url = articleUrl + "?utm_source=ithome", Content = "<p>转载</p>" }],
                e => e, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            await tx.CommitAsync();
        }
        long import;
        await using (var connection = await site.Site.Database.OpenAsync())
        {
            // an import's report as its page shows it when done: counts, and the outlines it refused
            var admin = (await Inertia.Reader.Storage.UserStore.FindAsync(connection, BrowserSite.Admin))!.Value;
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            // a saved search in the sidebar
            await Inertia.Reader.Storage.SavedViewStore.SaveAsync(connection, admin, "阮一峰", "/reader?q=" + Uri.EscapeDataString("阮一峰"), now);
            // rules of each kind, for one feed and for all
            await Inertia.Reader.Storage.EntryRuleStore.AddAsync(connection, new() { UserId = admin, FeedId = ithome, Action = Inertia.Reader.Rules.RuleAction.Block, Field = Inertia.Reader.Rules.RuleField.Title, Pattern = "广告, 促销" }, now);
            await Inertia.Reader.Storage.EntryRuleStore.AddAsync(connection, new() { UserId = admin, Action = Inertia.Reader.Rules.RuleAction.Read, Field = Inertia.Reader.Rules.RuleField.Author, Match = Inertia.Reader.Rules.RuleMatch.Regex, Pattern = @"^(bot|digest)\b" }, now);
            await Inertia.Reader.Storage.EntryRuleStore.AddAsync(connection, new() { UserId = admin, Action = Inertia.Reader.Rules.RuleAction.Star, Pattern = "惯性聚合, Inertia" }, now);
            import = await Inertia.Reader.Storage.ImportJobStore.StartAsync(connection, admin, "feedly.opml", 212, now);
            await Inertia.Reader.Storage.ImportJobStore.ProgressAsync(connection, import, 212, 180, 29,
                [new(14, "outline of type 'rss' has no xmlUrl"), new(77, "'javascript:alert(1)' is not an http(s) URL, skipped"), new(190, "duplicate of the outline on line 12 (https://example.org/feed), skipped")],
                Inertia.Reader.Storage.ImportJob.Finished, now);
        }
        (string Name, string Path, bool SignedIn, int Status)[] pages =
        [
            ("home", "/", false, 200),
            ("feed", $"/feeds/{feed}", false, 200),
            ("feed-dead", $"/feeds/{dead}", false, 200),
            ("article", $"/articles/{article}", false, 200),
            ("signin", "/signin", false, 200),
            ("not-found", "/no-such-page", false, 404),
            ("reader", "/reader", true, 200),
            ("reader-all", "/reader?show=all&order=oldest", true, 200),
            ("reader-search", "/reader?q=" + Uri.EscapeDataString("阮一峰"), true, 200),
            ("reader-search-dates", "/reader?show=unread&since=2026-06-11&until=2026-06-13&q=" + Uri.EscapeDataString("阮一峰"), true, 200),
            ("reader-entry", $"/reader/entries/{article}", true, 200),
            ("reader-add", "/reader/add", true, 200),
            ("reader-subscriptions", "/reader/subscriptions", true, 200),
            ("reader-feed", $"/reader/feeds/{ithome}", true, 200),
            ("reader-import", "/reader/import", true, 200),
            ("reader-import-report", $"/reader/import/{import}", true, 200),
            ("reader-rules", "/reader/rules", true, 200),
            ("account", "/account", true, 200),
            ("admin-users", "/admin/users", true, 200),
            ("admin-catalog", "/admin/catalog", true, 200),
            ("admin-refresh", "/admin/refresh", true, 200),
            ("admin-media", "/admin/media", true, 200),
        ];
        foreach (var locale in new[] { "zh-CN", "en-US" })
        {
            foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
            {
                foreach (var (width, height) in new[] { (1280, 900), (390, 844) })
                {
                    var page = await browser.VisitorAsync(site.Root, locale, scheme, width, height);
                    var errors = new List<string>();
                    page.PageError += (_, error) => errors.Add(error);
                    page.Console += (_, message) =>
                    {
                        if (message.Type == "error")
                        {
                            errors.Add(message.Text);
                        }
                    };
                    var signedIn = false;
                    foreach (var (name, path, needsSignIn, status) in pages)
                    {
                        if (needsSignIn && !signedIn)
                        {
                            await page.GotoAsync("/signin");
                            await page.Locator("input[name=UserName]").FillAsync(BrowserSite.Admin);
                            await page.Locator("input[name=Password]").FillAsync(BrowserSite.AdminPassword);
                            await page.Locator("form:not([data-passkey-signin]) button[type=submit]").ClickAsync();
                            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/reader$"));
                            signedIn = true;
                        }
                        var response = await page.GotoAsync(path);
                        Assert.Equal(status, response!.Status);
                        await PageChecks.AssertFitsWidthAsync(page);
                        var theme = scheme == ColorScheme.Dark ? "dark" : "light";
                        await Screenshots.SaveAsync(page, $"{name}-{(width < 600 ? "phone" : "desktop")}-{theme}-{locale[..2]}");
                    }
                    // an API password just made, as its owner sees it once
                    await page.GotoAsync("/account");
                    await page.Locator("input[name=label]").FillAsync("NetNewsWire");
                    await page.Locator("form[action*=CreateApiPassword] button").ClickAsync();
                    await Expect(page.Locator("code.secret")).ToBeVisibleAsync();
                    await PageChecks.AssertFitsWidthAsync(page);
                    await Screenshots.SaveAsync(page, $"account-api-password-{(width < 600 ? "phone" : "desktop")}-{(scheme == ColorScheme.Dark ? "dark" : "light")}-{locale[..2]}");
                    // whole articles in the list, for a reader who asks (then back to excerpts for the next pass)
                    async Task WholeAsync(bool on)
                    {
                        await page.GotoAsync("/account");
                        await page.Locator("input[name=listContent]").SetCheckedAsync(on);
                        // wait for the POST's answer and the page it leads to, not for a load state (under load that
                        // wait once began after the page had loaded and timed out)
                        await page.RunAndWaitForResponseAsync(
                            () => page.Locator("form[action*=Reading] button[type=submit]").ClickAsync(),
                            r => r.Request.Method == "POST" && r.Url.Contains("/account", StringComparison.Ordinal));
                        await Expect(page.Locator("input[name=listContent]")).ToBeCheckedAsync(new() { Checked = on });
                    }
                    await WholeAsync(true);
                    await page.GotoAsync($"/reader?show=all&feed={ruanyifeng}");
                    await PageChecks.AssertFitsWidthAsync(page);
                    await Screenshots.SaveAsync(page, $"reader-whole-{(width < 600 ? "phone" : "desktop")}-{(scheme == ColorScheme.Dark ? "dark" : "light")}-{locale[..2]}");
                    await WholeAsync(false);
                    // the 404 page asks for nothing that is missing; no page logs an error
                    Assert.True(errors.All(e => e.Contains("404", StringComparison.Ordinal) && e.Contains("Failed to load resource", StringComparison.Ordinal)) && errors.Count <= 1,
                        string.Join("\n", errors));
                    await page.Context.CloseAsync();
                }
            }
        }
    }
}
