namespace Inertia.Feeds.Dates;

/// <summary>
/// RFC 822/1123/2822 dates and the forms feeds bend them into: any word order ("Jun 13, 2026 10:00 AM"), full or odd month names
/// ("Sept"), wrong weekdays (ignored), missing seconds, two-digit years, named and military zones, trailing comments.
/// </summary>
internal static class Rfc822
{
    private static readonly string[] s_monthNames =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    private static readonly string[] s_weekdays =
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "thurs", "tues", "weds"];

    public static DateTimeOffset? TryParse(ReadOnlySpan<char> s)
    {
        int month = 0, day = -1, year = -1, hour = 0, minute = 0, second = 0;
        TimeSpan? offset = null;
        bool? pm = null;
        var sawTime = false;
        Span<int> numbers = stackalloc int[4];
        Span<int> numberLengths = stackalloc int[4];
        var numberCount = 0;
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c is ' ' or ',' or '\t' or '\r' or '\n')
            {
                i++;
                continue;
            }
            if (c == '(')
            {
                // "(CST)" style comments carry nothing we trust more than the numeric offset
                var close = s[i..].IndexOf(')');
                i = close < 0 ? s.Length : i + close + 1;
                continue;
            }
            var start = i;
            while (i < s.Length && s[i] is not (' ' or ',' or '\t' or '\r' or '\n' or '('))
            {
                i++;
            }
            var token = s[start..i];
            if (!Token(token, ref month, ref year, ref hour, ref minute, ref second, ref offset, ref pm, ref sawTime, numbers, numberLengths, ref numberCount))
            {
                return null;
            }
        }
        if (month == 0)
        {
            return null;
        }
        // the numbers that are not a 4-digit year: day first, then a 2-digit year
        for (var k = 0; k < numberCount; k++)
        {
            var n = numbers[k];
            if (numberLengths[k] >= 3 && year < 0)
            {
                year = numberLengths[k] == 3 ? 1900 + n : n;
            }
            else if (day < 0 && n is >= 1 and <= 31)
            {
                day = n;
            }
            else if (year < 0)
            {
                year = n < 50 ? 2000 + n : 1900 + n;
            }
            else
            {
                return null;
            }
        }
        if (day < 0 || year < 0)
        {
            return null;
        }
        if (pm is bool isPm)
        {
            if (hour is < 1 or > 12)
            {
                return null;
            }
            hour = hour % 12 + (isPm ? 12 : 0);
        }
        return FeedDate.Build(year, month, day, hour, minute, second, 0, offset ?? TimeSpan.Zero);
    }

    private static bool Token(
        ReadOnlySpan<char> t, ref int month, ref int year, ref int hour, ref int minute, ref int second, ref TimeSpan? offset,
        ref bool? pm, ref bool sawTime, Span<int> numbers, Span<int> numberLengths, ref int numberCount)
    {
        if (t[0] is '+' or '-' && t.Length > 1 && char.IsAsciiDigit(t[1]))
        {
            offset = TimeZones.ParseOffset(t);
            return offset is not null;
        }
        if (char.IsAsciiDigit(t[0]))
        {
            var colon = t.IndexOf(':');
            if (colon > 0)
            {
                return !sawTime && Time(t, ref hour, ref minute, ref second, ref offset, ref pm, ref sawTime);
            }
            // "13-Jun-2026", "13/Jun/2026"
            var dash = t.IndexOfAny('-', '/');
            if (dash == 4 && month == 0 && YearMonthDay(t, ref year, ref month, numbers, numberLengths, ref numberCount))
            {
                return true;
            }
            if (dash > 0)
            {
                var rest = t;
                while (!rest.IsEmpty)
                {
                    var d = rest.IndexOfAny('-', '/');
                    var part = d < 0 ? rest : rest[..d];
                    if (part.IsEmpty || !Token(part, ref month, ref year, ref hour, ref minute, ref second, ref offset, ref pm, ref sawTime, numbers, numberLengths, ref numberCount))
                    {
                        return false;
                    }
                    rest = d < 0 ? [] : rest[(d + 1)..];
                }
                return true;
            }
            var len = 0;
            while (len < t.Length && char.IsAsciiDigit(t[len]))
            {
                len++;
            }
            var suffix = t[len..];
            // ordinals: 1st 2nd 3rd 13th, and the Chinese/Japanese day marker
            if (!suffix.IsEmpty && !(suffix is "st" or "nd" or "rd" or "th" or "." or "日"))
            {
                return false;
            }
            if (len > 4 || numberCount >= numbers.Length)
            {
                return false;
            }
            numbers[numberCount] = FeedDate.Int(t[..len]);
            numberLengths[numberCount] = len;
            numberCount++;
            return true;
        }
        Span<char> lower = stackalloc char[Math.Min(t.Length, 16)];
        if (t.Length > 16)
        {
            return false;
        }
        t.ToLowerInvariant(lower);
        var word = lower.TrimEnd('.');
        if (word is "am" or "a.m" or "pm" or "p.m")
        {
            pm = word[0] == 'p';
            return true;
        }
        var m = Month(word);
        if (m > 0)
        {
            if (month != 0)
            {
                return false;
            }
            month = m;
            return true;
        }
        // "at" joins a date to its time ("Jun 13 at 10:00"); after the time it is the Atlantic zone
        if (IsWeekday(word) || (word is "at" && !sawTime) || word is "the" or "of")
        {
            return true;
        }
        var zone = TimeZones.ParseOffset(t);
        if (zone is not null)
        {
            offset ??= zone;
            return true;
        }
        return false;
    }

    /// <summary>"2006/09/15" and "2006-09-15" standing among words ("Fri, 2006/09/15 08:19:53 EDT"): year, month, then day.</summary>
    private static bool YearMonthDay(ReadOnlySpan<char> t, ref int year, ref int month, Span<int> numbers, Span<int> numberLengths, ref int numberCount)
    {
        var sep = t[4];
        var second = t[5..].IndexOf(sep);
        if (second < 1 || numberCount >= numbers.Length)
        {
            return false;
        }
        var y = t[..4];
        var m = t.Slice(5, second);
        var d = t[(6 + second)..];
        if (m.Length > 2 || d.Length is < 1 or > 2 || m.ContainsAnyExceptInRange('0', '9') || d.ContainsAnyExceptInRange('0', '9') || y.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }
        year = FeedDate.Int(y);
        month = FeedDate.Int(m);
        if (month is < 1 or > 12)
        {
            return false;
        }
        numbers[numberCount] = FeedDate.Int(d);
        numberLengths[numberCount] = d.Length;
        numberCount++;
        return true;
    }

    private static bool Time(ReadOnlySpan<char> t, ref int hour, ref int minute, ref int second, ref TimeSpan? offset, ref bool? pm, ref bool sawTime)
    {
        var i = 0;
        hour = ReadNumber(t, ref i);
        if (i >= t.Length || t[i] != ':')
        {
            return false;
        }
        i++;
        minute = ReadNumber(t, ref i);
        if (i < t.Length && t[i] == ':')
        {
            i++;
            second = ReadNumber(t, ref i);
            // fractional seconds carry nothing a reader needs
            if (i < t.Length && t[i] == '.')
            {
                i++;
                ReadNumber(t, ref i);
            }
        }
        if (hour < 0 || minute < 0 || second < 0)
        {
            return false;
        }
        sawTime = true;
        var rest = t[i..];
        if (rest.IsEmpty)
        {
            return true;
        }
        if (rest.Equals("am", StringComparison.OrdinalIgnoreCase) || rest.Equals("pm", StringComparison.OrdinalIgnoreCase))
        {
            pm = char.ToLowerInvariant(rest[0]) == 'p';
            return true;
        }
        offset = TimeZones.ParseOffset(rest);
        return offset is not null;
    }

    private static int ReadNumber(ReadOnlySpan<char> t, ref int i)
    {
        var start = i;
        while (i < t.Length && char.IsAsciiDigit(t[i]) && i - start < 4)
        {
            i++;
        }
        return i == start ? -1 : FeedDate.Int(t[start..i]);
    }

    // Greek abbreviations, with and without their accents, as Greek feeds write them
    private static readonly string[] s_greekMonths =
    [
        "ιαν", "φεβ", "μάρ|μαρ|μάώ|μαώ", "απρ", "μάι|μαϊ|μαι|μάϊ", "ιούν|ιουν|ιον", "ιούλ|ιουλ|ιολ", "αύγ|αυγ", "σεπ", "οκτ", "νοέ|νοε", "δεκ",
    ];

    private static readonly string[] s_greekWeekdays = ["κυρ", "δευ", "τρί", "τρι", "τετ", "πέμ", "πεμ", "παρ", "σάβ", "σαβ"];

    private static int GreekMonth(ReadOnlySpan<char> word)
    {
        for (var k = 0; k < s_greekMonths.Length; k++)
        {
            foreach (var range in s_greekMonths[k].AsSpan().Split('|'))
            {
                if (word.SequenceEqual(s_greekMonths[k].AsSpan()[range]))
                {
                    return k + 1;
                }
            }
        }
        return 0;
    }

    private static int Month(ReadOnlySpan<char> word)
    {
        if (word.Length < 3)
        {
            return 0;
        }
        if (word[0] > 0x370)
        {
            return GreekMonth(word);
        }
        var k = word[..3] switch
        {
            "jan" => 0,
            "feb" => 1,
            "mar" => 2,
            "apr" => 3,
            "may" => 4,
            "jun" => 5,
            "jul" => 6,
            "aug" => 7,
            "sep" => 8,
            "oct" => 9,
            "nov" => 10,
            "dec" => 11,
            _ => -1,
        };
        if (k < 0)
        {
            return 0;
        }
        return word.Length == 3 || word.SequenceEqual(s_monthNames[k]) || (k == 8 && word.SequenceEqual("sept")) ? k + 1 : 0;
    }

    private static bool IsWeekday(ReadOnlySpan<char> word)
    {
        if (word.Length < 3)
        {
            return false;
        }
        if (word[0] > 0x370)
        {
            foreach (var d in s_greekWeekdays)
            {
                if (word.SequenceEqual(d))
                {
                    return true;
                }
            }
            return false;
        }
        foreach (var d in s_weekdays)
        {
            if (word.SequenceEqual(d) || (word.Length == 3 && d.AsSpan().StartsWith(word)))
            {
                return true;
            }
        }
        return false;
    }
}
