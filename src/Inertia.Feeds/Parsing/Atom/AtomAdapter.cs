using Inertia.Feeds.Model;
using Inertia.Feeds.Parsing.Extensions;
using Inertia.Feeds.Text;
using Inertia.Feeds.Urls;
using Inertia.Feeds.Xml;

namespace Inertia.Feeds.Parsing.Atom;

/// <summary>Reads Atom 1.0 and 0.3 trees into the normalized feed: text constructs, xml:base at every level, links by rel, source.</summary>
internal static class AtomAdapter
{
    public static ParsedFeed Read(FeedContext ctx, XmlElementNode root)
    {
        var ns = root.Namespace;
        var v03 = ns == XmlNamespaces.Atom03 || ctx.Attr(root, "version") == "0.3";
        // an Atom feed that forgot its xmlns still names its elements in no namespace
        // one delegate for the whole document: a local function converted at each call would allocate one per entry
        Func<string, bool> inAtom = n => n == ns || AtomLinks.IsAtom(n);
        var feedBase = ctx.BaseOf(root, ctx.DocumentUrl);
        var siteUrl = AtomLinks.Alternate(ctx, root, feedBase, inAtom);
        if (siteUrl is null && ctx.TrimmedText(Child(root, "id", inAtom)) is { } feedId && UrlResolver.IsHttp(feedId))
        {
            siteUrl = feedId;
        }
        var entryBase = feedBase ?? UrlResolver.BaseUri(siteUrl)?.AbsoluteUri;
        var (self, hubs, next) = AtomLinks.FeedLinks(ctx, root, feedBase, inAtom);
        var feedAuthor = FirstAuthor(ctx, root, inAtom);

        var entries = new EntryList(ctx.Diagnostics, ctx.Limits.MaxEntries, ctx.Doc);
        foreach (var e in root.Elements())
        {
            if (e.LocalName != "entry" || !inAtom(e.Namespace))
            {
                continue;
            }
            if (entries.IsFull)
            {
                entries.WarnFull(e.Offset);
                break;
            }
            if (e.ClosedByEndOfInput)
            {
                ctx.Diagnostics.Warn(e.Offset, "incomplete entry at the end of a truncated document dropped");
                continue;
            }
            entries.Add(ReadEntry(ctx, e, entryBase, feedAuthor, inAtom), e.Offset, e);
        }

        return new ParsedFeed
        {
            Format = FeedFormat.Atom,
            Version = v03 ? "0.3" : "1.0",
            Title = AtomText.Plain(ctx, Child(root, "title", inAtom)),
            SiteUrl = siteUrl,
            FeedUrl = self,
            Description = AtomText.Plain(ctx, Child(root, "subtitle", inAtom) ?? Child(root, "tagline", inAtom)),
            Language = ctx.Attr(root, "lang", XmlNamespaces.Xml),
            IconUrl = UrlResolver.Resolve(ctx.TrimmedText(Child(root, "icon", inAtom) ?? Child(root, "logo", inAtom))
                ?? ITunes.Image(ctx, FeedContext.First(root, "image", XmlNamespaces.ITunes)), entryBase),
            Published = ctx.Date(Child(root, "published", inAtom) ?? Child(root, "issued", inAtom)),
            Updated = ctx.Date(Child(root, "updated", inAtom) ?? Child(root, "modified", inAtom)),
            Hubs = hubs,
            NextUrl = next,
            Entries = entries.ToList(),
        };
    }

    private static XmlElementNode? Child(XmlElementNode parent, string name, Func<string, bool> inAtom)
    {
        foreach (var e in parent.Elements())
        {
            if (e.LocalName == name && inAtom(e.Namespace))
            {
                return e;
            }
        }
        return null;
    }

