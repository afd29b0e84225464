using System.Text;

namespace Inertia.Reader.Chinese;

/// <summary>
/// Where a conversion may touch text: only Han characters change, and in HTML only the text between tags — never a tag, an
/// attribute (an <c>alt</c>, a URL with Chinese in it) or a comment. Pure functions; the converting is passed in.
/// </summary>
public static class ChineseText
{
    // a private-use character OpenCC passes through unchanged and no dictionary holds: the text runs of one document are
    // converted in one call, joined by it, and split again (one native call per document, not per run)
    private const char Joint = '\uE000';

    /// <summary>Whether the text holds a Han character (the only ones a conversion changes).</summary>
    public static bool HasHan(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' || char.IsHighSurrogate(c))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The HTML with each text run between tags converted, tags, attributes and comments left as they were.</summary>
    public static string ConvertHtml(string html, Func<string, string> convert)
    {
        if (!HasHan(html))
        {
            return html;
        }
        var runs = TextRuns(html);
        var chinese = runs.Where(r => HasHan(html.AsSpan(r.Start, r.Length))).ToList();
        if (chinese.Count == 0)
        {
            return html;
        }
        var texts = chinese.Select(r => html.Substring(r.Start, r.Length)).ToList();
        var converted = convert(string.Join(Joint, texts)).Split(Joint);
        if (converted.Length != texts.Count)
        {
            // the joint did not survive (it should): convert run by run instead
            converted = [.. texts.Select(convert)];
        }
        var sb = new StringBuilder(html.Length + 16);
        var at = 0;
        for (var i = 0; i < chinese.Count; i++)
        {
            sb.Append(html, at, chinese[i].Start - at).Append(converted[i]);
            at = chinese[i].Start + chinese[i].Length;
        }
        return sb.Append(html, at, html.Length - at).ToString();
    }

    /// <summary>The text runs of an HTML fragment: what stands outside tags, comments, and the insides of script and style.</summary>
    public static List<(int Start, int Length)> TextRuns(string html)
    {
        var runs = new List<(int, int)>();
        var i = 0;
        var start = 0;
        while (i < html.Length)
        {
            if (html[i] != '<' || i + 1 >= html.Length || !(char.IsAsciiLetter(html[i + 1]) || html[i + 1] is '/' or '!' or '?'))
            {
                // a '<' not opening a tag is text, as an HTML parser reads it
                i++;
                continue;
            }
            if (i > start)
            {
                runs.Add((start, i - start));
            }
            i = AfterMarkup(html, i);
            start = i;
        }
        if (html.Length > start)
        {
            runs.Add((start, html.Length - start));
        }
        return runs;
    }

    // the index after the tag, comment or raw-text element starting at i
    private static int AfterMarkup(string html, int i)
    {
        if (string.CompareOrdinal(html, i, "<!--", 0, 4) == 0)
        {
            var end = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
            return end < 0 ? html.Length : end + 3;
        }
        var nameStart = i + 1;
        var nameEnd = nameStart;
        while (nameEnd < html.Length && char.IsAsciiLetterOrDigit(html[nameEnd]))
        {
            nameEnd++;
        }
        var name = html[nameStart..nameEnd];
        // a tag ends at the first '>' outside a quoted attribute value
        var j = nameEnd;
        while (j < html.Length && html[j] != '>')
        {
            if (html[j] == '=')
            {
                j++;
                while (j < html.Length && char.IsWhiteSpace(html[j]))
                {
                    j++;
                }
                if (j < html.Length && html[j] is '"' or '\'')
                {
                    var close = html.IndexOf(html[j], j + 1);
                    j = close < 0 ? html.Length : close + 1;
                    continue;
                }
            }
            else
            {
                j++;
            }
        }
        j = Math.Min(j + 1, html.Length);
        // script and style hold no words to convert (the sanitizer removes them; a page's own HTML may not)
        if (name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("style", StringComparison.OrdinalIgnoreCase))
        {
            var close = html.IndexOf("</" + name, j, StringComparison.OrdinalIgnoreCase);
            return close < 0 ? html.Length : AfterMarkup(html, close);
        }
        return j;
    }
}
