using System.Collections.Frozen;
using System.Text;

namespace Inertia.Feeds.Html;

/// <summary>
/// Sanitizes, in one pass over the text, the well-formed allow-listed HTML most feeds carry, to the very string HtmlSanitizer
/// writes for it; declines whatever an HTML5 parser would rebuild (misnesting, content a table would move out of itself,
/// foreign or raw-text elements, odd tokens) so that the caller hands it to HtmlSanitizer (docs/design/sanitizing.md). Every tag and attribute in the output is written by this class from
/// allow-listed names and escaped values; text is decoded and re-escaped, so no '&lt;' of the input reaches the output as markup.
/// </summary>
internal static class SinglePassSanitizer
{
    [Flags]
    private enum Kind
    {
        None = 0,
        Void = 1,
        // a start tag of these closes an open <p>
        ClosesParagraph = 2,
        Heading = 4,
        // the parser keeps these in its list of active formatting elements: closing one implicitly changes the tree
        Formatting = 8,
        // an end tag of these closes the elements above it the way the parser does (blocks, list items, paragraphs, table parts)
        ClosesAbove = 16,
        // the parser's "special" elements: a search for an open <li>, <dd> or <dt> stops at them
        Special = 32,
        // a URL-bearing image element whose lazy-loading attributes are promoted
        Image = 64,
        // audio and video: always given their controls
        Media = 128,
        // an embedded player: kept only empty and only from an allowed host
        Frame = 256,
        // a table, a section or a row: only the table's own structure (and blanks) may stand directly inside
        TableContext = 512,
        // not allowed, but harmless and parsed like any element: HtmlSanitizer drops the tag and keeps what it holds
        Unwrapped = 1024,
    }

    // what the parser and the sanitizer make of one tag name
    private sealed class Tag(string name, Kind kind)
    {
        public string Name { get; } = name;
        public Kind Kind { get; } = kind;
    }

    // the table and its parts: their own rules at the start and end of a table, and where searches for open elements stop
    private static readonly FrozenSet<string> s_tableParts = FrozenSet.Create("table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th");

    private static readonly FrozenDictionary<string, Tag> s_tags = BuildTags();
    private static readonly FrozenDictionary<string, Tag>.AlternateLookup<ReadOnlySpan<char>> s_tagLookup =
        s_tags.GetAlternateLookup<ReadOnlySpan<char>>();

    // attribute ids: the allowed ones first, then the lazy-loading ones read only to be promoted
    private static readonly string[] s_attributeNames = [.. ArticlePolicy.Attributes, .. ArticlePolicy.LazySources, .. ArticlePolicy.LazySourceSets];
    private static readonly FrozenDictionary<string, int> s_attributes =
        s_attributeNames.Select((name, id) => (name, id)).ToFrozenDictionary(p => p.name, p => p.id, StringComparer.OrdinalIgnoreCase);
    private static readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> s_attributeLookup =
        s_attributes.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly int s_allowedCount = ArticlePolicy.Attributes.Length;
    private static readonly int s_src = Array.IndexOf(s_attributeNames, "src");
    private static readonly int s_srcset = Array.IndexOf(s_attributeNames, "srcset");
    private static readonly int s_href = Array.IndexOf(s_attributeNames, "href");
    private static readonly int s_width = Array.IndexOf(s_attributeNames, "width");
    private static readonly int s_height = Array.IndexOf(s_attributeNames, "height");
    private static readonly int s_controls = Array.IndexOf(s_attributeNames, "controls");
    private static readonly FrozenSet<int> s_urlAttributes = ArticlePolicy.UrlAttributes.Select(a => Array.IndexOf(s_attributeNames, a)).ToFrozenSet();

    [ThreadStatic]
    private static StringBuilder? t_output;
    [ThreadStatic]
    private static Tag[]? t_stack;
    [ThreadStatic]
    private static List<(int Id, string Value)>? t_attributes;

