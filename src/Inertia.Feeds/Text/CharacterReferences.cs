using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
            var consumed = DecodeOne(span, i, output[o..], out var written, out var why);
            if (why is not null)
            {
                problem?.Invoke(i, why);
            }
            i += consumed;
            o += written;
        }
        var result = new string(buffer, 0, o);
        ArrayPool<char>.Shared.Return(buffer);
        return result;
    }

    /// <summary>
    /// Decodes the references in UTF-8 text into a string, transcoding as it goes: one pass over the bytes, where decoding
    /// a transcoded document would take two. Problems go to <paramref name="diagnostics"/> at <paramref name="offset"/> plus
    /// their place in the text.
    /// </summary>
    public static string DecodeUtf8(ReadOnlySpan<byte> utf8, ParseDiagnostics? diagnostics = null, int offset = 0)
    {
        if (utf8.IndexOf((byte)'&') < 0)
        {
            return Utf8Text.ToString(utf8, diagnostics);
        }
        var buffer = ArrayPool<char>.Shared.Rent(utf8.Length);
        var written = DecodeUtf8(utf8, buffer, diagnostics, offset);
        var result = new string(buffer, 0, written);
        ArrayPool<char>.Shared.Return(buffer);
        return result;
    }

    /// <summary>
    /// Decodes UTF-8 text with references into <paramref name="output"/>, which must be at least as long as the input
    /// (neither a reference nor a UTF-8 sequence is ever shorter than what it stands for); returns the characters written.
    /// </summary>
    public static int DecodeUtf8(ReadOnlySpan<byte> utf8, Span<char> output, ParseDiagnostics? diagnostics, int offset) =>
        DecodeUtf8(utf8, output, diagnostics, offset, references: true);

    /// <summary>UTF-8 to UTF-16, decoding references too when <paramref name="references"/> (not in CDATA).</summary>
    internal static int DecodeUtf8(ReadOnlySpan<byte> utf8, Span<char> output, ParseDiagnostics? diagnostics, int offset, bool references)
    {
        if (output.Length < utf8.Length)
        {
            throw new ArgumentException("output is shorter than the input", nameof(output));
        }
        ref var src = ref MemoryMarshal.GetReference(utf8);
        ref var dst = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(output));
        var n = utf8.Length;
        var i = 0;
        var o = 0;
        // the ASCII byte that stops the fast loops: '&', or when references are not decoded a byte that is not ASCII and
        // so stops them anyway
        var stopByte = references ? (byte)'&' : (byte)0x80;
        while (i < n)
        {
            // ASCII without references, a vector at a time: widen and store the whole vector, then keep only what comes
            // before the first '&' or non-ASCII byte. The stores stay in bounds: o <= i, and i + width <= n <= output's length.
            if (i + VectorWidth <= n)
            {
                var stops = WidenAndFindStops(ref src, i, ref dst, o, stopByte, out var nonAscii);
                if ((stops | nonAscii) == 0)
                {
                    i += VectorWidth;
                    o += VectorWidth;
                    continue;
                }
                if (nonAscii == 0 && references && i + (2 * VectorWidth) <= n)
                {
                    if (CommonReferencesInBlock(ref src, ref dst, ref i, ref o, stops))
                    {
                        continue;
                    }
                }
                else
                {
                    var k = System.Numerics.BitOperations.TrailingZeroCount(stops | nonAscii);
                    i += k;
                    o += k;
                }
            }
            else
            {
                var b = Unsafe.Add(ref src, i);
                if (b < 0x80 && b != stopByte)
                {
                    Unsafe.Add(ref dst, o) = b;
                    i++;
                    o++;
                    continue;
                }
            }
            if (Unsafe.Add(ref src, i) >= 0x80)
            {
                // non-ASCII: characters of two and three bytes (accents, CJK) decoded here, as long as they follow each other;
                // anything else (four bytes, invalid sequences) goes to the framework's decoder up to the next reference
                var before = i;
                // three-byte characters (all of CJK) five at a time while sixteen bytes remain, then one at a time
                while (i + 16 <= n)
                {
                    var count = ThreeByteCharacters(ref src, i, ref dst, o);
                    if (count == 0)
                    {
                        break;
                    }
                    i += 3 * count;
                    o += count;
                }
                // one at a time: lead 1110xxxx and two continuation bytes in one test
                while (BitConverter.IsLittleEndian && i + 4 <= n)
                {
                    var word = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref src, i));
                    var c = ((word & 0x0F) << 12) | ((word & 0x3F00) >> 2) | ((word & 0x3F0000) >> 16);
                    if ((word & 0xC0C0F0) != 0x8080E0 || c < 0x800 || c - 0xD800 < 0x800)
                    {
                        break;
                    }
                    Unsafe.Add(ref dst, o++) = (ushort)c;
                    i += 3;
                }
                while (i < n)
                {
                    var lead = Unsafe.Add(ref src, i);
                    if ((lead & 0xF0) == 0xE0 && i + 3 <= n)
                    {
                        var b1 = Unsafe.Add(ref src, i + 1);
                        var b2 = Unsafe.Add(ref src, i + 2);
                        var c = ((lead & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F);
                        // continuation bytes, and neither an overlong form nor a surrogate
                        if ((b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80 || c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))
                        {
                            break;
                        }
                        Unsafe.Add(ref dst, o++) = (ushort)c;
                        i += 3;
                    }
                    else if ((lead & 0xE0) == 0xC0 && lead >= 0xC2 && i + 2 <= n && (Unsafe.Add(ref src, i + 1) & 0xC0) == 0x80)
                    {
                        Unsafe.Add(ref dst, o++) = (ushort)(((lead & 0x1F) << 6) | (Unsafe.Add(ref src, i + 1) & 0x3F));
                        i += 2;
                    }
                    else
                    {
                        break;
                    }
                }
                if (i > before)
                {
                    continue;
                }
                var next = references ? utf8[i..].IndexOf((byte)'&') : -1;
                var run = next < 0 ? utf8[i..] : utf8.Slice(i, next);
                o += Utf8Text.TranscodeWithFramework(run, output[o..], diagnostics);
                i += run.Length;
                continue;
            }
            if (TryCommonReference(ref src, i, n, out var common, out var commonLength))
            {
                Unsafe.Add(ref dst, o++) = common;
                i += commonLength;
                continue;
            }
            var consumed = DecodeUtf8One(utf8, i, output[o..], out var decoded, out var why);
            if (why is not null)
            {
                diagnostics?.Warn(offset + i, why);
            }
            i += consumed;
            o += decoded;
        }
        return o;
    }

    // "&lt;", "&gt;", "&amp" and "&quo" as little-endian 32-bit words
    private const uint LessThan = '&' | ('l' << 8) | ('t' << 16) | (';' << 24);
    private const uint GreaterThan = '&' | ('g' << 8) | ('t' << 16) | (';' << 24);
    private const uint AmpersandStart = '&' | ('a' << 8) | ('m' << 16) | ('p' << 24);
    private const uint QuoteStart = '&' | ('q' << 8) | ('u' << 16) | ('o' << 24);

    // 32 bytes at a time where the hardware has 256-bit vectors, else 16: a constant once the JIT has compiled this
    private static int VectorWidth => Vector256.IsHardwareAccelerated ? 32 : 16;

    /// <summary>
    /// Widens the <see cref="VectorWidth"/> bytes at <paramref name="i"/> to characters stored at <paramref name="o"/>;
    /// returns the bit mask of the bytes that are <paramref name="stopByte"/>, and that of those not ASCII in
    /// <paramref name="nonAscii"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint WidenAndFindStops(ref byte src, int i, ref ushort dst, int o, byte stopByte, out uint nonAscii)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            var v = Vector256.LoadUnsafe(ref src, (nuint)i);
            Vector256.WidenLower(v).StoreUnsafe(ref dst, (nuint)o);
            Vector256.WidenUpper(v).StoreUnsafe(ref dst, (nuint)(o + 16));
            nonAscii = v.ExtractMostSignificantBits();
            return Vector256.Equals(v, Vector256.Create(stopByte)).ExtractMostSignificantBits();
        }
        var w = Vector128.LoadUnsafe(ref src, (nuint)i);
        Vector128.WidenLower(w).StoreUnsafe(ref dst, (nuint)o);
        Vector128.WidenUpper(w).StoreUnsafe(ref dst, (nuint)(o + 8));
        nonAscii = w.ExtractMostSignificantBits();
        return Vector128.Equals(w, Vector128.Create(stopByte)).ExtractMostSignificantBits();
    }

    /// <summary>
    /// Decodes the common references of an ASCII block whose '&amp;'s are the bits of <paramref name="ampersands"/>, and
    /// the text between them, taking each position from the mask instead of searching again after every reference (escaped
    /// HTML has one every few words). Returns false with <paramref name="i"/> at the first '&amp;' that is not one of
    /// &amp;lt; &amp;gt; &amp;amp; &amp;quot; and nothing consumed past it; true otherwise, with <paramref name="i"/> past the last
    /// reference. The block's text before its first '&amp;' must already be stored at <paramref name="o"/>, and two vectors'
    /// width must remain from <paramref name="i"/>, so that every load and store here stays in bounds.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool CommonReferencesInBlock(ref byte src, ref ushort dst, ref int i, ref int o, uint ampersands)
    {
        var start = i;
        var at = i;
        var written = o;
        var consumedAny = false;
        while (ampersands != 0)
        {
            var amp = start + System.Numerics.BitOperations.TrailingZeroCount(ampersands);
            ampersands &= ampersands - 1;
            // the text since the last reference: at most a vector's width, stored whole, counted up to the '&'
            if (consumedAny)
            {
                WidenAndFindStops(ref src, at, ref dst, written, 0, out _);
            }
            written += amp - at;
            // the block's contract leaves at least six bytes after every '&' in it
            if (!TryCommonReference(ref src, amp, amp + 6, out var c, out var length))
            {
                // what precedes it is stored: the caller decodes this one
                i = amp;
                o = written;
                return false;
            }
            Unsafe.Add(ref dst, written++) = c;
            at = amp + length;
            consumedAny = true;
        }
        i = at;
        o = written;
        return true;
    }

    /// <summary>
    /// Whether one of the references escaped HTML is made of (&amp;lt; &amp;gt; &amp;amp; &amp;quot;) starts at
    /// <paramref name="at"/>, the text ending at <paramref name="end"/>: its character and length. Four bytes are compared
    /// as one word; every other reference goes to the general decoder.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryCommonReference(ref byte src, int at, int end, out ushort character, out int length)
    {
        (character, length) = ((ushort)0, 0);
        if (!BitConverter.IsLittleEndian || at + 4 > end)
        {
            return false;
        }
        var word = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref src, at));
        if (word == LessThan)
        {
            (character, length) = ('<', 4);
        }
        else if (word == GreaterThan)
        {
            (character, length) = ('>', 4);
        }
        else if (word == AmpersandStart && at + 5 <= end && Unsafe.Add(ref src, at + 4) == (byte)';')
        {
            (character, length) = ('&', 5);
        }
        else if (word == QuoteStart && at + 6 <= end && Unsafe.Add(ref src, at + 4) == (byte)'t' && Unsafe.Add(ref src, at + 5) == (byte)';')
        {
            (character, length) = ('"', 6);
        }
        return length != 0;
    }

    /// <summary>
    /// Decodes up to five well-formed three-byte characters (CJK, most punctuation of Chinese text) from the sixteen bytes
    /// at <paramref name="i"/> at once, storing eight characters at <paramref name="o"/> of which the count returned are
    /// real: the leading run of lanes that hold a valid sequence (not overlong, not a surrogate). Zero when the first does not.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ThreeByteCharacters(ref byte src, int i, ref ushort dst, int o)
    {
        var bytes = Vector128.LoadUnsafe(ref src, (nuint)i);
        // the lead, second and third bytes of each sequence moved to 16-bit lanes (index 0xFF: none, read as zero);
        // constant indices, so that the JIT emits one shuffle instruction for each
        var lead = Vector128.Shuffle(bytes, Vector128.Create((byte)0, 0xFF, 3, 0xFF, 6, 0xFF, 9, 0xFF, 12, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF)).AsUInt16();
        var second = Vector128.Shuffle(bytes, Vector128.Create((byte)1, 0xFF, 4, 0xFF, 7, 0xFF, 10, 0xFF, 13, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF)).AsUInt16();
        var third = Vector128.Shuffle(bytes, Vector128.Create((byte)2, 0xFF, 5, 0xFF, 8, 0xFF, 11, 0xFF, 14, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF)).AsUInt16();
        var c = ((lead & Vector128.Create((ushort)0x0F)) << 12) | ((second & Vector128.Create((ushort)0x3F)) << 6) | (third & Vector128.Create((ushort)0x3F));
        var valid = Vector128.Equals(lead & Vector128.Create((ushort)0xF0), Vector128.Create((ushort)0xE0))
            & Vector128.Equals((second | (third << 8)) & Vector128.Create((ushort)0xC0C0), Vector128.Create((ushort)0x8080))
            & Vector128.GreaterThanOrEqual(c, Vector128.Create((ushort)0x800))
            & ~Vector128.Equals(c & Vector128.Create((ushort)0xF800), Vector128.Create((ushort)0xD800));
        c.StoreUnsafe(ref dst, (nuint)o);
        // lanes beyond the fifth never hold a lead byte, so the run always ends by then
        return System.Numerics.BitOperations.TrailingZeroCount(~valid.ExtractMostSignificantBits());
    }

    /// <summary>One reference in UTF-8 text, with the contract of <see cref="DecodeOne"/>.</summary>
    private static int DecodeUtf8One(ReadOnlySpan<byte> s, int i, Span<char> output, out int written, out string? why)
    {
        // every reference is ASCII and at most 34 characters long: read the rest of it as characters (the common four
        // were matched before this, except within the last bytes of the text)
        var rest = s[i..];
        Span<char> chars = stackalloc char[40];
        var length = 0;
        while (length < chars.Length && length < rest.Length && rest[length] < 0x80)
        {
            chars[length] = (char)rest[length];
            length++;
        }
        return DecodeOne(chars[..length], 0, output, out written, out why);
    }

    /// <summary>
    /// Decodes the reference at <paramref name="i"/> into <paramref name="output"/>, or, where none starts there, writes the
    /// '&amp;' as text and says why in <paramref name="why"/>; returns the characters consumed.
    /// </summary>
    private static int DecodeOne(ReadOnlySpan<char> s, int i, Span<char> output, out int written, out string? why)
    {
        var consumed = TryDecodeAt(s, i, output, out written);
        if (consumed > 0)
        {
            why = null;
            return consumed;
        }
        why = consumed < 0 ? $"undefined entity '{s.Slice(i, -consumed)}' kept as text" : "bare '&' treated as text";
        output[0] = '&';
        written = 1;
        return 1;
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
