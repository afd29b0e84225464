using System.Text;

namespace Inertia.Feeds.Text;

/// <summary>Turns a title, author or category into plain text: tags stripped, references decoded, whitespace folded.</summary>
public static class PlainText
{
    /// <summary>For fields that may hold markup (RSS titles, Atom type="html"): strips tags, then decodes and folds.</summary>
    public static string? FromHtml(string? html)
    {
        if (html is null)
        {
            return null;
        }
        if (html.AsSpan().IndexOfAny('<', '&') < 0)
        {
            return Fold(html);
        }
        var sb = new StringBuilder(html.Length);
        var s = html.AsSpan();
        var i = 0;
        // once a search for '>' has failed from some point, none follows it: many '<' without '>' cost one search, not one each
        var noGreaterFrom = int.MaxValue;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '<' && i + 1 < s.Length && (char.IsAsciiLetter(s[i + 1]) || s[i + 1] is '/' or '!' or '?'))
            {
                var skipTo = SkipTag(s, i, ref noGreaterFrom);
                if (skipTo > i)
                {
                    // a tag separates words only when it is a block; "<b>A</b>B" reads "AB"
                    if (IsBlockTag(s[(i + 1)..skipTo]))
                    {
                        sb.Append(' ');
                    }
                    i = skipTo;
                    continue;
                }
            }
            sb.Append(c);
            i++;
        }
        var text = sb.ToString();
        return Fold(text.Contains('&') ? CharacterReferences.Decode(text) : text);
    }

    /// <summary>For fields that are text by definition (Atom type="text", JSON): only folds whitespace.</summary>
    public static string? FromText(string? text) => text is null ? null : Fold(text);

    private static int SkipTag(ReadOnlySpan<char> s, int i, ref int noGreaterFrom)
    {
        if (s[(i + 1)..].StartsWith("!--"))
        {
            var end = s[(i + 4)..].IndexOf("-->");
            return end < 0 ? s.Length : i + 4 + end + 3;
        }
        var nameStart = i + 1;
        if (s[nameStart] == '/')
        {
            nameStart++;
        }
        var gt = i >= noGreaterFrom ? -1 : s[i..].IndexOf('>');
        if (gt < 0)
        {
            noGreaterFrom = Math.Min(noGreaterFrom, i);
            return i;
        }
        var tagEnd = i + gt + 1;
        // drop what scripts and styles contain, not just their tags
        var name = TagName(s[nameStart..]);
        if (nameStart == i + 1 && (name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("style", StringComparison.OrdinalIgnoreCase)))
        {
            var close = s[tagEnd..].IndexOf("</", StringComparison.Ordinal);
            while (close >= 0)
            {
                var at = tagEnd + close;
                if (TagName(s[(at + 2)..]).Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    var endGt = s[at..].IndexOf('>');
                    return endGt < 0 ? s.Length : at + endGt + 1;
                }
                var next = s[(at + 2)..].IndexOf("</", StringComparison.Ordinal);
                close = next < 0 ? -1 : at + 2 + next - tagEnd;
            }
            return s.Length;
        }
        return tagEnd;
    }

    private static ReadOnlySpan<char> TagName(ReadOnlySpan<char> s)
    {
        var n = 0;
        while (n < s.Length && (char.IsAsciiLetterOrDigit(s[n]) || s[n] == ':'))
        {
            n++;
        }
        return s[..n];
    }

    private static bool IsBlockTag(ReadOnlySpan<char> tag)
    {
        if (!tag.IsEmpty && tag[0] == '/')
        {
            tag = tag[1..];
        }
        var name = TagName(tag);
        foreach (var b in s_blocks)
        {
            if (name.Equals(b, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    private static readonly string[] s_blocks =
        ["p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table", "blockquote", "pre", "hr", "section", "article", "figure", "figcaption", "dd", "dt"];

    /// <summary>Collapses runs of whitespace (including non-breaking and ideographic spaces) to one space and trims.</summary>
    public static string Fold(string text)
    {
        var s = text.AsSpan();
        // vectorized checks first: most titles need no folding at all
        var needs = s.Length > 0 && (s[0] == ' ' || s[^1] == ' ' || s.IndexOfAnyInRange('\0', '\u001F') >= 0
            || s.IndexOfAny('\u00A0', '\u3000') >= 0 || s.Contains("  ", StringComparison.Ordinal));
        if (!needs)
        {
            return text;
        }
        var sb = new StringBuilder(s.Length);
        var pendingSpace = false;
        foreach (var c in s)
        {
            if (IsSpace(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static bool IsSpace(char c) => c is ' ' or '\n' or '\r' or '\t' or '\f' or '\u00A0' or '\u3000' || (c < 0x20);
}