    /// <summary>Sanitizes <paramref name="html"/> (non-empty) against an absolute base URL or ""; false when the parser must decide.</summary>
    public static bool TrySanitize(string html, string baseUrl, SanitizerSettings settings, out string? clean)
    {
        clean = null;
        var output = t_output ??= new StringBuilder(4096);
        output.Clear();
        var stack = t_stack ??= new Tag[ArticleSanitizer.MaxNesting];
        var attributes = t_attributes ??= [];
        var depth = 0;
        var preOpenedAt = -1;
        var s = html.AsSpan();
        var i = 0;
        while (i < s.Length)
        {
            var lt = s[i..].IndexOfAny('<', '\0');
            var text = lt < 0 ? s[i..] : s.Slice(i, lt);
            if (InTableContext(stack, depth) && text.IndexOfAnyExcept(" \t\n\r\f") >= 0)
            {
                // text directly in a table is moved before it by the parser
                return Decline(output);
            }
            if (output.Length == preOpenedAt && !text.IsEmpty && text[0] is '\n' or '\r')
            {
                // a <pre> whose first child is text starting with a line end gets one more from the serializer, so it survives
                output.Append('\n');
            }
            if (!AppendText(output, text))
            {
                return Decline(output);
            }
            if (lt < 0)
            {
                break;
            }
            i += lt;
            if (s[i] == '\0' || i + 1 == s.Length)
            {
                return Decline(output);
            }
            var next = s[i + 1];
            if (char.IsAsciiLetter(next))
            {
                var end = ReadStartTag(s, i, out var tag, out var selfClosing, attributes);
                if (end < 0 || tag is null || selfClosing && (tag.Kind & Kind.Void) == 0 || !Open(tag, stack, ref depth, output))
                {
                    return Decline(output);
                }
                if ((tag.Kind & Kind.Frame) != 0)
                {
                    // an iframe's content is raw text to the parser: only an empty one is ours to write
                    if (!s[end..].StartsWith("</iframe>", StringComparison.OrdinalIgnoreCase))
                    {
                        return Decline(output);
                    }
                    WriteStartTag(tag, attributes, baseUrl, settings, output);
                    i = end + "</iframe>".Length;
                    continue;
                }
                WriteStartTag(tag, attributes, baseUrl, settings, output);
                if ((tag.Kind & Kind.Void) == 0)
                {
                    stack[depth++] = tag;
                }
                i = end;
                if (tag.Name == "pre" && i < s.Length && s[i] is '\n' or '\r')
                {
                    // the parser drops the line end that follows <pre>
                    i += s[i] == '\r' && i + 1 < s.Length && s[i + 1] == '\n' ? 2 : 1;
                }
                if (tag.Name == "pre")
                {
                    preOpenedAt = output.Length;
                }
            }
            else if (next == '/')
            {
                var end = ReadEndTag(s, i, out var tag);
                if (end < 0 || tag is null || !Close(tag, stack, ref depth, output))
                {
                    return Decline(output);
                }
                i = end;
            }
            else if (next == '!' && s[i..].StartsWith("<!--"))
            {
                // comments are dropped, as HtmlSanitizer drops them; the odd forms (<!-->, <!--->, no end) go to the parser
                var body = s[(i + 4)..];
                if (body.StartsWith(">") || body.StartsWith("->"))
                {
                    return Decline(output);
                }
                var close = body.IndexOf("--", StringComparison.Ordinal);
                while (close >= 0 && !body[close..].StartsWith("-->"))
                {
                    if (body[close..].StartsWith("--!>"))
                    {
                        return Decline(output);
                    }
                    var further = body[(close + 1)..].IndexOf("--", StringComparison.Ordinal);
                    close = further < 0 ? -1 : close + 1 + further;
                }
                if (close < 0)
                {
                    return Decline(output);
                }
                i += 4 + close + 3;
            }
            else
            {
                // "a < b" is text to the parser; doctype, bogus comments and processing instructions are not ours to judge
                if (next is '!' or '?' || InTableContext(stack, depth))
                {
                    return Decline(output);
                }
                output.Append("&lt;");
                i++;
            }
        }
        while (depth > 0)
        {
            WriteEnd(output, stack[--depth]);
        }
        clean = Trimmed(output);
        return true;
    }

