using Inertia.Feeds.Urls;
using Inertia.Feeds.Xml;

namespace Inertia.Feeds.Parsing.Extensions;

/// <summary>Atom link elements by rel (alternate, self, hub, next, enclosure), in Atom documents and as atom:link inside RSS.</summary>
internal static class AtomLinks
{
    public static bool IsAtom(string ns) => ns is XmlNamespaces.Atom10 or XmlNamespaces.Atom03;

    /// <summary>The rel of a link, "alternate" when absent (RFC 4287 §4.2.7.2).</summary>
    public static string Rel(FeedContext ctx, XmlElementNode link)
    {
        var rel = ctx.Attr(link, "rel");
        if (rel is null || rel.Equals("alternate", StringComparison.OrdinalIgnoreCase) || rel.Equals("http://www.iana.org/assignments/relation/alternate", StringComparison.OrdinalIgnoreCase))
        {
            return "alternate";
        }
        return rel.Equals("self", StringComparison.OrdinalIgnoreCase) ? "self"
            : rel.Equals("enclosure", StringComparison.OrdinalIgnoreCase) ? "enclosure"
            : rel.Equals("hub", StringComparison.OrdinalIgnoreCase) ? "hub"
            : rel.Equals("next", StringComparison.OrdinalIgnoreCase) ? "next"
            : rel;
    }

    /// <summary>The resolved href when the element is a link in one of the namespaces, else null.</summary>
    private static string? Href(FeedContext ctx, XmlElementNode e, string? baseUrl, Func<string, bool> inNamespace)
    {
        if (e.LocalName != "link" || !inNamespace(e.Namespace))
        {
            return null;
        }
        var linkBase = ctx.BaseOf(e, baseUrl);
        var href = ctx.Doc.AttributeValue(e, "href", "");
        if (href is null)
        {
            // Atom 0.3 feeds that wrote the address as the link's text
            return e.HasElementChildren ? null : UrlResolver.Resolve(ctx.TrimmedText(e), linkBase);
        }
        // an empty reference is the base itself (RFC 3986 §5.2)
        return string.IsNullOrWhiteSpace(href) ? (UrlResolver.IsHttp(linkBase) ? linkBase : null) : UrlResolver.Resolve(href, linkBase);
    }

    /// <summary>The best alternate link: text/html first, then one with no type, then any.</summary>
    public static string? Alternate(FeedContext ctx, XmlElementNode parent, string? baseUrl, Func<string, bool> inNamespace)
    {
        string? untyped = null, any = null;
        foreach (var e in parent.Elements())
        {
            if (e.LocalName != "link" || !inNamespace(e.Namespace) || Rel(ctx, e) != "alternate" || Href(ctx, e, baseUrl, inNamespace) is not { } href)
            {
                continue;
            }
            var type = ctx.Attr(e, "type");
            if (type is not null && (type.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) || type.StartsWith("application/xhtml", StringComparison.OrdinalIgnoreCase)))
            {
                return href;
            }
            if (type is null)
            {
                untyped ??= href;
            }
            any ??= href;
        }
        return untyped ?? any;
    }

    /// <summary>Feed-level links: self, hubs, next.</summary>
    public static (string? Self, List<string> Hubs, string? Next) FeedLinks(FeedContext ctx, XmlElementNode parent, string? baseUrl, Func<string, bool> inNamespace)
    {
        string? self = null, next = null;
        var hubs = new List<string>();
        foreach (var e in parent.Elements())
        {
            var href = Href(ctx, e, baseUrl, inNamespace);
            if (href is null)
            {
                continue;
            }
            switch (Rel(ctx, e))
            {
                case "self":
                    self ??= href;
                    break;
                case "hub":
                    if (!hubs.Contains(href))
                    {
                        hubs.Add(href);
                    }
                    break;
                case "next":
                    next ??= href;
                    break;
            }
        }
        return (self, hubs, next);
    }

    public static void Enclosures(FeedContext ctx, XmlElementNode parent, EntryDraft draft, Func<string, bool> inNamespace)
    {
        foreach (var e in parent.Elements())
        {
            if (e.LocalName == "link" && inNamespace(e.Namespace) && Rel(ctx, e) == "enclosure" && Href(ctx, e, draft.BaseUrl, inNamespace) is { } href)
            {
                draft.AddEnclosure(href, ctx.Attr(e, "type"), FeedContext.Long(ctx.Attr(e, "length")));
            }
        }
    }
}
