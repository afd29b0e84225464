using System.Text.RegularExpressions;
using Inertia.Feeds.Model;
using Inertia.Reader.Storage;
using Inertia.Web.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Inertia.Browser.Tests;

/// <summary>The reader read with the keyboard alone: move, open, star, keep unread, the original, the lists, search, help, and mark all read while an entry arrives.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReaderKeyboardTests(BrowserFixture browser)
{
    // a key that navigates changes the address before the new page's script runs: the next key waits for its load
    private static async Task ArrivedAsync(IPage page, Regex address)
    {
        await Expect(page).ToHaveURLAsync(address);
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    [Fact]
    public async Task The_reader_is_read_with_the_keyboard_alone()
    {
        await using var site = await SiteHost.StartAsync();
        var user = await site.CreateUserAsync("kim", "kim-password-1");
        long devFeed;
        await using (var connection = await site.Database.OpenAsync())
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            await SubscriptionStore.SubscribeAsync(connection, null, user, site.Feeds.Url("dev-community.xml").ToString(), "Blogs", null, null, now);
            await SubscriptionStore.SubscribeAsync(connection, null, user, site.Feeds.Url("ithome.xml").ToString(), null, null, null, now);
            devFeed = (await SubscriptionStore.FeedByUrlAsync(connection, user, site.Feeds.Url("dev-community.xml").ToString()))!.Value;
        }
        var page = await browser.VisitorAsync(site.Root);
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        // the originals are other sites: answered here, never fetched from the internet
        await page.Context.RouteAsync(url => !url.StartsWith(site.Root.ToString(), StringComparison.Ordinal),
            route => route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = "<title>original</title>" }));

        await BrowserFixture.SignInAsync(page, "kim", "kim-password-1");
        await PageChecks.AssertAccessibleAsync(page);

        var lines = page.Locator(".entries .entry-line");
        var unreadAtStart = await lines.CountAsync();
        Assert.True(unreadAtStart >= 3, $"{unreadAtStart} lines");
        await page.Keyboard.PressAsync("j");
        await Expect(lines.Nth(0)).ToHaveClassAsync(new Regex("is-selected"));
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("k");
        await Expect(lines.Nth(1)).ToHaveClassAsync(new Regex("is-selected"));
        await Expect(lines.Nth(0)).Not.ToHaveClassAsync(new Regex("is-selected"));

        // v: the selected entry's original, in a new tab
        var original = await lines.Nth(1).GetAttributeAsync("data-original");
        var popup = await page.RunAndWaitForPopupAsync(() => page.Keyboard.PressAsync("v"));
        Assert.Equal(original, popup.Url);
        await popup.CloseAsync();

        // o: open it; s: star it; m: keep it unread (back to the list)
        var title = (await lines.Nth(1).Locator(".title").InnerTextAsync()).Trim();
        await page.Keyboard.PressAsync("o");
        await ArrivedAsync(page, new Regex(@"/reader/entries/\d+$"));
        await Expect(page.Locator("article h1")).ToHaveTextAsync(title);
        await page.Keyboard.PressAsync("s");
        await Expect(page.Locator("form[data-star] button")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.Keyboard.PressAsync("m");
        await ArrivedAsync(page, new Regex("/reader$"));
        await Expect(page.Locator(".entries li.is-unread .title", new() { HasText = title })).ToHaveCountAsync(1);

        // g s: the starred list holds it; g a: all; g u: back to unread
        await page.Keyboard.PressAsync("g");
        await page.Keyboard.PressAsync("s");
        await ArrivedAsync(page, new Regex("show=starred$"));
        await Expect(lines).ToHaveCountAsync(1);
        await Expect(lines.Nth(0).Locator(".title")).ToContainTextAsync(title);
        await page.Keyboard.PressAsync("g");
        await page.Keyboard.PressAsync("a");
        await ArrivedAsync(page, new Regex("show=all$"));
        await page.Keyboard.PressAsync("g");
        await page.Keyboard.PressAsync("u");
        await ArrivedAsync(page, new Regex("/reader$"));

        // ?: the shortcuts, in a dialog that passes axe and closes with Escape
        await page.Keyboard.PressAsync("?");
        await Expect(page.Locator("dialog#keys")).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page);
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("dialog#keys")).ToBeHiddenAsync();

        // /: search; letters typed there are words, not shortcuts
        await page.Keyboard.PressAsync("/");
        await Expect(page.Locator("#reader-search")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("javascript");
        await page.Keyboard.PressAsync("Enter");
        await ArrivedAsync(page, new Regex("q=javascript"));
        await PageChecks.AssertAccessibleAsync(page);

        // on an entry, j and k go to the next and previous entries of the list it was opened from
        await page.GotoAsync("/reader?show=all");
        // a starred line's title starts with its star
        var titles = (await lines.Locator(".title").AllInnerTextsAsync()).Select(t => t.TrimStart('★').Trim()).ToList();
        await page.Keyboard.PressAsync("j");
        await Expect(lines.Nth(0)).ToHaveClassAsync(new Regex("is-selected"));
        await page.Keyboard.PressAsync("o");
        await ArrivedAsync(page, new Regex(@"/reader/entries/\d+\?show=all$"));
        await Expect(page.Locator("article h1")).ToHaveTextAsync(titles[0]);
        foreach (var (key, expected) in new[] { ("j", titles[1]), ("j", titles[2]), ("k", titles[1]) })
        {
            await page.Keyboard.PressAsync(key);
            await Expect(page.Locator("article h1")).ToHaveTextAsync(expected);
            await page.WaitForLoadStateAsync(LoadState.Load);
        }
        await PageChecks.AssertAccessibleAsync(page);
        await page.Keyboard.PressAsync("u");
        await ArrivedAsync(page, new Regex("/reader\\?show=all$"));

        // A: mark all read — but an entry that arrived after the page was shown stays unread
        await page.GotoAsync("/reader");
        await using (var connection = await site.Database.OpenAsync())
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await EntryStore.UpsertAsync(connection, tx, devFeed,
                [new ParsedEntry { Key = "keyboard-late", Title = "Arrived while reading", Url = "https://dev.to/late", Content = "<p>late</p>" }],
                e => e, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            await tx.CommitAsync();
        }
        await page.Keyboard.PressAsync("A");
        await Expect(lines).ToHaveCountAsync(1);
        await Expect(lines.Nth(0).Locator(".title")).ToHaveTextAsync("Arrived while reading");
        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }
}