    private static void WriteEnd(StringBuilder output, Tag tag)
    {
        if ((tag.Kind & Kind.Unwrapped) == 0)
        {
            output.Append("</").Append(tag.Name).Append('>');
        }
    }

    private static bool Decline(StringBuilder output)
    {
        output.Clear();
        return false;
    }

    private static string? Trimmed(StringBuilder output)
    {
        int start = 0, end = output.Length;
        while (start < end && char.IsWhiteSpace(output[start]))
        {
            start++;
        }
        while (end > start && char.IsWhiteSpace(output[end - 1]))
        {
            end--;
        }
        var result = end == start ? null : output.ToString(start, end - start);
        if (output.Capacity > 1 << 20)
        {
            // one huge article must not pin its buffer to the thread for good
            t_output = null;
        }
        return result;
    }

    /// <summary>Applies what the parser does before inserting <paramref name="tag"/>; false when that would rebuild the tree.</summary>
    private static bool Open(Tag tag, Tag[] stack, ref int depth, StringBuilder output)
    {
        var name = tag.Name;
        if (!OpenInTable(name, stack, ref depth, output))
        {
            return false;
        }
        if (name == "a" && Find(stack, depth, "a") >= 0)
        {
            return false;
        }
        if (name is "li" or "dd" or "dt")
        {
            // an open item of the same list closes, unless a block stands between
            for (var k = depth - 1; k >= 0; k--)
            {
                var open = stack[k].Name;
                if (name == "li" ? open == "li" : open is "dd" or "dt")
                {
                    if (!PopTo(k, stack, ref depth, output))
                    {
                        return false;
                    }
                    break;
                }
                if ((stack[k].Kind & Kind.Special) != 0 && open is not ("address" or "div" or "p"))
                {
                    break;
                }
            }
        }
        if (name is "rp" or "rt" && Find(stack, depth, "ruby") >= 0)
        {
            while (depth > 0 && stack[depth - 1].Name is "rp" or "rt")
            {
                WriteEnd(output, stack[--depth]);
            }
            if (depth == 0 || stack[depth - 1].Name != "ruby")
            {
                return false;
            }
        }
        if ((tag.Kind & Kind.ClosesParagraph) != 0)
        {
            var p = Find(stack, depth, "p");
            if (p >= 0 && !PopTo(p, stack, ref depth, output))
            {
                return false;
            }
        }
        if ((tag.Kind & Kind.Heading) != 0 && depth > 0 && (stack[depth - 1].Kind & Kind.Heading) != 0)
        {
            return false;
        }
        // past the nesting limit the parser path flattens the markup
        return (tag.Kind & Kind.Void) != 0 || depth < stack.Length;
    }

    /// <summary>
    /// The table rules for a start tag: inside a table, a section or a row only the next level of structure may start (a row
    /// directly in a table gets the tbody the parser gives it); a new cell or row ends the open cell. False where the parser
    /// would move content out of the table ("foster parenting") or close more than the open cell.
    /// </summary>
    private static bool OpenInTable(string name, Tag[] stack, ref int depth, StringBuilder output)
    {
        var top = depth > 0 ? stack[depth - 1] : null;
        var structure = name != "table" && s_tableParts.Contains(name);
        if (top is null || (top.Kind & Kind.TableContext) == 0)
        {
            if (!structure)
            {
                return true;
            }
            if (top?.Name is not ("td" or "th") || name is not ("td" or "th" or "tr"))
            {
                return false;
            }
            // a new cell ends the open one; a new row ends the open cell and its row
            WriteEnd(output, stack[--depth]);
            if (name == "tr")
            {
                WriteEnd(output, stack[--depth]);
            }
            return true;
        }
        switch (name)
        {
            case "caption" or "thead" or "tbody" or "tfoot" when top.Name == "table":
            case "td" or "th" when top.Name == "tr":
            case "tr" when top.Name is "thead" or "tbody" or "tfoot":
                return true;
            case "thead" or "tbody" or "tfoot" when top.Name is "thead" or "tbody" or "tfoot":
            case "tr" when top.Name == "tr":
                WriteEnd(output, stack[--depth]);
                return true;
            case "tr" when top.Name == "table" && depth < stack.Length:
                output.Append("<tbody>");
                stack[depth++] = s_tags["tbody"];
                return true;
            default:
                return false;
        }
    }

