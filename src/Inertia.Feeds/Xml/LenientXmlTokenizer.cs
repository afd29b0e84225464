using System.Text;
using Inertia.Feeds.Text;

namespace Inertia.Feeds.Xml;

/// <summary>
/// A forgiving pull tokenizer for XML as feeds really write it: no DTD processing (so no XXE and no entity bombs),
/// stray '&lt;' and junk become text, unterminated constructs end at end of input. Each call moves forward, so time is linear.
/// It reads UTF-8 bytes: every byte that matters to XML's syntax is ASCII, so the document is never transcoded whole,
/// only the strings read out of it are.
/// </summary>
public sealed class LenientXmlTokenizer(ReadOnlyMemory<byte> source, ParseDiagnostics diagnostics)
{
    private int _pos;
    // the bytes as an array segment: a span made from it is cheaper than ReadOnlyMemory.Span, asked for at every token
    private readonly ArraySegment<byte> _bytes = SourceBytes.Segment(source);

    private ReadOnlySpan<byte> Bytes => _bytes.AsSpan();
    public ParseDiagnostics Diagnostics { get; } = diagnostics;
    public XmlTokenKind Kind { get; private set; }
    /// <summary>Offset of the token's first byte ('&lt;' for tags).</summary>
    public int TokenStart { get; private set; }
    /// <summary>Offset just past the token.</summary>
    public int TokenEnd => _pos;
    public int NameStart { get; private set; }
    public int NameLength { get; private set; }
    public bool SelfClosing { get; private set; }
    public int TextStart { get; private set; }
    public int TextLength { get; private set; }
    /// <summary>How many comments, processing instructions and declarations were skipped so far.</summary>
    public int Skipped { get; private set; }
    /// <summary>Attributes of the current start tag; the list is reused by the next token.</summary>
    public List<RawAttribute> Attributes { get; } = [];

    public ReadOnlySpan<byte> Name => Bytes.Slice(NameStart, NameLength);

    /// <summary>The current tag's name as text, for messages.</summary>
    public string NameText => Encoding.UTF8.GetString(Name);

    public XmlTokenKind Next()
    {
        var s = Bytes;
        while (true)
        {
            if (_pos >= s.Length)
            {
                return Kind = XmlTokenKind.EndOfInput;
            }
            TokenStart = _pos;
            if (s[_pos] != (byte)'<')
            {
                var lt = s.Slice(_pos).IndexOf((byte)'<');
                var end = lt < 0 ? s.Length : _pos + lt;
                return Text(_pos, end);
            }
            if (_pos + 1 >= s.Length)
            {
                Diagnostics.Warn(_pos, "stray '<' at end of input");
                return Text(_pos, s.Length);
            }
            var c = s[_pos + 1];
            if (c == (byte)'!')
            {
                if (s[_pos..].StartsWith("<!--"u8))
                {
                    SkipPast(_pos + 4, "-->"u8, "comment");
                    Skipped++;
                    continue;
                }
                if (s[_pos..].StartsWith("<![CDATA["u8))
                {
                    var start = _pos + 9;
                    var close = s.Slice(start).IndexOf("]]>"u8);
                    if (close < 0)
                    {
                        Diagnostics.Warn(_pos, "CDATA section is not closed before end of input");
                        _pos = s.Length;
                        TextStart = start;
                        TextLength = s.Length - start;
                        return Kind = XmlTokenKind.CData;
                    }
                    TextStart = start;
                    TextLength = close;
                    _pos = start + close + 3;
                    return Kind = XmlTokenKind.CData;
                }
                SkipDeclaration();
                Skipped++;
                continue;
            }
            if (c == (byte)'?')
            {
                SkipPast(_pos + 2, "?>"u8, "processing instruction");
                Skipped++;
                continue;
            }
            if (c == (byte)'/')
            {
                var nameStart = _pos + 2;
                var nameEnd = ScanName(nameStart);
                if (nameEnd == nameStart)
                {
                    Diagnostics.Warn(_pos, "stray '</' treated as text");
                    return Text(_pos, _pos + 2);
                }
                NameStart = nameStart;
                NameLength = nameEnd - nameStart;
                // nearly always the '>' follows the name straight away
                var gt = nameEnd < s.Length && s[nameEnd] == (byte)'>' ? 0 : s.Slice(nameEnd).IndexOf((byte)'>');
                _pos = gt < 0 ? s.Length : nameEnd + gt + 1;
                return Kind = XmlTokenKind.EndTag;
            }
            if (IsNameStart(s, _pos + 1))
            {
                return StartTag();
            }
            Diagnostics.Warn(_pos, "stray '<' treated as text");
            var next = s.Slice(_pos + 1).IndexOf((byte)'<');
            return Text(_pos, next < 0 ? s.Length : _pos + 1 + next);
        }
    }

