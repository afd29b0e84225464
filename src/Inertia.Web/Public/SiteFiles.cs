using System.Globalization;
using System.Text;
using System.Xml;
using Inertia.Reader.Storage;
using Inertia.Web.Hosting;
using Inertia.Web.Shared;

namespace Inertia.Web.Public;

/// <summary>The public site's files for machines: robots.txt, sitemap.xml, and an Atom feed of the home page and of each feed page.</summary>
public static class SiteFiles
{
    public static void MapSiteFiles(this IEndpointRouteBuilder app)
    {
        app.MapGet("/robots.txt", (HttpContext context, ServerOptions server, PublicOptions options) =>
            Results.Text(options.Enabled
                ? $"User-agent: *\nDisallow: /reader\nDisallow: /account\nDisallow: /admin\nDisallow: /api\nAllow: /\n\nSitemap: {SafeUrl.Absolute(context, server, "/sitemap.xml")}\n"
                : "User-agent: *\nDisallow: /\n", "text/plain; charset=utf-8"));

        app.MapGet("/sitemap.xml", async (HttpContext context, Database database, ServerOptions server, PublicOptions options, CancellationToken ct) =>
        {
            if (!options.Enabled)
            {
                return Results.NotFound();
            }
            await using var connection = await database.OpenAsync(ct);
            var (feeds, entries) = await PublicSite.SitemapAsync(connection, maxUrls: 50_000);
            var xml = Xml(w =>
            {
                w.WriteStartElement("urlset", "http://www.sitemaps.org/schemas/sitemap/0.9");
                Url(w, SafeUrl.Absolute(context, server, "/"), null);
                foreach (var (id, fetched) in feeds)
                {
                    Url(w, SafeUrl.Absolute(context, server, $"/feeds/{id}"), fetched);
                }
                foreach (var (id, sortAt) in entries)
                {
                    Url(w, SafeUrl.Absolute(context, server, $"/articles/{id}"), sortAt);
                }
                w.WriteEndElement();
            });
            return Results.Text(xml, "application/xml; charset=utf-8");
        }).CacheOutput(PublicPageCache.Name);

        app.MapGet("/atom.xml", async (HttpContext context, Database database, ServerOptions server, PublicOptions options, Microsoft.Extensions.Localization.IStringLocalizer<Strings> t, CancellationToken ct) =>
        {
            if (!options.Enabled)
            {
                return Results.NotFound();
            }
            await using var connection = await database.OpenAsync(ct);
            var entries = await PublicSite.LatestAsync(connection, Keyset.Start, 50);
            var articles = await ArticlesAsync(connection, entries, ct);
            return Atom(context, server, t["SiteName"], t["Tagline"], "/", "/atom.xml", articles);
        }).CacheOutput(PublicPageCache.Name);

        app.MapGet("/feeds/{id:long}/atom.xml", async (long id, HttpContext context, Database database, ServerOptions server, PublicOptions options, CancellationToken ct) =>
        {
            if (!options.Enabled)
            {
                return Results.NotFound();
            }
            await using var connection = await database.OpenAsync(ct);
            if (await PublicSite.FeedAsync(connection, id) is not { } feed)
            {
                return Results.NotFound();
            }
            var entries = await PublicSite.FeedEntriesAsync(connection, id, Keyset.Start, 50);
            var articles = await ArticlesAsync(connection, entries, ct);
            return Atom(context, server, feed.Name, feed.Description, $"/feeds/{id}", $"/feeds/{id}/atom.xml", articles);
        }).CacheOutput(PublicPageCache.Name);
    }

    private static async Task<IReadOnlyList<Article>> ArticlesAsync(System.Data.Common.DbConnection connection, IReadOnlyList<EntryLine> entries, CancellationToken ct)
    {
        var articles = new List<Article>(entries.Count);
        foreach (var e in entries)
        {
            ct.ThrowIfCancellationRequested();
            if (await PublicSite.ArticleAsync(connection, e.Id) is { } article)
            {
                articles.Add(article);
            }
        }
        return articles;
    }

