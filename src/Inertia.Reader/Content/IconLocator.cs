using AngleSharp.Html.Parser;
using Inertia.Feeds.Urls;

namespace Inertia.Reader.Content;

/// <summary>Where a site's icon may be, best first: &lt;link rel="icon"&gt; (the size nearest 32 px), apple-touch-icon, then /favicon.ico.</summary>
public static class IconLocator
{
    public static IReadOnlyList<string> Candidates(string html, string pageUrl)
    {
        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
        using var doc = parser.ParseDocument(html);
        var found = new List<(string Url, int Rank)>();
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
        var ordered = found.OrderBy(f => f.Rank).Select(f => f.Url).Distinct().ToList();
        var favicon = UrlResolver.Resolve("/favicon.ico", pageUrl);
        if (favicon is not null && !ordered.Contains(favicon))
        {
            ordered.Add(favicon);
        }
        return ordered;
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