    /// <summary>Applies an end tag; false when the parser would ignore it or rebuild the tree around it.</summary>
    private static bool Close(Tag tag, Tag[] stack, ref int depth, StringBuilder output)
    {
        if ((tag.Kind & Kind.Void) != 0)
        {
            return false;
        }
        if (InTableContext(stack, depth)
            && !s_tableParts.Contains(tag.Name))
        {
            // any other end tag directly in a table is handled as if outside it
            return false;
        }
        if (tag.Name == "p" && Find(stack, depth, "p") < 0)
        {
            // a stray </p> (common after an image) is an empty paragraph to the parser
            output.Append("<p></p>");
            return true;
        }
        if (depth == 0)
        {
            return false;
        }
        if (stack[depth - 1].Name == tag.Name)
        {
            depth--;
            WriteEnd(output, tag);
            return true;
        }
        if ((tag.Kind & Kind.ClosesAbove) == 0)
        {
            return false;
        }
        var k = Find(stack, depth, tag.Name);
        if (k < 0)
        {
            return false;
        }
        // a list item's end stops at its list; elements above that the parser ends implicitly may be ended here
        for (var above = k + 1; above < depth; above++)
        {
            if (tag.Name == "li" && stack[above].Name is "ul" or "ol" || (tag.Kind & Kind.Heading) != 0 && (stack[above].Kind & Kind.Heading) != 0)
            {
                return false;
            }
        }
        return PopTo(k, stack, ref depth, output);
    }

    /// <summary>Ends the elements above index <paramref name="k"/> and the one at it; false if a formatting element would be reopened by the parser.</summary>
    private static bool PopTo(int k, Tag[] stack, ref int depth, StringBuilder output)
    {
        for (var above = k + 1; above < depth; above++)
        {
            if ((stack[above].Kind & Kind.Formatting) != 0)
            {
                return false;
            }
        }
        while (depth > k)
        {
            WriteEnd(output, stack[--depth]);
        }
        return true;
    }

    private static bool InTableContext(Tag[] stack, int depth) => depth > 0 && (stack[depth - 1].Kind & Kind.TableContext) != 0;

    /// <summary>The innermost open <paramref name="name"/> the parser can see: its scope ends at a table, a cell or a caption.</summary>
    private static int Find(Tag[] stack, int depth, string name)
    {
        var structural = s_tableParts.Contains(name);
        for (var k = depth - 1; k >= 0; k--)
        {
            var open = stack[k].Name;
            if (open == name)
            {
                return k;
            }
            if (structural ? open == "table" : open is "table" or "td" or "th" or "caption")
            {
                return -1;
            }
        }
        return -1;
    }