    private static IResult Atom(HttpContext context, ServerOptions server, string title, string? subtitle, string page, string self, IReadOnlyList<Article> articles)
    {
        const string Ns = "http://www.w3.org/2005/Atom";
        var xml = Xml(w =>
        {
            w.WriteStartElement("feed", Ns);
            w.WriteElementString("title", Ns, XmlText(title));
            if (subtitle is { Length: > 0 })
            {
                w.WriteElementString("subtitle", Ns, XmlText(subtitle));
            }
            w.WriteElementString("id", Ns, SafeUrl.Absolute(context, server, self));
            Link(w, "self", SafeUrl.Absolute(context, server, self), "application/atom+xml");
            Link(w, "alternate", SafeUrl.Absolute(context, server, page), "text/html");
            w.WriteElementString("updated", Ns, DateText.Iso(articles.Count == 0 ? 0 : articles.Max(a => a.CreatedAt)));
            w.WriteElementString("generator", Ns, "Inertia");
            foreach (var a in articles)
            {
                w.WriteStartElement("entry", Ns);
                w.WriteElementString("title", Ns, XmlText(a.Title ?? ""));
                var ours = SafeUrl.Absolute(context, server, $"/articles/{a.Id}");
                w.WriteElementString("id", Ns, ours);
                Link(w, "alternate", SafeUrl.Http(a.Url) ?? ours, "text/html");
                Link(w, "related", ours, "text/html");
                w.WriteElementString("published", Ns, DateText.Iso(a.PublishedAt ?? a.SortAt));
                w.WriteElementString("updated", Ns, DateText.Iso(a.UpdatedAt ?? a.PublishedAt ?? a.SortAt));
                w.WriteStartElement("author", Ns);
                w.WriteElementString("name", Ns, XmlText(a.Author ?? a.FeedTitle ?? a.FeedUrl));
                w.WriteEndElement();
                if ((a.Content ?? a.Summary) is { Length: > 0 } html)
                {
                    w.WriteStartElement("content", Ns);
                    w.WriteAttributeString("type", "html");
                    w.WriteString(XmlText(html));
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
        });
        return Results.Text(xml, "application/atom+xml; charset=utf-8");
    }

    private static void Link(XmlWriter w, string rel, string href, string type)
    {
        w.WriteStartElement("link", "http://www.w3.org/2005/Atom");
        w.WriteAttributeString("rel", rel);
        w.WriteAttributeString("type", type);
        w.WriteAttributeString("href", href);
        w.WriteEndElement();
    }

    private static void Url(XmlWriter w, string loc, long? modified)
    {
        w.WriteStartElement("url", "http://www.sitemaps.org/schemas/sitemap/0.9");
        w.WriteElementString("loc", "http://www.sitemaps.org/schemas/sitemap/0.9", loc);
        if (modified is { } m)
        {
            w.WriteElementString("lastmod", "http://www.sitemaps.org/schemas/sitemap/0.9",
                DateTimeOffset.FromUnixTimeSeconds(m).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        w.WriteEndElement();
    }

    // characters XML 1.0 cannot carry (controls a JSON feed may hold) are left out rather than failing the document
    private static string XmlText(string text)
    {
        if (!text.Any(c => c < 0x20 && c is not ('\t' or '\n' or '\r') || c is '\uFFFE' or '\uFFFF'))
        {
            return text;
        }
        return new string([.. text.Where(c => !(c < 0x20 && c is not ('\t' or '\n' or '\r') || c is '\uFFFE' or '\uFFFF'))]);
    }

    private static string Xml(Action<XmlWriter> write)
    {
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(sb, new XmlWriterSettings { Encoding = Encoding.UTF8, Indent = false }))
        {
            w.WriteStartDocument();
            write(w);
            w.WriteEndDocument();
        }
        // StringBuilder output declares utf-16; the bytes sent are UTF-8
        return sb.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }
}
