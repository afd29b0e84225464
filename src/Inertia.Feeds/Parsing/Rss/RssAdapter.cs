using Inertia.Feeds.Model;
using Inertia.Feeds.Parsing.Extensions;
using Inertia.Feeds.Text;
using Inertia.Feeds.Urls;
using Inertia.Feeds.Xml;

namespace Inertia.Feeds.Parsing.Rss;

/// <summary>Reads RSS 0.90–0.94, 2.0 and RSS 1.0 (RDF) trees into the normalized feed, with the extensions that carry visible content.</summary>
internal static class RssAdapter
{
    // RSS 2.0 has no namespace; RSS 1.0 and 0.90 have their own; all three name the same elements
    // Userland's RSS namespaces (…/rss, …/rss2, …/rss2.1), which early 2.0 feeds declared, name the same elements too
    private static bool IsCore(string ns) =>
        ns is "" or XmlNamespaces.Rss10 or XmlNamespaces.Rss090 || ns.StartsWith(XmlNamespaces.Userland, StringComparison.Ordinal);

    public static ParsedFeed Read(FeedContext ctx, XmlElementNode root)
    {
        var rdf = root.LocalName == "RDF";
        var channel = root.LocalName == "channel" ? root : root.Elements().FirstOrDefault(e => e.LocalName == "channel" && IsCore(e.Namespace));
        var feedBase = ctx.BaseOf(root, ctx.DocumentUrl);
        if (channel is not null && channel != root)
        {
            feedBase = ctx.BaseOf(channel, feedBase);
        }
        var ch = channel ?? root;
        var siteUrl = UrlResolver.Resolve(ctx.TrimmedText(Core(ch, "link")), feedBase) ?? AtomLinks.Alternate(ctx, ch, feedBase, AtomLinks.IsAtom);
        // the channel link is the last resort for resolving relative URLs
        var entryBase = feedBase ?? UrlResolver.BaseUri(siteUrl)?.AbsoluteUri;
        var (self, hubs, next) = AtomLinks.FeedLinks(ctx, ch, entryBase, AtomLinks.IsAtom);

        var image = Core(ch, "image") ?? (rdf ? Core(root, "image") : null);
        var icon = UrlResolver.Resolve(ctx.TrimmedText(image is null ? null : Core(image, "url")) ?? ctx.Attr(image, "resource", XmlNamespaces.Rdf), entryBase)
            ?? UrlResolver.Resolve(ITunes.Image(ctx, FeedContext.First(ch, "image", XmlNamespaces.ITunes)), entryBase);

        var entries = new EntryList(ctx.Diagnostics, ctx.Limits.MaxEntries, ctx.Doc);
        foreach (var item in Items(root, channel))
        {
            if (entries.IsFull)
            {
                entries.WarnFull(item.Offset);
                break;
            }
            if (item.ClosedByEndOfInput)
            {
                ctx.Diagnostics.Warn(item.Offset, "incomplete item at the end of a truncated document dropped");
                continue;
            }
            entries.Add(ReadItem(ctx, item, entryBase), item.Offset, item);
        }

        return new ParsedFeed
        {
            Format = rdf ? FeedFormat.Rdf : FeedFormat.Rss,
            Version = Version(ctx, root),
            Title = PlainText.FromHtml(ctx.TrimmedText(Core(ch, "title")) ?? ctx.TrimmedText(FeedContext.First(ch, "title", XmlNamespaces.DublinCore))),
            SiteUrl = siteUrl,
            FeedUrl = self,
            Description = PlainText.FromHtml(ctx.TrimmedText(Core(ch, "description"))
                ?? ctx.TrimmedText(FeedContext.First(ch, "summary", XmlNamespaces.ITunes))
                ?? ctx.TrimmedText(FeedContext.First(ch, "subtitle", XmlNamespaces.ITunes))
                ?? ctx.TrimmedText(FeedContext.First(ch, "description", XmlNamespaces.DublinCore))),
            Language = ctx.TrimmedText(Core(ch, "language")) ?? ctx.TrimmedText(FeedContext.First(ch, "language", XmlNamespaces.DublinCore))
                ?? ctx.Attr(root, "lang", XmlNamespaces.Xml),
            IconUrl = icon,
            Published = ctx.Date(Core(ch, "pubDate")) ?? ctx.Date(FeedContext.First(ch, "issued", XmlNamespaces.DublinCoreTerms))
                ?? ctx.Date(FeedContext.First(ch, "published", XmlNamespaces.Atom10)),
            Updated = ChannelUpdated(ctx, ch),
            Hubs = hubs,
            NextUrl = next,
            TimeToLive = FeedContext.Long(ctx.TrimmedText(Core(ch, "ttl"))) is long minutes and > 0 and < 525_600 ? TimeSpan.FromMinutes(minutes) : null,
            SkipHours = SkipHours(ctx, Core(ch, "skipHours")),
            Entries = entries.ToList(),
        };
    }