    private XmlTokenKind Text(int start, int end)
    {
        TextStart = start;
        TextLength = end - start;
        _pos = end;
        return Kind = XmlTokenKind.Text;
    }

    private XmlTokenKind StartTag()
    {
        var s = Bytes;
        var nameStart = _pos + 1;
        var nameEnd = ScanName(nameStart);
        NameStart = nameStart;
        NameLength = nameEnd - nameStart;
        SelfClosing = false;
        Attributes.Clear();
        var i = nameEnd;
        while (true)
        {
            while (i < s.Length && IsSpace(s[i]))
            {
                i++;
            }
            if (i >= s.Length)
            {
                Diagnostics.Warn(TokenStart, $"tag <{NameText}> is not closed before end of input");
                _pos = s.Length;
                return Kind = XmlTokenKind.StartTag;
            }
            var c = s[i];
            if (c == (byte)'>')
            {
                _pos = i + 1;
                return Kind = XmlTokenKind.StartTag;
            }
            if (c == (byte)'/' && i + 1 < s.Length && s[i + 1] == (byte)'>')
            {
                SelfClosing = true;
                _pos = i + 2;
                return Kind = XmlTokenKind.StartTag;
            }
            if (c == (byte)'<')
            {
                // a tag that never closed: end it here rather than swallow the next one
                Diagnostics.Warn(TokenStart, $"tag <{NameText}> is missing its '>'");
                _pos = i;
                return Kind = XmlTokenKind.StartTag;
            }
            var attrNameStart = i;
            var attrNameEnd = ScanName(i);
            if (attrNameEnd == attrNameStart)
            {
                i++; // junk inside a tag
                continue;
            }
            i = attrNameEnd;
            while (i < s.Length && IsSpace(s[i]))
            {
                i++;
            }
            if (i >= s.Length || s[i] != (byte)'=')
            {
                Attributes.Add(new RawAttribute(attrNameStart, attrNameEnd - attrNameStart, attrNameStart, 0));
                continue;
            }
            i++;
            while (i < s.Length && IsSpace(s[i]))
            {
                i++;
            }
            if (i < s.Length && (s[i] == (byte)'"' || s[i] == (byte)'\''))
            {
                var quote = s[i];
                var valueStart = i + 1;
                var closeAt = IndexFrom(valueStart, quote);
                var close = closeAt < 0 ? -1 : closeAt - valueStart;
                // a '>' inside the value is only looked for within it: where the value holds one and a line break too,
                // its quote was most likely never closed
                int gtAfter;
                if (close < 0)
                {
                    var gtAt = IndexFrom(valueStart, (byte)'>');
                    gtAfter = gtAt < 0 ? -1 : gtAt - valueStart;
                }
                else
                {
                    gtAfter = s.Slice(valueStart, close).IndexOf((byte)'>');
                }
                if (close < 0 || (gtAfter >= 0 && s.Slice(valueStart, close).Contains((byte)'\n')))
                {
                    // unterminated quote: stop the value at the next '>' instead of eating the document
                    Diagnostics.Warn(attrNameStart, "attribute value is missing its closing quote");
                    var end = gtAfter < 0 ? s.Length : valueStart + gtAfter;
                    Attributes.Add(new RawAttribute(attrNameStart, attrNameEnd - attrNameStart, valueStart, end - valueStart));
                    i = end;
                    continue;
                }
                Attributes.Add(new RawAttribute(attrNameStart, attrNameEnd - attrNameStart, valueStart, close));
                i = valueStart + close + 1;
            }
            else
            {
                var valueStart = i;
                while (i < s.Length && !IsSpace(s[i]) && s[i] != (byte)'>')
                {
                    i++;
                }
                Attributes.Add(new RawAttribute(attrNameStart, attrNameEnd - attrNameStart, valueStart, i - valueStart));
            }
        }
    }

