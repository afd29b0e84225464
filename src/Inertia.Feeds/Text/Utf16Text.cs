namespace Inertia.Feeds.Text;

/// <summary>
/// Text that stays valid UTF-16: cuts that never split a surrogate pair, and lone surrogates (from "\ud800" in JSON or a
/// cut elsewhere) replaced by U+FFFD. PostgreSQL's driver refuses invalid UTF-16, so one lone half would fail a whole feed.
/// </summary>
public static class Utf16Text
{
    /// <summary>At most <paramref name="maxChars"/> characters of the text, one fewer when the cut would split a pair.</summary>
    public static string Cut(string text, int maxChars)
    {
        if (text.Length <= maxChars)
        {
            return text;
        }
        var end = maxChars > 0 && char.IsHighSurrogate(text[maxChars - 1]) ? maxChars - 1 : maxChars;
        return text[..end];
    }

    /// <summary>The text with every surrogate that is not half of a pair replaced by U+FFFD (the same string when none is).</summary>
    public static string? WithoutLoneSurrogates(string? text)
    {
        if (text is null || text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0 || IsValid(text))
        {
            return text;
        }
        return string.Create(text.Length, text, static (span, source) =>
        {
            source.AsSpan().CopyTo(span);
            for (var i = 0; i < span.Length; i++)
            {
                var c = span[i];
                if (char.IsHighSurrogate(c) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
                {
                    i++;
                }
                else if (char.IsSurrogate(c))
                {
                    span[i] = '\uFFFD';
                }
            }
        });
    }

    private static bool IsValid(string text)
    {
        var span = text.AsSpan();
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (char.IsHighSurrogate(c) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }
        return true;
    }
}
