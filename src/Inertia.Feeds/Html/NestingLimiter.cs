namespace Inertia.Feeds.Html;

/// <summary>
/// Keeps HTML from nesting deeper than a limit before an HTML parser builds a tree of it: a hostile feed's 400,000 nested
/// tags cost AngleSharp minutes of tree building, and a deep tree overflows the stack of whatever walks it recursively.
/// The text is tokenized as HTML5 does (quoted attributes, comments, raw-text elements, script escapes) and each tag is
/// given to <see cref="HtmlTreeModel"/>, which nests as a parser would — "&lt;span/&gt;" opens a span, misnested end
/// tags close only what they close there, formatting elements reopen. A start tag that would nest past the limit is
/// dropped with its end tag; the text is kept. One pass, linear in the length of the text.
/// </summary>
public static class NestingLimiter
{
    // distinct names not known to HtmlTags that get an id of their own; past it, each new name is unique (never matched)
    private const int MaxOtherNames = 4096;

    /// <summary>
    /// The HTML with every start tag dropped that would nest deeper than <paramref name="maxDepth"/>, or that comes after
    /// <paramref name="maxElements"/> elements (a flood of flat elements costs a parser and a sanitizer as much per element).
    /// </summary>
    public static string Limit(string html, int maxDepth, int maxElements = int.MaxValue)
    {
        // cheap exit: fewer tags than this cannot nest deeper than the limit, whatever wrappers a parser adds
        var tags = html.AsSpan().Count('<');
        if (tags * 3 <= maxDepth && tags <= maxElements)
        {
            return html;
        }
        return new Run(html, maxDepth, maxElements, null).Limit();
    }

    /// <summary>For tests: the limited text, calling <paramref name="trace"/> with (offset, model depth) after each token.</summary>
    internal static string Limit(string html, int maxDepth, Action<int, int> trace) => new Run(html, maxDepth, int.MaxValue, trace).Limit();

    private sealed class Run(string html, int maxDepth, int maxElements, Action<int, int>? trace)
    {
        private int _elements;
        private readonly HtmlTreeModel _model = new(maxDepth);
        private readonly Dictionary<string, int> _others = new(StringComparer.OrdinalIgnoreCase);
        private Dictionary<int, int>? _droppedOpen;
        private System.Text.StringBuilder? _output;
        private int _copiedTo;
        private int _nextOther = HtmlTags.FirstOther;

        public string Limit()
        {
            var s = html.AsSpan();
            var i = 0;
            while (i < s.Length)
            {
                var lt = s[i..].IndexOf('<');
                if (lt < 0)
                {
                    Text(i, s.Length);
                    break;
                }
                lt += i;
                if (lt > i)
                {
                    Text(i, lt);
                }
                var c1 = lt + 1 < s.Length ? s[lt + 1] : '\0';
                if (char.IsAsciiLetter(c1))
                {
                    i = StartTag(lt);
                }
                else if (c1 == '/')
                {
                    var c2 = lt + 2 < s.Length ? s[lt + 2] : '\0';
                    i = char.IsAsciiLetter(c2) ? EndTag(lt)
                        : c2 == '>' ? lt + 3
                        : lt + 2 >= s.Length ? s.Length
                        : UntilGreaterThan(lt + 2);
                }
                else if (c1 == '!')
                {
                    i = MarkupDeclaration(lt);
                }
                else if (c1 == '?')
                {
                    i = UntilGreaterThan(lt + 2);
                }
                else
                {
                    _model.Text(whitespace: false);
                    i = lt + 1;
                }
                trace?.Invoke(i, _model.Depth);
            }
            if (_output is null)
            {
                return html;
            }
            _output.Append(s[_copiedTo..]);
            return _output.ToString();
        }

        private void Text(int start, int end)
        {
            _model.Text(html.AsSpan(start, end - start).IndexOfAnyExcept(" \t\n\f\r") < 0);
        }

        // a bogus comment, a doctype or a stray "</ x": everything up to the next '>'
        private int UntilGreaterThan(int from)
        {
            var gt = html.AsSpan(from).IndexOf('>');
            return gt < 0 ? html.Length : from + gt + 1;
        }

