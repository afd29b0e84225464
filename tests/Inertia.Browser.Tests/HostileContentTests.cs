using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Inertia.Browser.Tests;

/// <summary>A hostile feed (script tags, event handlers, javascript: links, SVG and CSS tricks) shown on the public site runs no script.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HostileContentTests(BrowserFixture browser, BrowserSite site) : IClassFixture<BrowserSite>
{
    [Fact]
    public async Task The_hostile_feed_s_pages_run_no_script_whatever_the_visitor_does()
    {
        var page = await browser.VisitorAsync(site.Root);
        var dialogs = new List<string>();
        var errors = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        page.PageError += (_, error) => errors.Add(error);
        // a blocked inline script would show as a CSP report: the sanitizer, not the policy, must stop it
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                errors.Add(message.Text);
            }
        };

        await page.GotoAsync("/");
        await page.Locator(".feed-list a", new() { HasText = "Hostile" }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("Hostile");
        foreach (var title in new[] { "Hostile title", "Second hostile entry" })
        {
            await page.Locator(".entry-line", new() { HasText = title }).ClickAsync();
            await Expect(page.Locator("article h1")).ToContainTextAsync(title);
            // hover and click whatever the entry's content holds
            foreach (var element in await page.Locator(".prose *").AllAsync())
            {
                if (await element.IsVisibleAsync())
                {
                    await element.HoverAsync(new() { Timeout = 2000 });
                    await element.ClickAsync(new() { Timeout = 2000, Modifiers = [KeyboardModifier.Alt] });
                }
            }
            Assert.Equal(0, await page.Locator(".prose script, .prose iframe, .prose object, .prose embed, .prose form, .prose style, .prose base").CountAsync());
            Assert.Equal(0, await page.Locator(".prose [href^='javascript:' i], .prose [src^='javascript:' i]").CountAsync());
            await page.GoBackAsync();
        }
        await page.WaitForTimeoutAsync(500);
        Assert.Empty(dialogs);
        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }
}
