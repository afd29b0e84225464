using System.Globalization;

namespace Inertia.Feeds.Dates;

/// <summary>
/// Parses the dates feeds really write: RFC 822/1123 and their variants, RFC 3339 / ISO 8601 / W3C-DTF (partial too),
/// epoch seconds, and Chinese/Japanese forms. A date without a zone is UTC. Returns null when nothing sensible is there.
/// </summary>
public static class FeedDate
{
    public static DateTimeOffset? Parse(string? text) => text is null ? null : Parse(text.AsSpan());

    public static DateTimeOffset? Parse(ReadOnlySpan<char> text)
    {
        var s = text.Trim();
        if (s.IsEmpty)
        {
            return null;
        }
        // the exact RFC 3339 UTC form most Atom and JSON feeds write, without the general scanner
        if (s.Length == 20 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' && s[16] == ':' && s[19] == 'Z')
        {
            var fast = Build(Int(s[..4]), Int(s.Slice(5, 2)), Int(s.Slice(8, 2)), Int(s.Slice(11, 2)), Int(s.Slice(14, 2)), Int(s.Slice(17, 2)), 0, TimeSpan.Zero);
            if (fast is not null)
            {
                return fast;
            }
        }
        // the exact RFC 1123 form most RSS feeds write ("Wed, 04 Mar 2026 05:06:00 GMT", or with "+0800"), likewise
        if (s.Length is 29 or 31 && s[3] == ',' && s[4] == ' ' && s[7] == ' ' && s[11] == ' ' && s[16] == ' ' && s[19] == ':' && s[22] == ':' && s[25] == ' ')
        {
            var zone = s[26..];
            TimeSpan? offset = zone is "GMT" or "UTC" ? TimeSpan.Zero : zone.Length == 5 && zone[0] is '+' or '-' ? TimeZones.ParseOffset(zone) : null;
            var month = EnglishMonth(s.Slice(8, 3));
            if (offset is TimeSpan o && month > 0)
            {
                var fast = Build(Int(s.Slice(12, 4)), month, Int(s.Slice(5, 2)), Int(s.Slice(17, 2)), Int(s.Slice(20, 2)), Int(s.Slice(23, 2)), 0, o);
                if (fast is not null)
                {
                    return fast;
                }
            }
        }
        if (s.Length > 100)
        {
            return null;
        }
        if (IsAllDigits(s))
        {
            return Epoch(s);
        }
        return Iso8601.TryParse(s) ?? Rfc822.TryParse(s) ?? Cjk.TryParse(s);
    }

    private static bool IsAllDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    // 9–10 digits are seconds, 12–13 milliseconds since 1970; other lengths (a bare year, "20260613") are not epochs
    private static DateTimeOffset? Epoch(ReadOnlySpan<char> s)
    {
        if (s.Length == 8)
        {
            return Build(Int(s[..4]), Int(s.Slice(4, 2)), Int(s.Slice(6, 2)), 0, 0, 0, 0, TimeSpan.Zero);
        }
        if (!long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }
        try
        {
            return s.Length switch
            {
                9 or 10 => DateTimeOffset.FromUnixTimeSeconds(n),
                12 or 13 => DateTimeOffset.FromUnixTimeMilliseconds(n),
                4 => Build((int)n, 1, 1, 0, 0, 0, 0, TimeSpan.Zero),
                _ => null,
            };
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>The value of a run of ASCII digits, or -1.</summary>
    internal static int Int(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty || s.Length > 9)
        {
            return int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1;
        }
        var value = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return -1;
            }
            value = (value * 10) + (c - '0');
        }
        return value;
    }

    private static int EnglishMonth(ReadOnlySpan<char> name) => name switch
    {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => 0,
    };

    /// <summary>Builds a date from parts, or null when a part is out of range.</summary>
    internal static DateTimeOffset? Build(int year, int month, int day, int hour, int minute, int second, int ticks, TimeSpan offset)
    {
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour is < 0 or > 24 || minute is < 0 or > 59 || second is < 0 or > 60 || offset.Duration() > TimeSpan.FromHours(14))
        {
            return null;
        }
        var extraDay = false;
        if (hour == 24)
        {
            if (minute != 0 || second != 0)
            {
                return null;
            }
            hour = 0;
            extraDay = true;
        }
        var leap = second == 60;
        if (leap)
        {
            second = 59;
        }
        try
        {
            var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(ticks);
            if (extraDay)
            {
                local = local.AddDays(1);
            }
            if (leap)
            {
                local = local.AddSeconds(1);
            }
            return new DateTimeOffset(local, offset).ToUniversalTime();
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
