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

    /// <summary>
    /// No sideways scrolling, and nothing cut at the right edge: the document is no wider than the viewport, and no
    /// element outside a box that scrolls or clips sideways ends past it (the body's overflow can hide what sticks out).
    /// </summary>
    public static async Task AssertFitsWidthAsync(IPage page)
    {
        var (scroll, viewport) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
        Assert.True(scroll <= viewport, $"{page.Url}: {scroll} px wide in a {viewport} px viewport");
        var past = await page.EvaluateAsync<string[]>(
            """
            () => {
              const width = document.documentElement.clientWidth, found = [];
              for (const el of document.body.querySelectorAll('*')) {
                const box = el.getBoundingClientRect();
                if (box.width === 0 || box.right <= width + 1) continue;
                let held = false;
                for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
                  if (getComputedStyle(a).overflowX !== 'visible') { held = true; break; }
                }
                if (!held) found.push(`${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).trim().replace(/\s+/g, '.') : ''} ends at ${Math.round(box.right)} px`);
              }
              return found.slice(0, 5);
            }
            """);
        Assert.True(past.Length == 0, $"{page.Url}: past the {viewport} px viewport: {string.Join("; ", past)}");
    }
}
