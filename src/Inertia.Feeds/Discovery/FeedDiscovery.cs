using AngleSharp.Html.Parser;
using Inertia.Feeds.Text;
using Inertia.Feeds.Urls;

namespace Inertia.Feeds.Discovery;

/// <summary>Finds the feeds an HTML page offers: &lt;link rel="alternate"|"feed"&gt; of feed types, then links to common feed paths as candidates.</summary>
public static class FeedDiscovery
{
    private static readonly Dictionary<string, string> s_types = new(StringComparer.OrdinalIgnoreCase)
    {
        ["application/rss+xml"] = "rss",
        ["application/atom+xml"] = "atom",
        ["application/rdf+xml"] = "rdf",
        ["application/feed+json"] = "json",
        ["application/json"] = "json",
        ["application/x.atom+xml"] = "atom",
        ["application/x-atom+xml"] = "atom",
        ["application/x-rss+xml"] = "rss",
        ["text/xml"] = "rss",
        ["application/xml"] = "rss",
    };

    private static readonly string[] s_commonPaths =
    [
        "/feed", "/feed/", "/rss", "/rss/", "/rss.xml", "/feed.xml", "/atom.xml", "/index.xml", "/feed.json", "/atom",
        "/feeds/posts/default", "/index.rss", "/rss2.xml", "/feed/atom", "/?feed=rss2",
    ];

    public static IReadOnlyList<DiscoveredFeed> Find(string html, string? pageUrl)
    {
        try
        {
            return FindIn(html, pageUrl);
        }
        catch (Exception ex) when (ex is NullReferenceException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            // AngleSharp crashes on some hostile markup; a page it cannot read offers no feed
            return [];
        }
    }

    private static IReadOnlyList<DiscoveredFeed> FindIn(string html, string? pageUrl)
    {
        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
        using var doc = parser.ParseDocument(Html.BoundedHtml.Page(html));
        var baseHref = doc.QuerySelector("base[href]")?.GetAttribute("href");
        var baseUrl = baseHref is null ? pageUrl : UrlResolver.Combine(pageUrl, baseHref);
        var found = new List<DiscoveredFeed>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var link in doc.QuerySelectorAll("link[href]"))
        {
            var rels = (link.GetAttribute("rel") ?? "").ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var type = link.GetAttribute("type")?.Split(';')[0].Trim();
            var isFeedRel = rels.Contains("feed");
            var kind = type is null ? null : s_types.GetValueOrDefault(type);
            // rel="alternate" with a feed type; rel="feed" whatever the type (HTML Living Standard)
            if (!(rels.Contains("alternate") && kind is not null) && !isFeedRel)
            {
                continue;
            }
            if (rels.Contains("stylesheet") || rels.Contains("icon"))
            {
                continue;
            }
            var url = UrlResolver.Resolve(link.GetAttribute("href"), baseUrl);
            if (url is not null && seen.Add(url))
            {
                found.Add(new DiscoveredFeed(url, PlainText.FromText(link.GetAttribute("title")) is { Length: > 0 } t ? t : null, kind, IsCandidate: false));
            }
        }
        foreach (var a in doc.QuerySelectorAll("a[href]"))
        {
            var href = a.GetAttribute("href")!;
            var url = UrlResolver.Resolve(href, baseUrl);
            if (url is null || !UrlResolver.IsHttp(url) || !LooksLikeFeed(url) || !seen.Add(url))
            {
                continue;
            }
            var text = PlainText.FromText(a.TextContent);
            found.Add(new DiscoveredFeed(url, string.IsNullOrEmpty(text) ? null : text, GuessType(url), IsCandidate: true));
        }
        return found;
    }

    private static bool LooksLikeFeed(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var u))
        {
            return false;
        }
        var path = u.AbsolutePath.ToLowerInvariant();
        var pathAndQuery = u.PathAndQuery.ToLowerInvariant();
        foreach (var p in s_commonPaths)
        {
            if (path.EndsWith(p, StringComparison.Ordinal) || pathAndQuery.EndsWith(p, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return path.EndsWith(".rss", StringComparison.Ordinal) || path.EndsWith(".atom", StringComparison.Ordinal) || path.EndsWith(".rdf", StringComparison.Ordinal);
    }

    private static string? GuessType(string url)
    {
        var u = url.ToLowerInvariant();
        return u.Contains("atom", StringComparison.Ordinal) ? "atom" : u.Contains(".json", StringComparison.Ordinal) ? "json" : u.Contains(".rdf", StringComparison.Ordinal) ? "rdf" : "rss";
    }
}