        private int MarkupDeclaration(int lt)
        {
            var s = html.AsSpan(lt);
            if (s.StartsWith("<!--"))
            {
                var body = lt + 4;
                var rest = html.AsSpan(body);
                if (rest.StartsWith(">"))
                {
                    return body + 1;
                }
                if (rest.StartsWith("->"))
                {
                    return body + 2;
                }
                var end = rest.IndexOf("-->");
                var bang = rest.IndexOf("--!>");
                if (end < 0 && bang < 0)
                {
                    return html.Length;
                }
                return end >= 0 && (bang < 0 || end <= bang) ? body + end + 3 : body + bang + 4;
            }
            if (s.StartsWith("<![CDATA[") && _model.InForeignContent)
            {
                var end = html.AsSpan(lt + 9).IndexOf("]]>");
                _model.Text(whitespace: false);
                return end < 0 ? html.Length : lt + 9 + end + 3;
            }
            return UntilGreaterThan(lt + 2);
        }

        /// <summary>A tag's name and where it ends: after its '&gt;', or -1 when the text ends inside it (a parser then drops it).</summary>
        private readonly record struct Tag(int NameStart, int NameEnd, int End, bool SelfClosing, bool FontBreaksOut, string? Encoding);

        private Tag ReadTag(int nameStart)
        {
            var s = html.AsSpan();
            var j = nameStart;
            while (j < s.Length && !IsSpace(s[j]) && s[j] is not ('/' or '>'))
            {
                j++;
            }
            var nameEnd = j;
            var name = s[nameStart..nameEnd];
            var isFont = name.Equals("font", StringComparison.OrdinalIgnoreCase);
            var isAnnotation = name.Equals("annotation-xml", StringComparison.OrdinalIgnoreCase);
            var fontBreaksOut = false;
            string? encoding = null;
            while (true)
            {
                while (j < s.Length && IsSpace(s[j]))
                {
                    j++;
                }
                if (j >= s.Length)
                {
                    return new Tag(nameStart, nameEnd, -1, false, false, null);
                }
                if (s[j] == '>')
                {
                    return new Tag(nameStart, nameEnd, j + 1, false, fontBreaksOut, encoding);
                }
                if (s[j] == '/')
                {
                    j++;
                    if (j < s.Length && s[j] == '>')
                    {
                        return new Tag(nameStart, nameEnd, j + 1, true, fontBreaksOut, encoding);
                    }
                    continue;
                }
                // an attribute name: its first character may be '='
                var attributeStart = j++;
                while (j < s.Length && !IsSpace(s[j]) && s[j] is not ('/' or '>' or '='))
                {
                    j++;
                }
                var attribute = s[attributeStart..j];
                while (j < s.Length && IsSpace(s[j]))
                {
                    j++;
                }
                if (j >= s.Length || s[j] != '=')
                {
                    Note(attribute, default);
                    continue;
                }
                j++;
                while (j < s.Length && IsSpace(s[j]))
                {
                    j++;
                }
                if (j >= s.Length)
                {
                    return new Tag(nameStart, nameEnd, -1, false, false, null);
                }
                int valueStart, valueEnd;
                if (s[j] is '"' or '\'')
                {
                    var close = s[(j + 1)..].IndexOf(s[j]);
                    if (close < 0)
                    {
                        return new Tag(nameStart, nameEnd, -1, false, false, null);
                    }
                    valueStart = j + 1;
                    valueEnd = j + 1 + close;
                    j = valueEnd + 1;
                }
                else if (s[j] == '>')
                {
                    Note(attribute, default);
                    continue;
                }
                else
                {
                    valueStart = j;
                    while (j < s.Length && !IsSpace(s[j]) && s[j] != '>')
                    {
                        j++;
                    }
                    valueEnd = j;
                }
                Note(attribute, s[valueStart..valueEnd]);
            }

            void Note(ReadOnlySpan<char> attribute, ReadOnlySpan<char> value)
            {
                if (isFont && (attribute.Equals("color", StringComparison.OrdinalIgnoreCase) || attribute.Equals("face", StringComparison.OrdinalIgnoreCase) || attribute.Equals("size", StringComparison.OrdinalIgnoreCase)))
                {
                    fontBreaksOut = true;
                }
                if (isAnnotation && encoding is null && attribute.Equals("encoding", StringComparison.OrdinalIgnoreCase))
                {
                    encoding = value.ToString();
                }
            }
        }

        private int StartTag(int lt)
        {
            var tag = ReadTag(lt + 1);
            if (tag.End < 0)
            {
                return html.Length;
            }
            var id = IdOf(tag.NameStart, tag.NameEnd);
            var textKind = 0;
            if (++_elements > maxElements || !_model.Start(id, tag.SelfClosing, tag.FontBreaksOut, tag.Encoding, out textKind))
            {
                Drop(lt, tag.End);
                if (!tag.SelfClosing && !HtmlTags.Is(HtmlTags.Voids, id))
                {
                    _droppedOpen ??= [];
                    _droppedOpen[id] = _droppedOpen.GetValueOrDefault(id) + 1;
                }
                return tag.End;
            }
            return textKind switch
            {
                0 => tag.End,
                3 => ScriptData(tag.End),
                4 => html.Length,
                _ => RawText(tag.End, tag.NameStart, tag.NameEnd),
            };
        }

