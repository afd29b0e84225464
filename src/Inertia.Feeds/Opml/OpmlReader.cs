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
    /// <summary>Reads outlines in document order; <paramref name="problems"/> receives each skipped one.</summary>
    public static IEnumerable<OpmlOutline> Read(string text, Action<OpmlProblem>? problems = null)
    {
        var diagnostics = new ParseDiagnostics(text.AsMemory());
        var tok = new LenientXmlTokenizer(text.AsMemory(), diagnostics);
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
                var name = tok.Name;
                if (name.Equals("opml", StringComparison.OrdinalIgnoreCase))
                {
                    sawOpml = true;
                    continue;
                }
                if (!name.Equals("outline", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                var line = diagnostics.LineOf(tok.TokenStart);
                string? xmlUrl = null, htmlUrl = null, title = null, textAttr = null, type = null;
                foreach (var a in tok.Attributes)
                {
                    var attrName = text.AsSpan(a.NameStart, a.NameLength);
                    var value = CharacterReferences.Decode(text, a.ValueStart, a.ValueLength).Trim();
                    if (attrName.Equals("xmlUrl", StringComparison.OrdinalIgnoreCase))
                    {
                        xmlUrl = value;
                    }
                    else if (attrName.Equals("htmlUrl", StringComparison.OrdinalIgnoreCase))
                    {
                        htmlUrl = value;
                    }
                    else if (attrName.Equals("title", StringComparison.OrdinalIgnoreCase))
                    {
                        title = value;
                    }
                    else if (attrName.Equals("text", StringComparison.OrdinalIgnoreCase))
                    {
                        textAttr = value;
                    }
                    else if (attrName.Equals("type", StringComparison.OrdinalIgnoreCase))
                    {
                        type = value;
                    }
                }
                var label = PlainText.FromHtml(string.IsNullOrEmpty(title) ? textAttr : title);
                label = string.IsNullOrEmpty(label) ? null : label;
                string? opened = null;
                if (xmlUrl is not null)
                {
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
            if (kind == XmlTokenKind.EndTag && tok.Name.Equals("outline", StringComparison.OrdinalIgnoreCase) && open.Count > 0)
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
