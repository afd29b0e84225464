using AngleSharp.Html.Parser;
using Inertia.Feeds.Html;
using Inertia.Feeds.Urls;

namespace Inertia.Reader.Content;

/// <summary>Where a site's icon may be, best first: &lt;link rel="icon"&gt; (the size nearest 32 px), apple-touch-icon, then /favicon.ico.</summary>
public static class IconLocator
{
    public static IReadOnlyList<string> Candidates(string html, string pageUrl)
    {
        var found = new List<(string Url, int Rank)>();
        try
        {
            FindLinks(html, pageUrl, found);
        }
        catch (Exception ex) when (ex is NullReferenceException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            // AngleSharp crashes on some hostile markup: /favicon.ico is still worth a try
            found.Clear();
        }
        var ordered = found.OrderBy(f => f.Rank).Select(f => f.Url).Distinct().ToList();
        var favicon = UrlResolver.Resolve("/favicon.ico", pageUrl);
        if (favicon is not null && !ordered.Contains(favicon))
        {
            ordered.Add(favicon);
        }
        return ordered;
    }

    private static void FindLinks(string html, string pageUrl, List<(string Url, int Rank)> found)
    {
        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
        using var doc = parser.ParseDocument(HeadOf(html));
        foreach (var link in doc.QuerySelectorAll("link[href][rel]"))
        {
            var rels = link.GetAttribute("rel")!.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var url = UrlResolver.Resolve(link.GetAttribute("href"), pageUrl);
            if (url is null || !UrlResolver.IsHttp(url))
            {
                continue;
            }
            if (rels.Contains("icon"))
            {
                found.Add((url, SizeRank(link.GetAttribute("sizes"))));
            }
            else if (rels.Contains("apple-touch-icon") || rels.Contains("apple-touch-icon-precomposed"))
            {
                found.Add((url, 1000 + SizeRank(link.GetAttribute("sizes"))));
            }
        }
    }

    // icon links live in the head: what follows it is never parsed (nor more than 256 KiB of it)
    private static string HeadOf(string html)
    {
        var end = html.AsSpan().IndexOf("</head", StringComparison.OrdinalIgnoreCase);
        var body = html.AsSpan().IndexOf("<body", StringComparison.OrdinalIgnoreCase);
        var cut = end >= 0 && (body < 0 || end < body) ? end : body;
        return BoundedHtml.Of(cut >= 0 ? html[..cut] : html, maxChars: 256 * 1024, maxElements: 10_000);
    }

    // distance from 32 px; no sizes given ranks just after an exact match
    private static int SizeRank(string? sizes)
    {
        if (string.IsNullOrWhiteSpace(sizes))
        {
            return 1;
        }
        var best = int.MaxValue;
        foreach (var size in sizes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var x = size.IndexOf('x', StringComparison.OrdinalIgnoreCase);
            if (x > 0 && int.TryParse(size[..x], out var w))
            {
                best = Math.Min(best, Math.Abs(w - 32) + (w < 16 ? 100 : 0));
            }
            else if (size.Equals("any", StringComparison.OrdinalIgnoreCase))
            {
                best = Math.Min(best, 2);
            }
        }
        return best == int.MaxValue ? 1 : best;
    }
}