    /// <summary>Reads a start tag at <paramref name="i"/>; returns the index after it, or -1 for anything unusual.</summary>
    private static int ReadStartTag(ReadOnlySpan<char> s, int i, out Tag? tag, out bool selfClosing, List<(int Id, string Value)> attributes)
    {
        tag = null;
        selfClosing = false;
        attributes.Clear();
        var j = i + 1;
        while (j < s.Length && IsNameChar(s[j]))
        {
            j++;
        }
        if (j >= s.Length || !IsTagBreak(s[j]) || (tag = TagNamed(s[(i + 1)..j])) is null)
        {
            return -1;
        }
        ulong seen = 0;
        while (true)
        {
            while (j < s.Length && IsSpace(s[j]))
            {
                j++;
            }
            if (j >= s.Length)
            {
                return -1;
            }
            if (s[j] == '>')
            {
                return j + 1;
            }
            if (s[j] == '/')
            {
                if (j + 1 < s.Length && s[j + 1] == '>')
                {
                    selfClosing = true;
                    return j + 2;
                }
                return -1;
            }
            var nameStart = j;
            while (j < s.Length && !IsSpace(s[j]) && s[j] is not ('/' or '>' or '='))
            {
                if (s[j] is '"' or '\'' or '<' or '\0')
                {
                    return -1;
                }
                j++;
            }
            var name = s[nameStart..j];
            if (name.IsEmpty)
            {
                return -1;
            }
            while (j < s.Length && IsSpace(s[j]))
            {
                j++;
            }
            if (j >= s.Length)
            {
                return -1;
            }
            ReadOnlySpan<char> value = default;
            if (s[j] == '=')
            {
                j++;
                while (j < s.Length && IsSpace(s[j]))
                {
                    j++;
                }
                if (j >= s.Length)
                {
                    return -1;
                }
                var quote = s[j];
                if (quote is '"' or '\'')
                {
                    var close = s[(j + 1)..].IndexOf(quote);
                    if (close < 0)
                    {
                        return -1;
                    }
                    value = s.Slice(j + 1, close);
                    j += close + 2;
                    if (j >= s.Length || !(IsSpace(s[j]) || s[j] is '/' or '>'))
                    {
                        return -1;
                    }
                }
                else
                {
                    var start = j;
                    while (j < s.Length && !IsSpace(s[j]) && s[j] != '>')
                    {
                        if (s[j] is '"' or '\'' or '<' or '=' or '`')
                        {
                            return -1;
                        }
                        j++;
                    }
                    if (j == start)
                    {
                        return -1;
                    }
                    value = s[start..j];
                }
            }
            if (value.Contains('\0'))
            {
                return -1;
            }
            // the first of two same-named attributes wins; the names we do not keep need no value
            if (s_attributeLookup.TryGetValue(name, out var id) && (seen & (1UL << id)) == 0)
            {
                seen |= 1UL << id;
                var decoded = HtmlReferences.DecodeAttribute(value);
                if (decoded is null)
                {
                    return -1;
                }
                attributes.Add((id, decoded));
            }
        }
    }

    /// <summary>Reads an end tag at <paramref name="i"/>: a name and optional spaces, nothing else.</summary>
    private static int ReadEndTag(ReadOnlySpan<char> s, int i, out Tag? tag)
    {
        tag = null;
        var j = i + 2;
        while (j < s.Length && IsNameChar(s[j]))
        {
            j++;
        }
        if (j == i + 2 || (tag = TagNamed(s[(i + 2)..j])) is null)
        {
            return -1;
        }
        while (j < s.Length && IsSpace(s[j]))
        {
            j++;
        }
        return j < s.Length && s[j] == '>' ? j + 1 : -1;
    }

