using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Inertia.Browser.Tests;

/// <summary>What every page a test visits is held to: axe-core finds no accessibility violation, and the page scrolls only down.</summary>
public static class PageChecks
{
    /// <summary>Runs axe-core on the page; fails with each violation's rule, impact and first offending element.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var problems = result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
        Assert.True(problems.Count == 0, $"{page.Url}: {string.Join("\n", problems)}");
    }

    /// <summary>No sideways scrolling: the document is no wider than the viewport.</summary>
    public static async Task AssertFitsWidthAsync(IPage page)
    {
        var (scroll, viewport) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
        Assert.True(scroll <= viewport, $"{page.Url}: {scroll} px wide in a {viewport} px viewport");
    }
}