    /// <summary>The name of the first author of a feed, entry or source that gives one.</summary>
    private static string? FirstAuthor(FeedContext ctx, XmlElementNode parent, Func<string, bool> inAtom)
    {
        foreach (var e in parent.Elements())
        {
            if (e.LocalName != "author" || !inAtom(e.Namespace))
            {
                continue;
            }
            var name = PlainText.FromText(ctx.TrimmedText(Child(e, "name", inAtom)))
                ?? PlainText.FromText(ctx.TrimmedText(Child(e, "email", inAtom)));
            // some feeds write <author>Name</author> without the name element
            if (string.IsNullOrEmpty(name) && !e.HasElementChildren)
            {
                name = PlainText.FromText(ctx.TrimmedText(e));
            }
            if (!string.IsNullOrEmpty(name))
            {
                return name;
            }
        }
        return null;
    }

    private static ParsedEntry ReadEntry(FeedContext ctx, XmlElementNode entry, string? feedBase, string? feedAuthor, Func<string, bool> inAtom)
    {
        // the children read below, found in one pass: the first of each name, as a lookup by name would find it
        XmlElementNode? id = null, title = null, published = null, issued = null, created = null, updated = null, modified = null;
        XmlElementNode? source = null, summary = null, content = null;
        foreach (var c in entry.Elements())
        {
            if (!inAtom(c.Namespace))
            {
                continue;
            }
            switch (c.LocalName)
            {
                case "id":
                    id ??= c;
                    break;
                case "title":
                    title ??= c;
                    break;
                case "published":
                    published ??= c;
                    break;
                case "issued":
                    issued ??= c;
                    break;
                case "created":
                    created ??= c;
                    break;
                case "updated":
                    updated ??= c;
                    break;
                case "modified":
                    modified ??= c;
                    break;
                case "source":
                    source ??= c;
                    break;
                case "summary":
                    summary ??= c;
                    break;
                case "content":
                    content ??= c;
                    break;
            }
        }
        var d = new EntryDraft { BaseUrl = ctx.BaseOf(entry, feedBase) };
        d.Id = ctx.TrimmedText(id);
        d.Title = AtomText.Plain(ctx, title);
        // an entry with no link whose id is its address (as many are) links there
        d.Url = AtomLinks.Alternate(ctx, entry, d.BaseUrl, inAtom) ?? (UrlResolver.IsHttp(d.Id) ? d.Id : null);
        d.Published = ctx.Date(published ?? issued ?? created);
        d.Updated = ctx.Date(updated ?? modified);
        d.Author = FirstAuthor(ctx, entry, inAtom) ?? (source is null ? null : FirstAuthor(ctx, source, inAtom)) ?? feedAuthor;

        // the base for HTML inside content is the content element's own xml:base
        var contentBase = content is null ? d.BaseUrl : ctx.BaseOf(content, d.BaseUrl);
        d.Summary = AtomText.Html(ctx, summary);
        if (content is not null && ctx.Attr(content, "src") is null)
        {
            d.Content = AtomText.Html(ctx, content);
        }
        if (content is not null && summary is not null && ctx.BaseOf(summary, d.BaseUrl) != contentBase)
        {
            ctx.Diagnostics.Warn(summary.Offset, "summary and content have different xml:base; content's is used for both");
        }
        d.HtmlBaseUrl = content is not null ? contentBase : summary is null ? null : ctx.BaseOf(summary, d.BaseUrl);

        foreach (var c in entry.Elements())
        {
            if (c.LocalName == "category" && inAtom(c.Namespace))
            {
                // the term is the category; the label is only how to show it
                d.AddCategory(ctx.Attr(c, "term") ?? ctx.Attr(c, "label") ?? ctx.OwnText(c));
            }
            else if (c.Namespace == XmlNamespaces.DublinCore && c.LocalName == "subject")
            {
                d.AddCategory(ctx.TrimmedText(c));
            }
        }
        AtomLinks.Enclosures(ctx, entry, d, inAtom);
        MediaRss.Read(ctx, entry, d);
        ITunes.Read(ctx, entry, d);
        return d.Finish();
    }
}