    /// <summary>Writes the sanitized start tag, or nothing for a tracking pixel.</summary>
    private static void WriteStartTag(Tag tag, List<(int Id, string Value)> attributes, string baseUrl, SanitizerSettings settings, StringBuilder output)
    {
        var name = tag.Name;
        if ((tag.Kind & Kind.Unwrapped) != 0)
        {
            return;
        }
        if ((tag.Kind & Kind.Image) != 0)
        {
            Promote(attributes, ArticlePolicy.LazySources.Length, s_allowedCount, s_src);
            Promote(attributes, ArticlePolicy.LazySourceSets.Length, s_allowedCount + ArticlePolicy.LazySources.Length, s_srcset);
        }
        string? width = null, height = null, src = null, href = null;
        var mark = output.Length;
        output.Append('<').Append(name);
        var hasControls = false;
        foreach (var (id, raw) in attributes)
        {
            if (id >= s_allowedCount)
            {
                continue;
            }
            var value = raw;
            if (s_urlAttributes.Contains(id))
            {
                value = ArticlePolicy.FilterUrl(name, ArticleUrls.Sanitize(raw, baseUrl));
            }
            else if (id == s_srcset)
            {
                value = ArticleUrls.SanitizeSourceSet(name, raw, baseUrl);
            }
            if (value is null || value.Contains("&{", StringComparison.Ordinal))
            {
                continue;
            }
            if (id == s_controls && (tag.Kind & Kind.Media) != 0)
            {
                value = "";
                hasControls = true;
            }
            if (id == s_width)
            {
                width = value;
            }
            else if (id == s_height)
            {
                height = value;
            }
            else if (id == s_src)
            {
                src = value;
            }
            else if (id == s_href)
            {
                href = value;
            }
            output.Append(' ').Append(s_attributeNames[id]).Append("=\"");
            AppendEscaped(output, value);
            output.Append('"');
        }
        if (name == "img" && ArticlePolicy.IsTrackingPixel(width, height, src))
        {
            output.Length = mark;
            return;
        }
        if ((tag.Kind & Kind.Frame) != 0)
        {
            if (!ArticlePolicy.IsAllowedFrame(src, settings))
            {
                output.Length = mark;
                return;
            }
            output.Append(" sandbox=\"").Append(ArticlePolicy.FrameSandbox).Append("\" referrerpolicy=\"").Append(ArticlePolicy.FrameReferrerPolicy)
                .Append("\" loading=\"lazy\"></iframe>");
            return;
        }
        if (name == "a" && href is not null)
        {
            output.Append(" rel=\"noopener noreferrer\" target=\"_blank\"");
        }
        if ((tag.Kind & Kind.Media) != 0 && !hasControls)
        {
            output.Append(" controls=\"\"");
        }
        output.Append('>');
    }

    /// <summary>The first non-blank lazy-loading value replaces the attribute it stands for, where it is, or last if absent.</summary>
    private static void Promote(List<(int Id, string Value)> attributes, int count, int firstLazy, int target)
    {
        for (var lazy = firstLazy; lazy < firstLazy + count; lazy++)
        {
            var at = attributes.FindIndex(a => a.Id == lazy);
            if (at < 0 || string.IsNullOrWhiteSpace(attributes[at].Value))
            {
                continue;
            }
            var value = attributes[at].Value;
            var existing = attributes.FindIndex(a => a.Id == target);
            if (existing >= 0)
            {
                attributes[existing] = (target, value);
            }
            else
            {
                attributes.Add((target, value));
            }
            return;
        }
    }

    private static readonly System.Buffers.SearchValues<char> s_textSpecials = System.Buffers.SearchValues.Create("&>\r\u00A0");

    /// <summary>
    /// Writes text as the HTML serializer writes the text node the parser makes of it: references decoded, then '&amp;', '&lt;',
    /// '&gt;' and no-break spaces escaped, line ends as LF. False for a reference whose reading needs the parser's tables.
    /// </summary>
    private static bool AppendText(StringBuilder output, ReadOnlySpan<char> text)
    {
        while (true)
        {
            var at = text.IndexOfAny(s_textSpecials);
            if (at < 0)
            {
                output.Append(text);
                return true;
            }
            output.Append(text[..at]);
            switch (text[at])
            {
                case '>':
                    output.Append("&gt;");
                    at++;
                    break;
                case '\u00A0':
                    output.Append("&nbsp;");
                    at++;
                    break;
                case '\r':
                    // CR LF and a lone CR are LF to the parser
                    output.Append('\n');
                    at += at + 1 < text.Length && text[at + 1] == '\n' ? 2 : 1;
                    break;
                default:
                    var consumed = HtmlReferences.InText(text[at..], out var decoded);
                    if (consumed < 0)
                    {
                        return false;
                    }
                    if (decoded is null)
                    {
                        output.Append("&amp;");
                    }
                    else
                    {
                        AppendEscapedText(output, decoded);
                    }
                    at += consumed;
                    break;
            }
            text = text[at..];
        }
    }

    private static void AppendEscapedText(StringBuilder output, string decoded)
    {
        foreach (var c in decoded)
        {
            _ = c switch
            {
                '&' => output.Append("&amp;"),
                '<' => output.Append("&lt;"),
                '>' => output.Append("&gt;"),
                '\u00A0' => output.Append("&nbsp;"),
                _ => output.Append(c),
            };
        }
    }