    /// <summary>The first of the channel's last-changed dates, in document order: lastBuildDate, dc:date, dcterms:modified, atom:updated.</summary>
    private static DateTimeOffset? ChannelUpdated(FeedContext ctx, XmlElementNode channel)
    {
        foreach (var e in channel.Elements())
        {
            var updated = (e.Namespace, e.LocalName) switch
            {
                (_, "lastBuildDate") when IsCore(e.Namespace) => true,
                (XmlNamespaces.DublinCore, "date") or (XmlNamespaces.DublinCoreTerms, "modified") or (XmlNamespaces.Atom10, "updated") => true,
                _ => false,
            };
            if (updated && ctx.Date(e) is { } date)
            {
                return date;
            }
        }
        return null;
    }

    private static IReadOnlyList<int> SkipHours(FeedContext ctx, XmlElementNode? skipHours)
    {
        if (skipHours is null)
        {
            return [];
        }
        var hours = new List<int>();
        foreach (var h in skipHours.Elements())
        {
            // RSS 2.0 numbers hours 0–23; some feeds write 24 for midnight
            if (h.LocalName == "hour" && FeedContext.Long(ctx.TrimmedText(h)) is long n and >= 0 and <= 24 && !hours.Contains((int)(n % 24)))
            {
                hours.Add((int)(n % 24));
            }
        }
        return hours;
    }

    private static string? Version(FeedContext ctx, XmlElementNode root)
    {
        if (root.LocalName == "RDF")
        {
            if (root.Elements().Any(e => e.Namespace == XmlNamespaces.Rss090))
            {
                return "0.90";
            }
            if (root.Elements().Any(e => e.Namespace == XmlNamespaces.Rss10))
            {
                return "1.0";
            }
            // no channel or item to tell by: the namespace the root declares first
            var startTag = ctx.Doc.Utf8[root.Offset..root.ContentStart];
            var at090 = startTag.IndexOf(System.Text.Encoding.UTF8.GetBytes(XmlNamespaces.Rss090));
            var at10 = startTag.IndexOf(System.Text.Encoding.UTF8.GetBytes(XmlNamespaces.Rss10));
            return at090 >= 0 && (at10 < 0 || at090 < at10) ? "0.90" : "1.0";
        }
        // the version the feed names, as the specification numbers it ("2.01", "2.0.1" are 2.0); none named is unknown
        var v = ctx.Attr(root, "version");
        return v is not null && v.StartsWith('2') ? "2.0" : v;
    }

    private static IEnumerable<XmlElementNode> Items(XmlElementNode root, XmlElementNode? channel)
    {
        if (channel is not null)
        {
            foreach (var e in channel.Elements())
            {
                if (e.LocalName == "item" && IsCore(e.Namespace))
                {
                    yield return e;
                }
            }
        }
        if (channel == root)
        {
            yield break;
        }
        // RSS 1.0 puts items beside the channel; broken RSS 2.0 feeds do too
        foreach (var e in root.Elements())
        {
            if (e.LocalName == "item" && IsCore(e.Namespace))
            {
                yield return e;
            }
        }
    }

    private static XmlElementNode? Core(XmlElementNode parent, string name)
    {
        XmlElementNode? firstEmpty = null;
        foreach (var e in parent.Elements())
        {
            if (e.LocalName == name && IsCore(e.Namespace))
            {
                if (e.ContentEnd > e.ContentStart)
                {
                    return e;
                }
                firstEmpty ??= e;
            }
        }
        return firstEmpty;
    }

