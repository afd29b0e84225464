using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Inertia.Browser.Tests;

/// <summary>The Miniflux REST API's interactive reference draws its endpoints under the site's script policy.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiReferenceTests(BrowserFixture browser, BrowserSite site) : IClassFixture<BrowserSite>
{
    [Fact]
    public async Task The_API_reference_shows_the_Miniflux_endpoints_with_no_script_error()
    {
        var page = await browser.VisitorAsync(site.Root, "en-US");
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        await page.GotoAsync("/api/reference");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Inertia — Miniflux REST API v1" })).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.GetByText("Feeds", new() { Exact = true }).First.ClickAsync();
        await Expect(page.GetByText("Subscribe to a feed (it is fetched and must be a feed)").First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "api-reference-desktop");
        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }
}