    private static void AppendEscaped(StringBuilder output, string value)
    {
        var s = value.AsSpan();
        while (true)
        {
            var at = s.IndexOfAny("&\"<>\u00A0");
            if (at < 0)
            {
                output.Append(s);
                return;
            }
            output.Append(s[..at]).Append(s[at] switch
            {
                '&' => "&amp;",
                '"' => "&quot;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ => "&nbsp;",
            });
            s = s[(at + 1)..];
        }
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';

    // a tag name as far as ours go: letters, digits, the colon of Word's <o:p>, the hyphen of a custom element
    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is ':' or '-';

    /// <summary>
    /// The tag of a name: one of ours, or a custom element (a letter first, a hyphen within: no HTML element is named so,
    /// and the parser treats every such name like any other element), which HtmlSanitizer unwraps. Null for anything else.
    /// </summary>
    private static Tag? TagNamed(ReadOnlySpan<char> name)
    {
        if (s_tagLookup.TryGetValue(name, out var tag))
        {
            return tag;
        }
        return char.IsAsciiLetter(name[0]) && name.Contains('-') && !name.Contains(':') ? new Tag(name.ToString().ToLowerInvariant(), Kind.Unwrapped) : null;
    }

    private static bool IsTagBreak(char c) => IsSpace(c) || c is '/' or '>';

    private static FrozenDictionary<string, Tag> BuildTags()
    {
        string[] declined = ["col", "colgroup"];
        string[] voids = ["br", "hr", "img", "wbr", "source", "track"];
        string[] blocks =
        [
            "address", "article", "aside", "blockquote", "center", "details", "div", "dl", "figcaption", "figure", "footer", "header",
            "main", "ol", "ul", "p", "section", "summary", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "hr", "li", "dd", "dt",
        ];
        string[] formatting = ["a", "b", "big", "code", "em", "i", "s", "small", "strike", "strong", "tt", "u"];
        string[] special =
        [
            "address", "article", "aside", "blockquote", "center", "dd", "details", "div", "dl", "dt", "figcaption", "figure", "footer",
            "h1", "h2", "h3", "h4", "h5", "h6", "header", "li", "main", "ol", "p", "pre", "section", "summary", "ul", .. s_tableParts,
        ];
        var tags = new Dictionary<string, Tag>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in ArticlePolicy.Tags.Except(declined))
        {
            var kind = Kind.None;
            kind |= voids.Contains(name) ? Kind.Void : 0;
            kind |= blocks.Contains(name) ? Kind.ClosesParagraph | Kind.ClosesAbove : 0;
            kind |= s_tableParts.Contains(name) ? Kind.ClosesAbove : 0;
            kind |= name == "table" ? Kind.ClosesParagraph : 0;
            kind |= name is "table" or "thead" or "tbody" or "tfoot" or "tr" ? Kind.TableContext : 0;
            kind |= name is ['h', >= '1' and <= '6'] ? Kind.Heading : 0;
            kind |= formatting.Contains(name) ? Kind.Formatting : 0;
            kind |= special.Contains(name) ? Kind.Special : 0;
            kind |= name is "img" or "source" ? Kind.Image : 0;
            kind |= name is "audio" or "video" ? Kind.Media : 0;
            kind |= name is "iframe" ? Kind.Frame : 0;
            tags[name] = new Tag(string.Intern(name), kind);
        }
        // the tags HtmlSanitizer drops while keeping their content that the parser treats like any other (<font> as formatting)
        foreach (var name in new[] { "font", "label", "data", "o:p", "noscript", "input" })
        {
            // <noscript> is an ordinary (if "special") element to a parser without scripting, as ours is; <input> is void
            var kind = name switch { "font" => Kind.Formatting, "noscript" => Kind.Special, "input" => Kind.Void, _ => Kind.None };
            tags[name] = new Tag(string.Intern(name), Kind.Unwrapped | kind);
        }
        return tags.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
