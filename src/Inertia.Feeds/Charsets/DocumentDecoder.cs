using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Inertia.Feeds.Text;

namespace Inertia.Feeds.Charsets;

/// <summary>
/// Turns document bytes into text: byte-order mark first, then the HTTP charset over the XML declaration (RFC 7303),
/// then sniffing; a document whose bytes contradict its label is read in the encoding it is really in, with a warning.
/// </summary>
public static class DocumentDecoder
{
    private const int GB18030 = 54936;
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static DocumentDecoder() => System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static DecodedDocument Decode(ReadOnlySpan<byte> bytes, string? contentType, ParseDiagnostics diagnostics)
    {
        var (chosen, skip) = Choose(bytes, contentType, diagnostics);
        var (buffer, length, encoding) = DecodeCore(bytes, chosen, skip, diagnostics);
        try
        {
            return new DecodedDocument(new string(buffer, 0, length), encoding.WebName);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The document as UTF-8, which is what the feed parser reads: the bytes themselves when they are UTF-8 (nearly every
    /// feed), otherwise decoded and re-encoded into a buffer rented from <see cref="ArrayPool{T}.Shared"/>, which the
    /// caller returns once done (<c>Rented</c> is then not null). With <paramref name="checkUtf8Later"/>, bytes labelled
    /// UTF-8 are taken unchecked and <c>Unchecked</c> says so: the caller then watches the text it reads
    /// (<see cref="ParseDiagnostics.SawInvalidUtf8"/>) and asks again without the flag when it was not UTF-8 after all.
    /// </summary>
    public static (ReadOnlyMemory<byte> Utf8, byte[]? Rented, bool Unchecked) DecodeToUtf8(
        ReadOnlyMemory<byte> document, string? contentType, ParseDiagnostics diagnostics, bool checkUtf8Later)
    {
        var bytes = document.Span;
        var (encoding, skip) = Choose(bytes, contentType, diagnostics);
        // a byte-order mark, or bytes already found valid, are taken as they are: an invalid sequence becomes U+FFFD
        // where its text is read, as decoding would make it
        if (encoding.CodePage == System.Text.Encoding.UTF8.CodePage)
        {
            var strict = ReferenceEquals(encoding, s_strictUtf8);
            if (!strict || checkUtf8Later || Utf8.IsValid(bytes[skip..]))
            {
                return (document[skip..], null, strict && checkUtf8Later);
            }
        }
        if (encoding.CodePage == GB18030)
        {
            // two UTF-8 bytes at most for each ASCII byte, three for each two-byte character: never more than 1.5 times
            var utf8 = ArrayPool<byte>.Shared.Rent(bytes.Length + (bytes.Length / 2) + 4);
            var length = GbkFastDecoder.TryDecodeToUtf8(bytes, utf8);
            if (length >= 0)
            {
                return (utf8.AsMemory(0, length), utf8, false);
            }
            ArrayPool<byte>.Shared.Return(utf8);
        }
        // the table above has already failed for GB18030: straight to the full decoder
        var (buffer, charCount, _) = DecodeCore(bytes, encoding, skip, diagnostics, tryGbkTable: false);
        try
        {
            var chars = buffer.AsSpan(0, charCount);
            var rented = ArrayPool<byte>.Shared.Rent(Math.Max(1, System.Text.Encoding.UTF8.GetByteCount(chars)));
            var written = System.Text.Encoding.UTF8.GetBytes(chars, rented);
            return (rented.AsMemory(0, written), rented, false);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static (char[] Buffer, int Length, System.Text.Encoding Encoding) DecodeCore(
        ReadOnlySpan<byte> bytes, System.Text.Encoding encoding, int skip, ParseDiagnostics diagnostics, bool tryGbkTable = true)
    {
        var body = bytes[skip..];
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(1, encoding.GetMaxCharCount(body.Length)));
        int length;
        if (ReferenceEquals(encoding, s_strictUtf8))
        {
            try
            {
                return (buffer, encoding.GetChars(body, buffer), System.Text.Encoding.UTF8);
            }
            catch (DecoderFallbackException)
            {
                // a UTF-8 document with a few broken sequences (a cut character, a stray byte) is still UTF-8: reading all
                // of it in a legacy encoding would garble every other character
                var lenient = System.Text.Encoding.UTF8.GetChars(body, buffer);
                if (IsMostlyUtf8(buffer.AsSpan(0, lenient)))
                {
                    diagnostics.Warn(null, "document has bytes that are not valid UTF-8; they were replaced");
                    return (buffer, lenient, System.Text.Encoding.UTF8);
                }
                ArrayPool<char>.Shared.Return(buffer);
                var guess = EncodingSniffer.Guess(bytes);
                diagnostics.Warn(null, $"document is labelled UTF-8 but its bytes are not; read as {guess.WebName}");
                encoding = guess;
                buffer = ArrayPool<char>.Shared.Rent(Math.Max(1, guess.GetMaxCharCount(body.Length)));
            }
        }
        length = tryGbkTable && encoding.CodePage == GB18030 ? GbkFastDecoder.TryDecode(body, buffer) : -1;
        if (length < 0)
        {
            length = encoding.GetChars(body, buffer);
        }
        // legacy decoders are slow, so they run once, replacing what they cannot read; a replacement in the output means
        // the label was wrong, and only then do we sniff and decode again
        if (encoding.CodePage != System.Text.Encoding.UTF8.CodePage && skip == 0 && buffer.AsSpan(0, length).Contains('\uFFFD'))
        {
            var guess = EncodingSniffer.Guess(bytes);
            if (guess.CodePage != encoding.CodePage)
            {
                diagnostics.Warn(null, $"document is labelled {encoding.WebName} but its bytes are not; read as {guess.WebName}");
                ArrayPool<char>.Shared.Return(buffer);
                buffer = ArrayPool<char>.Shared.Rent(Math.Max(1, guess.GetMaxCharCount(bytes.Length)));
                return (buffer, guess.GetChars(bytes, buffer), guess);
            }
            diagnostics.Warn(null, $"document has bytes that are not valid {encoding.WebName}; they were replaced");
        }
        return (buffer, length, encoding);
    }

    /// <summary>
    /// Whether text decoded as UTF-8 with replacement is UTF-8 with a few errors rather than another encoding: at least
    /// 99 of every 100 characters beyond ASCII came through. Text in a legacy encoding read as UTF-8 breaks on nearly every
    /// one of them (GBK pairs, Latin-1 accents).
    /// </summary>
    private static bool IsMostlyUtf8(ReadOnlySpan<char> text)
    {
        var nonAscii = 0;
        var replaced = 0;
        foreach (var c in text)
        {
            if (c >= 0x80)
            {
                nonAscii++;
                if (c == '\uFFFD')
                {
                    replaced++;
                }
            }
        }
        return replaced * 100 <= nonAscii;
    }

    /// <summary>The encoding the bytes are really in, and how many bytes of byte-order mark to skip.</summary>
    private static (System.Text.Encoding Encoding, int Skip) Choose(ReadOnlySpan<byte> bytes, string? contentType, ParseDiagnostics diagnostics)
    {
        var bom = FromByteOrderMark(bytes, out var bomLength);
        if (bom is not null)
        {
            return (bom, bomLength);
        }
        var utf16 = FromUtf16Pattern(bytes);
        if (utf16 is not null)
        {
            return (utf16, 0);
        }
        var httpLabel = ContentTypeCharset(contentType);
        var docLabel = XmlDeclarationEncoding(bytes) ?? HtmlMetaCharset(bytes);
        var http = CharsetNames.Resolve(httpLabel);
        var declared = CharsetNames.Resolve(docLabel);
        if (httpLabel is not null && http is null)
        {
            diagnostics.Warn(null, $"unknown charset '{httpLabel}' in Content-Type ignored");
        }
        if (docLabel is not null && declared is null)
        {
            diagnostics.Warn(null, $"unknown encoding '{docLabel}' in the document ignored");
        }
        // a UTF-16/32 label on bytes with neither a byte-order mark nor the zero bytes of "<" in UTF-16 is a wrong label:
        // the bytes are ASCII-compatible, so read them as such (a common mistake: "UTF-16" declared, UTF-8 written)
        if (http is UnicodeEncoding or UTF32Encoding)
        {
            diagnostics.Warn(null, $"Content-Type says {http.WebName} but the bytes are not; label ignored");
            http = null;
        }
        if (declared is UnicodeEncoding or UTF32Encoding)
        {
            diagnostics.Warn(null, $"document says {declared.WebName} but its bytes are not; declaration ignored");
            declared = null;
        }
        if (http is not null && declared is not null && http.CodePage != declared.CodePage)
        {
            diagnostics.Warn(null, $"Content-Type says {http.WebName} but the document says {declared.WebName}; the HTTP header wins (RFC 7303) unless the bytes disagree");
        }
        var chosen = http ?? declared ?? System.Text.Encoding.UTF8;
        if (chosen.CodePage == System.Text.Encoding.UTF8.CodePage)
        {
            // validated where it is read (DecodeToUtf8, DecodeCore), not here
            return (s_strictUtf8, 0);
        }
        // bytes that are valid UTF-8 and not plain ASCII are UTF-8, whatever the label says: no legacy text is that regular
        if (!IsAscii(bytes) && Utf8.IsValid(bytes))
        {
            diagnostics.Warn(null, $"document is labelled {chosen.WebName} but its bytes are UTF-8; read as UTF-8");
            return (System.Text.Encoding.UTF8, 0);
        }
        return (chosen, 0);
    }

    private static bool IsAscii(ReadOnlySpan<byte> bytes) => System.Text.Ascii.IsValid(bytes);

    private static System.Text.Encoding? FromByteOrderMark(ReadOnlySpan<byte> b, out int length)
    {
        length = 0;
        if (b.Length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
        {
            length = 3;
            return System.Text.Encoding.UTF8;
        }
        if (b.Length >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0)
        {
            length = 4;
            return new UTF32Encoding(bigEndian: false, byteOrderMark: false);
        }
        if (b.Length >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF)
        {
            length = 4;
            return new UTF32Encoding(bigEndian: true, byteOrderMark: false);
        }
        if (b.Length >= 2 && b[0] == 0xFF && b[1] == 0xFE)
        {
            length = 2;
            return new UnicodeEncoding(bigEndian: false, byteOrderMark: false);
        }
        if (b.Length >= 2 && b[0] == 0xFE && b[1] == 0xFF)
        {
            length = 2;
            return new UnicodeEncoding(bigEndian: true, byteOrderMark: false);
        }
        return null;
    }

    // "<?" or "<" followed by a zero byte: UTF-16 without a byte-order mark (XML 1.0 Appendix F)
    private static System.Text.Encoding? FromUtf16Pattern(ReadOnlySpan<byte> b)
    {
        // "<" as four bytes: UTF-32 without a byte-order mark, big- or little-endian
        if (b.Length >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == 0x3C)
        {
            return new UTF32Encoding(bigEndian: true, byteOrderMark: false);
        }
        if (b.Length >= 4 && b[0] == 0x3C && b[1] == 0 && b[2] == 0 && b[3] == 0)
        {
            return new UTF32Encoding(bigEndian: false, byteOrderMark: false);
        }
        if (b.Length >= 4 && b[0] == 0x3C && b[1] == 0 && b[2] != 0 && b[3] == 0)
        {
            return new UnicodeEncoding(bigEndian: false, byteOrderMark: false);
        }
        if (b.Length >= 4 && b[0] == 0 && b[1] == 0x3C && b[2] == 0 && b[3] != 0)
        {
            return new UnicodeEncoding(bigEndian: true, byteOrderMark: false);
        }
        return null;
    }

    /// <summary>The charset parameter of a Content-Type header value.</summary>
    public static string? ContentTypeCharset(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return null;
        }
        foreach (var part in contentType.Split(';'))
        {
            var p = part.Trim();
            if (p.StartsWith("charset", StringComparison.OrdinalIgnoreCase))
            {
                var eq = p.IndexOf('=');
                if (eq > 0)
                {
                    var value = p[(eq + 1)..].Trim().Trim('"', '\'');
                    return value.Length == 0 ? null : value;
                }
            }
        }
        return null;
    }

    private static string? XmlDeclarationEncoding(ReadOnlySpan<byte> b)
    {
        var head = b.Length > 1024 ? b[..1024] : b;
        var start = head.IndexOf("<?xml"u8);
        if (start < 0)
        {
            return null;
        }
        var end = head[start..].IndexOf("?>"u8);
        var decl = end < 0 ? head[start..] : head.Slice(start, end);
        return QuotedValueAfter(decl, "encoding"u8);
    }

    // HTML pages given to discovery: <meta charset="x"> or <meta http-equiv content="…; charset=x"> in the first 1024 bytes
    private static string? HtmlMetaCharset(ReadOnlySpan<byte> b)
    {
        var head = b.Length > 1024 ? b[..1024] : b;
        var i = IndexOfIgnoreCase(head, "charset"u8);
        if (i < 0 || IndexOfIgnoreCase(head[..i], "<meta"u8) < 0)
        {
            return null;
        }
        var rest = head[(i + 7)..].TrimStart(" \t"u8);
        if (rest.IsEmpty || rest[0] != (byte)'=')
        {
            return null;
        }
        rest = rest[1..].TrimStart(" \t\"'"u8);
        var len = 0;
        while (len < rest.Length && (char.IsAsciiLetterOrDigit((char)rest[len]) || rest[len] is (byte)'-' or (byte)'_' or (byte)'.' or (byte)':'))
        {
            len++;
        }
        return len == 0 ? null : System.Text.Encoding.ASCII.GetString(rest[..len]);
    }

    private static string? QuotedValueAfter(ReadOnlySpan<byte> s, ReadOnlySpan<byte> name)
    {
        var i = s.IndexOf(name);
        if (i < 0)
        {
            return null;
        }
        var rest = s[(i + name.Length)..].TrimStart(" \t\r\n"u8);
        if (rest.IsEmpty || rest[0] != (byte)'=')
        {
            return null;
        }
        rest = rest[1..].TrimStart(" \t\r\n"u8);
        if (rest.IsEmpty || (rest[0] != (byte)'"' && rest[0] != (byte)'\''))
        {
            return null;
        }
        var quote = rest[0];
        var close = rest[1..].IndexOf(quote);
        return close <= 0 ? null : System.Text.Encoding.ASCII.GetString(rest.Slice(1, close));
    }

    private static int IndexOfIgnoreCase(ReadOnlySpan<byte> s, ReadOnlySpan<byte> lowerNeedle)
    {
        for (var i = 0; i + lowerNeedle.Length <= s.Length; i++)
        {
            var match = true;
            for (var j = 0; j < lowerNeedle.Length; j++)
            {
                if ((s[i + j] | 0x20) != lowerNeedle[j])
                {
                    match = false;
                    break;
                }
            }
            if (match)
            {
                return i;
            }
        }
        return -1;
    }
}
