using System.Buffers;

namespace Inertia.Feeds.Text;

/// <summary>Decodes XML and HTML character references, tolerating what real feeds contain: HTML named entities, bare ampersands, bad numbers.</summary>
public static class CharacterReferences
{
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

    public static string Decode(string text, Problem? problem = null) => Decode(text, 0, text.Length, problem);

    public static string Decode(ReadOnlySpan<char> span, Problem? problem = null)
    {
        var amp = span.IndexOf('&');
        if (amp < 0)
        {
            return new string(span);
        }
        // a reference is never shorter than what it stands for, so the output fits in the input's length
        var buffer = ArrayPool<char>.Shared.Rent(span.Length);
        var output = buffer.AsSpan();
        span[..amp].CopyTo(output);
        var o = amp;
        var i = amp;
        while (i < span.Length)
        {
            if (span[i] != '&')
            {
                // escaped HTML has a reference every few characters: a plain loop finds the next one sooner than a
                // vectorized search can start; long plain runs still go to the vectorized search
                var limit = Math.Min(span.Length, i + 32);
                while (i < limit && span[i] != '&')
                {
                    output[o++] = span[i++];
                }
                if (i == limit && i < span.Length && span[i] != '&')
                {
                    var next = span[i..].IndexOf('&');
                    var chunk = next < 0 ? span[i..] : span.Slice(i, next);
                    chunk.CopyTo(output[o..]);
                    o += chunk.Length;
                    i += chunk.Length;
                }
                continue;
            }
            var consumed = TryDecodeAt(span, i, output[o..], out var written);
            if (consumed > 0)
            {
                i += consumed;
                o += written;
                continue;
            }
            if (consumed < 0)
            {
                problem?.Invoke(i, $"undefined entity '{span.Slice(i, -consumed)}' kept as text");
            }
            else
            {
                problem?.Invoke(i, "bare '&' treated as text");
            }
            output[o++] = '&';
            i++;
        }
        var result = new string(buffer, 0, o);
        ArrayPool<char>.Shared.Return(buffer);
        return result;
    }

    /// <summary>
    /// Decodes one reference at <paramref name="i"/> into <paramref name="output"/>; returns characters consumed,
    /// 0 for a bare '&amp;', minus the length of an unknown named reference.
    /// </summary>
    private static int TryDecodeAt(ReadOnlySpan<char> s, int i, Span<char> output, out int written)
    {
        written = 1;
        // the references escaped HTML is made of, without a table lookup
        var rest = s[i..];
        if (rest.StartsWith("&lt;"))
        {
            output[0] = '<';
            return 4;
        }
        if (rest.StartsWith("&gt;"))
        {
            output[0] = '>';
            return 4;
        }
        if (rest.StartsWith("&amp;"))
        {
            output[0] = '&';
            return 5;
        }
        if (rest.StartsWith("&quot;"))
        {
            output[0] = '"';
            return 6;
        }
        written = 0;
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
            written = WriteCodePoint(output, value);
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
            var legacy = LegacyWithoutSemicolon(s[nameStart..j]);
            if (legacy is null)
            {
                return 0;
            }
            output[0] = legacy.Value;
            written = 1;
            return j - i;
        }
        var decoded = NamedEntities.Lookup(s[nameStart..j]);
        if (decoded is null)
        {
            return -(j + 1 - i);
        }
        decoded.CopyTo(output);
        written = decoded.Length;
        return j + 1 - i;
    }

    private static int HexDigitValue(char c) => char.IsAsciiDigit(c) ? c - '0' : (c | 0x20) - 'a' + 10;

    private static char? LegacyWithoutSemicolon(ReadOnlySpan<char> name) => name switch
    {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "nbsp" => '\u00A0',
        "copy" => '©',
        "reg" => '®',
        _ => null,
    };

    private static int WriteCodePoint(Span<char> output, long value)
    {
        // Windows-1252 numbers used as if they were Unicode (&#146; for ’) are what feeds mean by them
        if (value is >= 0x80 and <= 0x9F)
        {
            output[0] = Windows1252Controls[(int)value - 0x80];
            return 1;
        }
        if (value is 0 or > 0x10FFFF or (>= 0xD800 and <= 0xDFFF))
        {
            output[0] = '\uFFFD';
            return 1;
        }
        if (value < 0x20 && value is not (0x9 or 0xA or 0xD))
        {
            return 0;
        }
        return new System.Text.Rune((int)value).EncodeToUtf16(output);
    }

    private static readonly char[] Windows1252Controls =
    [
        '€', '\u0081', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u008D', 'Ž', '\u008F',
        '\u0090', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u009D', 'ž', 'Ÿ',
    ];
}
