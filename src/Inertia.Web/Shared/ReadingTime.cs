namespace Inertia.Web.Shared;

/// <summary>How long a text takes to read: Chinese, Japanese and Korean characters at about 300 a minute, other words at about 200.</summary>
public static class ReadingTime
{
    public static int Minutes(string? plainText) => Count(plainText, html: false);

    /// <summary>
    /// The same for sanitized HTML, counting only what stands between tags: an API page of 100 entries cannot afford
    /// turning each into plain text first, and tag names and URLs are not words.
    /// </summary>
    public static int MinutesOfHtml(string? html) => Count(html, html: true);

    private static int Count(string? text, bool html)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }
        int cjk = 0, words = 0;
        var inWord = false;
        var span = text.AsSpan();
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (html && c == '<')
            {
                // a tag separates words; what is inside it is not read (skipped in one vectorized search)
                var end = span[i..].IndexOf('>');
                if (end < 0)
                {
                    break;
                }
                i += end;
                inWord = false;
            }
            else if (!char.IsAscii(c) && IsCjk(c))
            {
                // each character read on its own (tested once: most of a Chinese text is these)
                cjk++;
                inWord = false;
            }
            else if (char.IsAscii(c) ? char.IsAsciiLetterOrDigit(c) : char.IsLetterOrDigit(c))
            {
                if (!inWord)
                {
                    words++;
                    inWord = true;
                }
            }
            else
            {
                inWord = false;
            }
        }
        var minutes = cjk / 300.0 + words / 200.0;
        return Math.Max(1, (int)Math.Round(minutes));
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool IsCjk(char c) =>
        c is >= '\u3040' and <= '\u30FF' or >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF' or >= '\uAC00' and <= '\uD7AF' or >= '\uF900' and <= '\uFAFF';
}
