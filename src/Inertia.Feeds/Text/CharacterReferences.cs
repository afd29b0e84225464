using System.Text;

namespace Inertia.Feeds.Text;

/// <summary>Decodes XML and HTML character references, tolerating what real feeds contain: HTML named entities, bare ampersands, bad numbers.</summary>
public static class CharacterReferences
{
    [ThreadStatic]
    private static StringBuilder? t_builder;

    /// <summary>Reports a problem at an offset relative to the start of the decoded range.</summary>
    public delegate void Problem(int relativeOffset, string message);

    public static string Decode(string source, int start, int length, Problem? problem = null)
    {
        if (source.AsSpan(start, length).IndexOf('&') < 0)
        {
            return start == 0 && length == source.Length ? source : source.Substring(start, length);
        }
        return Decode(source.AsSpan(start, length), problem);
    }

    public static string Decode(ReadOnlySpan<char> span, Problem? problem = null)
    {
        var amp = span.IndexOf('&');
        if (amp < 0)
        {
            return new string(span);
        }
        var sb = t_builder ?? new StringBuilder(span.Length);
        t_builder = null;
        sb.Clear();
        sb.Append(span[..amp]);
        var i = amp;
        while (i < span.Length)
        {
            var c = span[i];
            if (c != '&')
            {
                var next = span[i..].IndexOf('&');
                if (next < 0)
                {
                    sb.Append(span[i..]);
                    break;
                }
                sb.Append(span.Slice(i, next));
                i += next;
                continue;
            }
            var consumed = TryDecodeAt(span, i, sb);
            if (consumed > 0)
            {
                i += consumed;
            }
            else
            {
                if (consumed < 0)
                {
                    problem?.Invoke(i, $"undefined entity '{span.Slice(i, -consumed)}' kept as text");
                }
                else
                {
                    problem?.Invoke(i, "bare '&' treated as text");
                }
                sb.Append('&');
                i++;
            }
        }
        var result = sb.ToString();
        if (sb.Capacity <= 64 * 1024)
        {
            t_builder = sb;
        }
        return result;
    }

    public static string Decode(string text, Problem? problem = null) => Decode(text, 0, text.Length, problem);

    /// <summary>Decodes one reference at <paramref name="i"/>; returns characters consumed, 0 for a bare '&amp;', minus the length of an unknown named reference.</summary>
    private static int TryDecodeAt(ReadOnlySpan<char> s, int i, StringBuilder sb)
    {
        // the references escaped HTML is made of, without a table lookup
        var rest = s[i..];
        if (rest.StartsWith("&lt;"))
        {
            sb.Append('<');
            return 4;
        }
        if (rest.StartsWith("&gt;"))
        {
            sb.Append('>');
            return 4;
        }
        if (rest.StartsWith("&amp;"))
        {
            sb.Append('&');
            return 5;
        }
        if (rest.StartsWith("&quot;"))
        {
            sb.Append('"');
            return 6;
        }
        var j = i + 1;
        if (j >= s.Length)
        {
            return 0;
        }
        if (s[j] == '#')
        {
            j++;
            var hex = j < s.Length && (s[j] == 'x' || s[j] == 'X');
            if (hex)
            {
                j++;
            }
            var digitsStart = j;
            long value = 0;
            while (j < s.Length && j - digitsStart < 10 && (hex ? char.IsAsciiHexDigit(s[j]) : char.IsAsciiDigit(s[j])))
            {
                value = value * (hex ? 16 : 10) + HexDigitValue(s[j]);
                j++;
            }
            if (j == digitsStart)
            {
                return 0;
            }
            // HTML allows a numeric reference without its semicolon; so do we
            if (j < s.Length && s[j] == ';')
            {
                j++;
            }
            AppendCodePoint(sb, value);
            return j - i;
        }
        var nameStart = j;
        while (j < s.Length && j - nameStart < 32 && char.IsAsciiLetterOrDigit(s[j]))
        {
            j++;
        }
        if (j == nameStart)
        {
            return 0;
        }
        if (j >= s.Length || s[j] != ';')
        {
            // legacy HTML references without ';' (&amp &lt &gt &quot &nbsp &copy): only the very common ones, to leave "AT&T" alone
            var bare = s[nameStart..j];
            var legacy = LegacyWithoutSemicolon(bare);
            if (legacy is null)
            {
                return 0;
            }
            sb.Append(legacy.Value.Text);
            return 1 + legacy.Value.Length;
        }
        var name = s[nameStart..j];
        var decoded = NamedEntities.Lookup(name);
        if (decoded is null)
        {
            return -(j + 1 - i);
        }
        sb.Append(decoded);
        return j + 1 - i;
    }

    private static int HexDigitValue(char c) => char.IsAsciiDigit(c) ? c - '0' : (c | 0x20) - 'a' + 10;

    private static (string Text, int Length)? LegacyWithoutSemicolon(ReadOnlySpan<char> name)
    {
        foreach (var (n, t) in s_legacy)
        {
            if (name.StartsWith(n, StringComparison.Ordinal) && name.Length == n.Length)
            {
                return (t, n.Length);
            }
        }
        return null;
    }

    private static readonly (string, string)[] s_legacy =
        [("amp", "&"), ("lt", "<"), ("gt", ">"), ("quot", "\""), ("nbsp", "\u00A0"), ("copy", "©"), ("reg", "®")];

    private static void AppendCodePoint(StringBuilder sb, long value)
    {
        // Windows-1252 numbers used as if they were Unicode (&#146; for ’) are what feeds mean by them
        if (value is >= 0x80 and <= 0x9F)
        {
            var mapped = Windows1252Controls[(int)value - 0x80];
            sb.Append(mapped);
            return;
        }
        if (value is 0 or > 0x10FFFF or (>= 0xD800 and <= 0xDFFF))
        {
            sb.Append('\uFFFD');
            return;
        }
        if (value < 0x20 && value is not (0x9 or 0xA or 0xD))
        {
            return;
        }
        if (value < 0x10000)
        {
            sb.Append((char)value);
        }
        else
        {
            sb.Append(char.ConvertFromUtf32((int)value));
        }
    }

    private static readonly char[] Windows1252Controls =
    [
        '€', '\u0081', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u008D', 'Ž', '\u008F',
        '\u0090', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u009D', 'ž', 'Ÿ',
    ];
}