    private static EntryDraft ReadItemFields(FeedContext ctx, XmlElementNode item, string? feedBase)
    {
        var d = new EntryDraft { BaseUrl = ctx.BaseOf(item, feedBase) };
        string? rssAuthor = null, guid = null, identifier = null, firstId = null, link = null, origLink = null, dcDescription = null;
        // the first date of each kind in document order, as feedparser takes them
        DateTimeOffset? pubDate = null, dcDate = null, issued = null, atomPublished = null, firstUpdated = null;
        var guidIsPermalink = true;
        string? creator = null;
        foreach (var e in item.Elements())
        {
            var ns = e.Namespace;
            if (IsCore(ns))
            {
                switch (e.LocalName)
                {
                    case "title":
                        d.Title ??= PlainText.FromHtml(ctx.TrimmedText(e));
                        break;
                    case "link":
                        link ??= ctx.TrimmedText(e);
                        break;
                    case "guid":
                        guid ??= ctx.TrimmedText(e);
                        firstId ??= guid;
                        guidIsPermalink = !string.Equals(ctx.Attr(e, "isPermaLink"), "false", StringComparison.OrdinalIgnoreCase);
                        break;
                    case "description":
                        d.Summary ??= NonEmpty(ctx.Doc.Markup(e));
                        break;
                    case "author":
                        rssAuthor ??= PlainText.FromHtml(ctx.TrimmedText(e));
                        break;
                    case "pubDate":
                        pubDate ??= ctx.Date(e);
                        break;
                    case "category":
                        d.AddCategory(ctx.OwnText(e));
                        break;
                    case "enclosure":
                        d.AddEnclosure(ctx.Attr(e, "url"), ctx.Attr(e, "type"), FeedContext.Long(ctx.Attr(e, "length")));
                        break;
                    // XHTML's body written without its namespace, and the old fullitem extension's escaped HTML
                    case "body":
                        d.Content ??= NonEmpty(ctx.Doc.InnerMarkup(e));
                        break;
                    case "fullitem":
                        d.Content ??= NonEmpty(ctx.Doc.Markup(e));
                        break;
                }
                continue;
            }
            switch (ns)
            {
                case XmlNamespaces.Content when e.LocalName == "encoded":
                    d.Content ??= NonEmpty(ctx.Doc.Markup(e));
                    break;
                case XmlNamespaces.DublinCore:
                    switch (e.LocalName)
                    {
                        case "creator":
                        case "author":
                            creator ??= NonEmpty(PlainText.FromHtml(ctx.TrimmedText(e)) ?? "");
                            break;
                        case "date":
                            dcDate ??= ctx.Date(e);
                            firstUpdated ??= dcDate;
                            break;
                        case "subject":
                            d.AddCategory(ctx.TrimmedText(e));
                            break;
                        case "title":
                            d.Title ??= PlainText.FromHtml(ctx.TrimmedText(e));
                            break;
                        case "description":
                            dcDescription ??= NonEmpty(ctx.Doc.Markup(e));
                            break;
                        case "identifier":
                            identifier ??= ctx.TrimmedText(e);
                            firstId ??= identifier;
                            break;
                    }
                    break;
                case XmlNamespaces.DublinCoreTerms:
                    if (e.LocalName is "modified")
                    {
                        firstUpdated ??= ctx.Date(e);
                    }
                    else if (e.LocalName is "issued" or "created")
                    {
                        issued ??= ctx.Date(e);
                    }
                    break;
                case XmlNamespaces.Atom10:
                case XmlNamespaces.Atom03:
                    if (e.LocalName is "updated" or "modified")
                    {
                        firstUpdated ??= ctx.Date(e);
                    }
                    else if (e.LocalName is "published" or "issued")
                    {
                        atomPublished ??= ctx.Date(e);
                    }
                    else if (e.LocalName == "author")
                    {
                        rssAuthor ??= PlainText.FromHtml(ctx.TrimmedText(FeedContext.First(e, "name", ns)));
                    }
                    break;
                case XmlNamespaces.FeedBurner when e.LocalName == "origLink":
                    origLink = ctx.TrimmedText(e);
                    break;
                case XmlNamespaces.Xhtml when e.LocalName == "body":
                    d.Content ??= NonEmpty(ctx.Doc.InnerMarkup(e));
                    break;
            }
        }
        // feedburner rewrote links through its redirector; origLink is the article itself
        d.Url = origLink ?? link ?? AtomLinks.Alternate(ctx, item, d.BaseUrl, AtomLinks.IsAtom);
        if (d.Url is null && guid is not null && guidIsPermalink && UrlResolver.IsHttp(guid))
        {
            d.Url = guid;
        }
        var about = ctx.Attr(item, "about", XmlNamespaces.Rdf);
        d.Url ??= UrlResolver.IsHttp(about) ? about : null;
        // rdf:about names the item; a dc:identifier beside it is what the item is about (a DOI, an ISBN)
        d.Id = guid ?? about ?? identifier;
        // the rule before read the first of guid and dc:identifier ahead of rdf:about: rows stored under it are found again
        d.PreviousId = firstId ?? about;
        d.Summary ??= dcDescription;
        d.Published = pubDate ?? dcDate ?? issued ?? atomPublished;
        d.Updated = firstUpdated;
        d.Author = Author(rssAuthor, creator);
        AtomLinks.Enclosures(ctx, item, d, AtomLinks.IsAtom);
        return d;
    }

    private static ParsedEntry ReadItem(FeedContext ctx, XmlElementNode item, string? feedBase)
    {
        var d = ReadItemFields(ctx, item, feedBase);
        MediaRss.Read(ctx, item, d);
        ITunes.Read(ctx, item, d);
        return d.Finish();
    }

    /// <summary>RSS author is "email (Name)": the name is what readers show; dc:creator (the first) is a name already and wins over a bare email.</summary>
    private static string? Author(string? rssAuthor, string? creators)
    {
        var name = rssAuthor is null ? null : NameFromRssAuthor(rssAuthor);
        return creators is not null && (name is null || name.Contains('@')) ? creators : name;
    }

    internal static string NameFromRssAuthor(string author)
    {
        var open = author.IndexOf('(');
        var close = author.LastIndexOf(')');
        if (open >= 0 && close > open && author[..open].Contains('@'))
        {
            var name = author[(open + 1)..close].Trim();
            return name.Length == 0 ? author : name;
        }
        return author;
    }

    private static string? NonEmpty(string s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
