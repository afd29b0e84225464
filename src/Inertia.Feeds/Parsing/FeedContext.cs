using Inertia.Feeds.Dates;
using Inertia.Feeds.Model;
using Inertia.Feeds.Text;
using Inertia.Feeds.Urls;
using Inertia.Feeds.Xml;

namespace Inertia.Feeds.Parsing;

/// <summary>What the XML adapters share while reading one document: the tree, its warnings, its URL and its caps.</summary>
internal sealed class FeedContext(LenientXmlDocument document, FeedParseOptions options)
{
    public LenientXmlDocument Doc { get; } = document;
    public ParseDiagnostics Diagnostics => Doc.Diagnostics;
    public FeedParseOptions Options { get; } = options;
    public string? DocumentUrl => Options.DocumentUrl;

    /// <summary>The base URL inside an element: its xml:base resolved against its parent's base.</summary>
    public string? BaseOf(XmlElementNode element, string? parentBase)
    {
        var xmlBase = Doc.AttributeValue(element, "base", XmlNamespaces.Xml);
        return xmlBase is null ? parentBase : UrlResolver.Combine(parentBase, xmlBase);
    }

    public string Text(XmlElementNode e) => Doc.Text(e);

    public string? TrimmedText(XmlElementNode? e)
    {
        if (e is null)
        {
            return null;
        }
        // XML white space is trimmed on the bytes, before decoding; Trim() then takes what decoding revealed (&#160;)
        var t = Doc.TrimmedText(e).Trim();
        return t.Length == 0 ? null : t;
    }

    /// <summary>The element's own text, outside its child elements, trimmed; null when empty.</summary>
    public string? OwnText(XmlElementNode e)
    {
        if (!e.HasElementChildren)
        {
            return TrimmedText(e);
        }
        var t = Doc.OwnText(e).Trim();
        return t.Length == 0 ? null : t;
    }

    public string? Attr(XmlElementNode? e, string name, string ns = "")
    {
        if (e is null)
        {
            return null;
        }
        var v = Doc.AttributeValue(e, name, ns)?.Trim();
        return string.IsNullOrEmpty(v) ? null : v;
    }

    /// <summary>A date from an element's text; an unreadable one is null with a warning naming its line.</summary>
    public DateTimeOffset? Date(XmlElementNode? e)
    {
        if (e is null)
        {
            return null;
        }
        // dates are short plain text nearly always: parse them from a copy on the stack
        if (Doc.TryPlainText(e, out var utf8) && utf8.Length <= 128)
        {
            Span<char> chars = stackalloc char[128];
            // ASCII, as dates are, widens a vector at a time; anything else is decoded
            var plain = System.Text.Ascii.ToUtf16(utf8, chars, out var widened) == System.Buffers.OperationStatus.Done
                ? chars[..widened]
                : chars[..Utf8Text.Transcode(utf8, chars, Diagnostics)];
            if (plain.IsWhiteSpace())
            {
                return null;
            }
            var fast = FeedDate.Parse(plain);
            if (fast is null)
            {
                Diagnostics.Warn(e.Offset, $"unreadable date '{Shorten(plain.Trim().ToString())}' in <{Doc.QualifiedName(e)}>");
            }
            return fast;
        }
        var text = TrimmedText(e);
        if (text is null)
        {
            return null;
        }
        var d = FeedDate.Parse(text);
        if (d is null)
        {
            Diagnostics.Warn(e.Offset, $"unreadable date '{Shorten(text)}' in <{Doc.QualifiedName(e)}>");
        }
        return d;
    }

    public static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";

    public static XmlElementNode? First(XmlElementNode parent, string localName, string ns)
    {
        foreach (var e in parent.Elements())
        {
            if (e.Is(localName, ns))
            {
                return e;
            }
        }
        return null;
    }

    public static IEnumerable<XmlElementNode> All(XmlElementNode parent, string localName, string ns)
    {
        foreach (var e in parent.Elements())
        {
            if (e.Is(localName, ns))
            {
                yield return e;
            }
        }
    }

    public static long? Long(string? s) =>
        long.TryParse(s?.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : null;

    public FeedLimits Limits => Options.Limits;
}
