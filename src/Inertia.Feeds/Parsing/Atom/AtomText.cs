using System.Text;
using System.Text.RegularExpressions;
using Inertia.Feeds.Parsing.Extensions;
using Inertia.Feeds.Text;
using Inertia.Feeds.Xml;

namespace Inertia.Feeds.Parsing.Atom;

/// <summary>Atom text constructs (RFC 4287 §3.1: type text, html, xhtml) and Atom 0.3 content modes (escaped, xml, base64).</summary>
internal static partial class AtomText
{
    private enum Kind
    {
        Text,
        Html,
        Xhtml,
        Base64Text,
        Base64Html,
    }

    private static Kind KindOf(FeedContext ctx, XmlElementNode e)
    {
        if (e.Attributes.Length == 0)
        {
            return Kind.Text; // neither type nor mode: the default, without looking them up
        }
        if (e.Attributes.Length == 1 && ctx.Doc.AttributeEquals(e, "type", "html"u8))
        {
            return Kind.Html; // what nearly every content element says, read without making a string of it
        }
        var type = ctx.Attr(e, "type");
        var mode = ctx.Attr(e, "mode");
        static bool Is(string? value, string expected) => value is not null && value.Equals(expected, StringComparison.OrdinalIgnoreCase);
        var html = Is(type, "html") || Is(type, "text/html");
        var xhtml = Is(type, "xhtml") || Is(type, "application/xhtml+xml");
        if (Is(mode, "base64"))
        {
            return html || xhtml ? Kind.Base64Html : Kind.Base64Text;
        }
        if (Is(mode, "xml") || xhtml)
        {
            return Kind.Xhtml;
        }
        if (html || Is(mode, "escaped"))
        {
            return Kind.Html;
        }
        if (type is null || !type.Contains('/'))
        {
            return Kind.Text;
        }
        // RFC 4287 §4.1.3.3: an XML media type holds markup, another text/* type text, and any other type its Base64
        if (type.EndsWith("+xml", StringComparison.OrdinalIgnoreCase) || type.EndsWith("/xml", StringComparison.OrdinalIgnoreCase))
        {
            return Kind.Xhtml;
        }
        return type.StartsWith("text/", StringComparison.OrdinalIgnoreCase) ? Kind.Text : Kind.Base64Text;
    }

    /// <summary>The construct as plain text (titles).</summary>
    public static string? Plain(FeedContext ctx, XmlElementNode? e)
    {
        if (e is null)
        {
            return null;
        }
        var value = KindOf(ctx, e) switch
        {
            Kind.Text => PlainText.FromText(ctx.Text(e)),
            Kind.Base64Text => PlainText.FromText(FromBase64(ctx.Text(e))),
            Kind.Xhtml => PlainText.FromHtml(XhtmlMarkup(ctx, e)),
            Kind.Base64Html => PlainText.FromHtml(FromBase64(ctx.Text(e))),
            _ => PlainText.FromHtml(ctx.Text(e)),
        };
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>The construct as HTML (summary, content); text is escaped so it shows as written.</summary>
    public static string? Html(FeedContext ctx, XmlElementNode? e)
    {
        if (e is null)
        {
            return null;
        }
        var value = KindOf(ctx, e) switch
        {
            Kind.Text => TextToHtml(ctx, e),
            Kind.Base64Text => MediaRss.PlainToHtml(FromBase64(ctx.Text(e))),
            Kind.Xhtml => XhtmlMarkup(ctx, e),
            Kind.Base64Html => FromBase64(ctx.Text(e)),
            _ => ctx.Doc.Markup(e),
        };
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static string TextToHtml(FeedContext ctx, XmlElementNode e)
    {
        // type="text" that nevertheless holds elements is a feed that forgot its type: keep the markup
        if (e.HasElementChildren)
        {
            return ctx.Doc.Markup(e);
        }
        return MediaRss.PlainToHtml(ctx.Text(e).Trim());
    }

    [GeneratedRegex(@"<(/?)[A-Za-z_][\w.-]*:")]
    private static partial Regex Prefix();

    /// <summary>xhtml content: the inside of its wrapping div, with namespace prefixes taken off the tags.</summary>
    private static string XhtmlMarkup(FeedContext ctx, XmlElementNode e)
    {
        // the div is the wrapper only when it stands alone: nothing but whitespace around it
        var div = e.FirstChild is { LocalName: "div" } d && d.NextSibling is null
            && LenientXmlDocument.IsXmlWhiteSpace(ctx.Doc.Utf8.Slice(e.ContentStart, d.Offset - e.ContentStart))
            && LenientXmlDocument.IsXmlWhiteSpace(ctx.Doc.Utf8.Slice(d.End, Math.Max(0, e.ContentEnd - d.End)))
            ? d : null;
        var markup = ctx.Doc.InnerMarkup(div ?? e);
        return markup.Contains(':') ? Prefix().Replace(markup, "<$1") : markup;
    }

    private static string FromBase64(string text)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(text.Trim()));
        }
        catch (FormatException)
        {
            return text;
        }
    }
}
