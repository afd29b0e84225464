using System.Text.Json;
using System.Xml;
using Inertia.Reader.Storage;
using Inertia.Web.Hosting;
using Inertia.Web.Public;

namespace Inertia.Web.Shared;

/// <summary>A list of articles as a feed for other readers: Atom 1.0 (the public pages, a user's starred) or JSON Feed 1.1.</summary>
public static class EntryFeeds
{
    /// <summary>An Atom 1.0 feed of the articles; <paramref name="ours"/> gives the path of an article's page on this site.</summary>
    public static IResult Atom(HttpContext context, ServerOptions server, string title, string? subtitle, string page, string self, IReadOnlyList<Article> articles, Func<Article, string> ours)
    {
        const string Ns = "http://www.w3.org/2005/Atom";
        var xml = SiteFiles.Xml(w =>
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
                var here = SafeUrl.Absolute(context, server, ours(a));
                w.WriteElementString("id", Ns, here);
                Link(w, "alternate", SafeUrl.Http(a.Url) ?? here, "text/html");
                Link(w, "related", here, "text/html");
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

    /// <summary>A JSON Feed 1.1 of the articles; <paramref name="ours"/> gives the path of an article's page on this site.</summary>
    public static IResult Json(HttpContext context, ServerOptions server, string title, string page, string self, IReadOnlyList<Article> articles, Func<Article, string> ours)
    {
        var feed = new Dictionary<string, object?>
        {
            ["version"] = "https://jsonfeed.org/version/1.1",
            ["title"] = title,
            ["home_page_url"] = SafeUrl.Absolute(context, server, page),
            ["feed_url"] = SafeUrl.Absolute(context, server, self),
            ["items"] = articles.Select(a =>
            {
                var here = SafeUrl.Absolute(context, server, ours(a));
                var item = new Dictionary<string, object?>
                {
                    ["id"] = here,
                    ["url"] = SafeUrl.Http(a.Url) ?? here,
                    ["external_url"] = here,
                    ["title"] = a.Title ?? "",
                    ["date_published"] = DateText.Iso(a.PublishedAt ?? a.SortAt),
                    ["date_modified"] = DateText.Iso(a.UpdatedAt ?? a.PublishedAt ?? a.SortAt),
                    ["authors"] = new[] { new Dictionary<string, string> { ["name"] = a.Author ?? a.FeedTitle ?? a.FeedUrl } },
                };
                if ((a.Content ?? a.Summary) is { Length: > 0 } html)
                {
                    item["content_html"] = html;
                }
                if (SafeUrl.Http(a.ImageUrl) is { } image)
                {
                    item["image"] = image;
                }
                return item;
            }).ToList(),
        };
        return Results.Text(JsonSerializer.Serialize(feed), "application/feed+json; charset=utf-8");
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
}
