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
            return EntryFeeds.Atom(context, server, t["SiteName"], t["Tagline"], "/", "/atom.xml", articles, a => $"/articles/{a.Id}");
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
            return EntryFeeds.Atom(context, server, feed.Name, feed.Description, $"/feeds/{id}", $"/feeds/{id}/atom.xml", articles, a => $"/articles/{a.Id}");
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

    internal static string Xml(Action<XmlWriter> write)
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