    // where a search for each of these characters last failed: none appears from there to the end, so later searches
    // from beyond it need not scan again, which keeps a document full of unclosed quotes linear rather than quadratic
    private int _noDoubleQuoteFrom = int.MaxValue;
    private int _noSingleQuoteFrom = int.MaxValue;
    private int _noGreaterThanFrom = int.MaxValue;

    private int IndexFrom(int start, byte c)
    {
        ref var memo = ref c == (byte)'"' ? ref _noDoubleQuoteFrom : ref c == (byte)'\'' ? ref _noSingleQuoteFrom : ref _noGreaterThanFrom;
        if (start >= memo)
        {
            return -1;
        }
        var i = Bytes[start..].IndexOf(c);
        if (i < 0)
        {
            memo = start;
            return -1;
        }
        return start + i;
    }

    private void SkipPast(int from, ReadOnlySpan<byte> terminator, string what)
    {
        var i = Bytes[from..].IndexOf(terminator);
        if (i < 0)
        {
            Diagnostics.Warn(_pos, $"{what} is not closed before end of input");
            _pos = _bytes.Count;
            return;
        }
        _pos = from + i + terminator.Length;
    }

    /// <summary>Skips &lt;!DOCTYPE …&gt; including an internal subset, without interpreting any of it.</summary>
    private void SkipDeclaration()
    {
        var s = Bytes;
        var i = _pos + 2;
        var depth = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == (byte)'[')
            {
                depth++;
            }
            else if (c == (byte)']')
            {
                depth--;
            }
            else if (c == (byte)'>' && depth <= 0)
            {
                _pos = i + 1;
                return;
            }
            i++;
        }
        Diagnostics.Warn(_pos, "declaration is not closed before end of input");
        _pos = s.Length;
    }

    private int ScanName(int i)
    {
        var s = Bytes;
        if (i >= s.Length || !IsNameStart(s, i))
        {
            return i;
        }
        i += s[i] < 0x80 ? 1 : RuneLength(s, i);
        while (i < s.Length)
        {
            var b = s[i];
            if (b < 0x80)
            {
                if (!IsAsciiNameChar[b])
                {
                    break;
                }
                i++;
                continue;
            }
            if (Rune.DecodeFromUtf8(s[i..], out var rune, out var length) != System.Buffers.OperationStatus.Done
                || !(Rune.IsLetterOrDigit(rune) || rune.Value == 0xB7))
            {
                break;
            }
            i += length;
        }
        return i;
    }

    private static int RuneLength(ReadOnlySpan<byte> s, int i)
    {
        Rune.DecodeFromUtf8(s[i..], out _, out var length);
        return Math.Max(1, length);
    }

    private static bool IsSpace(byte c) => c is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t';

    /// <summary>Whether a name starts at <paramref name="i"/>: an ASCII letter, '_', ':', or a non-ASCII letter.</summary>
    private static bool IsNameStart(ReadOnlySpan<byte> s, int i)
    {
        var b = s[i];
        if (b < 0x80)
        {
            return char.IsAsciiLetter((char)b) || b is (byte)'_' or (byte)':';
        }
        return Rune.DecodeFromUtf8(s[i..], out var rune, out _) == System.Buffers.OperationStatus.Done && Rune.IsLetter(rune);
    }

    private static readonly bool[] IsAsciiNameChar = BuildNameChars();

    private static bool[] BuildNameChars()
    {
        var table = new bool[128];
        for (var c = 0; c < 128; c++)
        {
            table[c] = char.IsAsciiLetterOrDigit((char)c) || c is '_' or ':' or '-' or '.';
        }
        return table;
    }
}