        private int EndTag(int lt)
        {
            var tag = ReadTag(lt + 2);
            if (tag.End < 0)
            {
                return html.Length;
            }
            var id = IdOf(tag.NameStart, tag.NameEnd);
            if (_droppedOpen is not null && _droppedOpen.TryGetValue(id, out var dropped) && dropped > 0)
            {
                // the end of an element dropped for its depth goes with it (a parser would not close anything with it)
                _droppedOpen[id] = dropped - 1;
                Drop(lt, tag.End);
                return tag.End;
            }
            _model.End(id);
            return tag.End;
        }

        // raw text and RCDATA (style, textarea…): text up to "</name" followed by white space, '/' or '>'
        private int RawText(int from, int nameStart, int nameEnd)
        {
            var name = html.AsSpan(nameStart, nameEnd - nameStart);
            var s = html.AsSpan();
            var pos = from;
            while (true)
            {
                var k = s[pos..].IndexOf("</");
                if (k < 0)
                {
                    return s.Length;
                }
                k += pos;
                if (IsEndTagOf(k, name))
                {
                    return k;
                }
                pos = k + 2;
            }
        }

        // script data, with its escapes: inside "<!--", a "<script>" hides the next "</script>" (HTML's double escaping)
        private int ScriptData(int from)
        {
            var s = html.AsSpan();
            var pos = from;
            var state = 0; // 0 data, 1 escaped, 2 double escaped
            while (pos < s.Length)
            {
                var k = state == 0 ? s[pos..].IndexOf('<') : s[pos..].IndexOfAny('<', '-');
                if (k < 0)
                {
                    return s.Length;
                }
                k += pos;
                if (s[k] == '-')
                {
                    var dashes = k;
                    while (dashes < s.Length && s[dashes] == '-')
                    {
                        dashes++;
                    }
                    if (dashes - k >= 2 && dashes < s.Length && s[dashes] == '>')
                    {
                        state = 0;
                    }
                    pos = dashes;
                    continue;
                }
                if (state == 0 && s[(k + 1)..].StartsWith("!--"))
                {
                    state = 1;
                    // "<!-->" and "<!--->" end the escape at once
                    pos = k + 4;
                    if (s[pos..].StartsWith(">"))
                    {
                        state = 0;
                        pos++;
                    }
                    else if (s[pos..].StartsWith("->"))
                    {
                        state = 0;
                        pos += 2;
                    }
                    continue;
                }
                if (IsEndTagOf(k, "script"))
                {
                    if (state == 2)
                    {
                        state = 1;
                        pos = k + 8;
                        continue;
                    }
                    return k;
                }
                if (state == 1 && k + 7 < s.Length && s.Slice(k + 1, 6).Equals("script", StringComparison.OrdinalIgnoreCase) && IsDelimiter(s[k + 7]))
                {
                    state = 2;
                    pos = k + 7;
                    continue;
                }
                pos = k + 1;
            }
            return s.Length;
        }

        private bool IsEndTagOf(int k, ReadOnlySpan<char> name)
        {
            var s = html.AsSpan();
            var after = k + 2 + name.Length;
            return s.Length > after && s[k] == '<' && s[k + 1] == '/'
                && s.Slice(k + 2, name.Length).Equals(name, StringComparison.OrdinalIgnoreCase) && IsDelimiter(s[after]);
        }

        private static bool IsDelimiter(char c) => IsSpace(c) || c is '/' or '>';

        private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\f' or '\r';

        private int IdOf(int start, int end)
        {
            var name = html.AsSpan(start, end - start);
            if (HtmlTags.ById.TryGetValue(name, out var id))
            {
                return id;
            }
            var lookup = _others.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(name, out id))
            {
                return id;
            }
            id = _nextOther++;
            if (_others.Count < MaxOtherNames)
            {
                lookup[name] = id;
            }
            return id;
        }

        private void Drop(int start, int end)
        {
            _output ??= new System.Text.StringBuilder(html.Length);
            if (start > _copiedTo && html[start - 1] == '<')
            {
                // a '<' of text just before the dropped tag would start a tag with what follows it: written as a reference
                _output.Append(html.AsSpan(_copiedTo, start - 1 - _copiedTo)).Append("&lt;");
            }
            else
            {
                _output.Append(html.AsSpan(_copiedTo, start - _copiedTo));
            }
            _copiedTo = end;
        }
    }
}
