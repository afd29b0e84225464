using System.Text;
using Inertia.Feeds.Text;
using Inertia.Feeds.Urls;
using Inertia.Feeds.Xml;

namespace Inertia.Feeds.Opml;

/// <summary>
/// Reads OPML 1.0/2.0 subscription lists as a stream of outlines, straight off the tokenizer: no tree is built,
/// so memory stays flat however many outlines there are. Outlines without a feed URL nest categories; a bad outline
/// is reported with its line and skipped, never failing the rest.
/// </summary>
public static class OpmlReader
{
    /// <summary>
    /// Reads outlines in document order; <paramref name="problems"/> receives each skipped one. <paramref name="expandUrl"/>
    /// rewrites each xmlUrl before it is checked (short forms such as <c>rsshub://ROUTE</c> made an http(s) address).
    /// </summary>
    public static IEnumerable<OpmlOutline> Read(string text, Action<OpmlProblem>? problems = null, Func<string, string>? expandUrl = null)
    {
        // the tokenizer reads UTF-8; a subscription list is small next to the feeds it names, so the copy is cheap
        ReadOnlyMemory<byte> utf8 = System.Text.Encoding.UTF8.GetBytes(text);
        var diagnostics = ParseDiagnostics.ForUtf8(utf8);
        var tok = new LenientXmlTokenizer(utf8, diagnostics);
        // one entry per open <outline>: the category it opened, or null for a feed outline or an unnamed one
        var open = new Stack<string?>();
        var categories = new List<string>();
        var sawOpml = false;
        while (true)
        {
            var kind = tok.Next();
            if (kind == XmlTokenKind.EndOfInput)
            {
                break;
            }
            if (kind == XmlTokenKind.StartTag)
            {
                if (Ascii.EqualsIgnoreCase(tok.Name, "opml"u8))
                {
                    sawOpml = true;
                    continue;
                }
                if (!Ascii.EqualsIgnoreCase(tok.Name, "outline"u8))
                {
                    continue;
                }
                var line = diagnostics.LineOf(tok.TokenStart);
                string? xmlUrl = null, htmlUrl = null, title = null, textAttr = null, type = null;
                foreach (var a in tok.Attributes)
                {
                    var attrName = utf8.Span.Slice(a.NameStart, a.NameLength);
                    var value = CharacterReferences.DecodeUtf8(utf8.Span.Slice(a.ValueStart, a.ValueLength)).Trim();
                    if (Ascii.EqualsIgnoreCase(attrName, "xmlUrl"u8))
                    {
                        xmlUrl = value;
                    }
                    else if (Ascii.EqualsIgnoreCase(attrName, "htmlUrl"u8))
                    {
                        htmlUrl = value;
                    }
                    else if (Ascii.EqualsIgnoreCase(attrName, "title"u8))
                    {
                        title = value;
                    }
                    else if (Ascii.EqualsIgnoreCase(attrName, "text"u8))
                    {
                        textAttr = value;
                    }
                    else if (Ascii.EqualsIgnoreCase(attrName, "type"u8))
                    {
                        type = value;
                    }
                }
                var label = PlainText.FromHtml(string.IsNullOrEmpty(title) ? textAttr : title);
                label = string.IsNullOrEmpty(label) ? null : label;
                string? opened = null;
                if (xmlUrl is not null)
                {
                    xmlUrl = expandUrl?.Invoke(xmlUrl) ?? xmlUrl;
                    var problem = Validate(xmlUrl);
                    if (problem is null)
                    {
                        yield return new OpmlOutline(xmlUrl, UrlResolver.IsHttp(htmlUrl) ? htmlUrl : null, label, [.. categories], line);
                    }
                    else
                    {
                        problems?.Invoke(new OpmlProblem(line, problem));
                    }
                }
                else if (type is not null && !type.Equals("category", StringComparison.OrdinalIgnoreCase) && !type.Equals("folder", StringComparison.OrdinalIgnoreCase)
                    && (type.Equals("rss", StringComparison.OrdinalIgnoreCase) || type.Equals("atom", StringComparison.OrdinalIgnoreCase)))
                {
                    problems?.Invoke(new OpmlProblem(line, $"outline of type '{type}' has no xmlUrl"));
                }
                else if (!tok.SelfClosing && label is not null)
                {
                    opened = label;
                }
                if (!tok.SelfClosing)
                {
                    open.Push(opened);
                    if (opened is not null)
                    {
                        categories.Add(opened);
                    }
                }
                continue;
            }
            if (kind == XmlTokenKind.EndTag && Ascii.EqualsIgnoreCase(tok.Name, "outline"u8) && open.Count > 0)
            {
                if (open.Pop() is not null)
                {
                    categories.RemoveAt(categories.Count - 1);
                }
            }
        }
        if (!sawOpml)
        {
            problems?.Invoke(new OpmlProblem(1, "document has no <opml> element; read its outlines anyway"));
        }
    }

    private static string? Validate(string xmlUrl)
    {
        if (xmlUrl.Length == 0)
        {
            return "empty xmlUrl";
        }
        if (xmlUrl.Length > 2048)
        {
            return "xmlUrl is longer than 2048 characters";
        }
        if (!Uri.TryCreate(xmlUrl, UriKind.Absolute, out var u) || (u.Scheme != "http" && u.Scheme != "https"))
        {
            return $"xmlUrl '{(xmlUrl.Length > 80 ? xmlUrl[..77] + "..." : xmlUrl)}' is not an absolute http(s) URL";
        }
        return null;
    }
}
