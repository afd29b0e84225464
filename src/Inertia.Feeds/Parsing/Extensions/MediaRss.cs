using System.Net;
using Inertia.Feeds.Xml;

namespace Inertia.Feeds.Parsing.Extensions;

/// <summary>Media RSS (media:content, media:thumbnail, media:group, media:description), in RSS items and Atom entries (YouTube) alike.</summary>
internal static class MediaRss
{
    public static void Read(FeedContext ctx, XmlElementNode item, EntryDraft draft)
    {
        foreach (var e in item.Elements())
        {
            if (e.Namespace != XmlNamespaces.Media)
            {
                continue;
            }
            switch (e.LocalName)
            {
                case "group":
                    Read(ctx, e, draft);
                    break;
                case "content":
                    var url = ctx.Attr(e, "url");
                    var type = ctx.Attr(e, "type");
                    var medium = ctx.Attr(e, "medium");
                    if (url is null)
                    {
                        Read(ctx, e, draft); // a media:content may hold its own thumbnail and description
                        break;
                    }
                    if (type is null && medium is not null)
                    {
                        type = medium == "image" ? "image/*" : null;
                    }
                    draft.AddEnclosure(url, type == "image/*" ? null : type, FeedContext.Long(ctx.Attr(e, "fileSize")));
                    if (draft.ImageUrl is null && (medium == "image" || type?.StartsWith("image/", StringComparison.OrdinalIgnoreCase) == true))
                    {
                        draft.ImageUrl = url;
                    }
                    Read(ctx, e, draft);
                    break;
                case "thumbnail":
                    // the first thumbnail is the one the publisher chose to show
                    draft.ImageUrl ??= ctx.Attr(e, "url");
                    break;
                case "description":
                    if (draft.Summary is null)
                    {
                        var text = ctx.TrimmedText(e);
                        if (text is not null)
                        {
                            draft.Summary = ctx.Attr(e, "type") == "html" ? text : PlainToHtml(text);
                        }
                    }
                    break;
                case "title":
                    draft.Title ??= Text.PlainText.FromHtml(ctx.TrimmedText(e));
                    break;
                case "category":
                    draft.AddCategory(ctx.TrimmedText(e));
                    break;
            }
        }
    }

    // what HtmlEncode and the line-break rewriting change: markup characters, line breaks, and (as numeric
    // references) Latin-1 letters and surrogate pairs
    private static readonly System.Buffers.SearchValues<char> s_plainTextChanges = System.Buffers.SearchValues.Create("<>&\"'\r\n");

    /// <summary>Plain text as HTML: escaped, line breaks kept.</summary>
    public static string PlainToHtml(string text)
    {
        // most summaries need none of it: three vectorized searches instead of the encoder's loop and two replacements
        var span = text.AsSpan();
        if (span.IndexOfAny(s_plainTextChanges) < 0 && span.IndexOfAnyInRange('\u00A0', '\u00FF') < 0 && span.IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return text;
        }
        return WebUtility.HtmlEncode(text).Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "<br>", StringComparison.Ordinal);
    }
}
