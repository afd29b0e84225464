namespace Inertia.Feeds.Dates;

/// <summary>Zone designators feeds use: numeric offsets, RFC 822 names, common abbreviations and military letters.</summary>
internal static class TimeZones
{
    private static readonly Dictionary<string, TimeSpan> s_named = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = TimeSpan.Zero,
        ["UTC"] = TimeSpan.Zero,
        ["GMT"] = TimeSpan.Zero,
        ["Z"] = TimeSpan.Zero,
        ["EST"] = TimeSpan.FromHours(-5),
        ["EDT"] = TimeSpan.FromHours(-4),
        ["CST"] = TimeSpan.FromHours(-6),
        ["CDT"] = TimeSpan.FromHours(-5),
        ["MST"] = TimeSpan.FromHours(-7),
        ["MDT"] = TimeSpan.FromHours(-6),
        ["PST"] = TimeSpan.FromHours(-8),
        ["PDT"] = TimeSpan.FromHours(-7),
        ["AKST"] = TimeSpan.FromHours(-9),
        ["AKDT"] = TimeSpan.FromHours(-8),
        ["HST"] = TimeSpan.FromHours(-10),
        ["AST"] = TimeSpan.FromHours(-4),
        // the zone names without standard or daylight, as some US feeds write them
        ["AT"] = TimeSpan.FromHours(-4),
        ["ET"] = TimeSpan.FromHours(-5),
        ["CT"] = TimeSpan.FromHours(-6),
        ["MT"] = TimeSpan.FromHours(-7),
        ["PT"] = TimeSpan.FromHours(-8),
        ["ADT"] = TimeSpan.FromHours(-3),
        ["NST"] = new TimeSpan(-3, -30, 0),
        ["NDT"] = new TimeSpan(-2, -30, 0),
        ["BST"] = TimeSpan.FromHours(1),
        ["IST"] = new TimeSpan(5, 30, 0),
        ["WET"] = TimeSpan.Zero,
        ["WEST"] = TimeSpan.FromHours(1),
        ["CET"] = TimeSpan.FromHours(1),
        ["CEST"] = TimeSpan.FromHours(2),
        ["MET"] = TimeSpan.FromHours(1),
        ["MEST"] = TimeSpan.FromHours(2),
        ["EET"] = TimeSpan.FromHours(2),
        ["EEST"] = TimeSpan.FromHours(3),
        ["MSK"] = TimeSpan.FromHours(3),
        ["HKT"] = TimeSpan.FromHours(8),
        ["SGT"] = TimeSpan.FromHours(8),
        ["AWST"] = TimeSpan.FromHours(8),
        ["JST"] = TimeSpan.FromHours(9),
        ["KST"] = TimeSpan.FromHours(9),
        ["ACST"] = new TimeSpan(9, 30, 0),
        ["AEST"] = TimeSpan.FromHours(10),
        ["AEDT"] = TimeSpan.FromHours(11),
        ["NZST"] = TimeSpan.FromHours(12),
        ["NZDT"] = TimeSpan.FromHours(13),
    };

    /// <summary>The offset a zone designator stands for, or null when it is not one.</summary>
    public static TimeSpan? ParseOffset(ReadOnlySpan<char> z)
    {
        z = z.Trim();
        if (z.IsEmpty)
        {
            return TimeSpan.Zero;
        }
        if (z[0] is '+' or '-' or '\u2212')
        {
            return Numeric(z);
        }
        // the tz database's "Etc/GMT", "Etc/UTC"; its "Etc/GMT-2" is two hours east (POSIX signs)
        if (z.StartsWith("Etc/", StringComparison.OrdinalIgnoreCase))
        {
            var rest = z[4..];
            var at = rest.IndexOfAny('+', '-');
            if (at < 0)
            {
                return Named(rest);
            }
            var (zone, hours) = (Named(rest[..at]), Numeric(rest[at..]));
            return zone is null || hours is null ? null : zone - hours;
        }
        // "GMT+8", "UTC+08:00"
        var sign = z.IndexOfAny('+', '-');
        if (sign > 0)
        {
            var name = Named(z[..sign]);
            var num = Numeric(z[sign..]);
            return name is null || num is null ? null : name + num;
        }
        return Named(z);
    }

    public static TimeSpan? Named(ReadOnlySpan<char> z)
    {
        var lookup = s_named.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(z, out var o))
        {
            return o;
        }
        // military single letters: A–I, K–M east of Greenwich, N–Y west (the corrected RFC 1123 reading)
        if (z.Length == 1 && char.IsAsciiLetter(z[0]))
        {
            var c = char.ToUpperInvariant(z[0]);
            return c switch
            {
                >= 'A' and <= 'I' => TimeSpan.FromHours(c - 'A' + 1),
                >= 'K' and <= 'M' => TimeSpan.FromHours(c - 'K' + 10),
                >= 'N' and <= 'Y' => TimeSpan.FromHours(-(c - 'N' + 1)),
                _ => null,
            };
        }
        return null;
    }

    private static TimeSpan? Numeric(ReadOnlySpan<char> z)
    {
        var negative = z[0] != '+';
        var digits = z[1..];
        int hours, minutes = 0;
        var colon = digits.IndexOf(':');
        if (colon >= 0)
        {
            hours = FeedDate.Int(digits[..colon]);
            minutes = FeedDate.Int(digits[(colon + 1)..]);
        }
        else if (digits.Length is 1 or 2)
        {
            hours = FeedDate.Int(digits);
        }
        else if (digits.Length is 3 or 4)
        {
            hours = FeedDate.Int(digits[..^2]);
            minutes = FeedDate.Int(digits[^2..]);
        }
        else
        {
            return null;
        }
        if (hours is < 0 or > 14 || minutes is < 0 or > 59)
        {
            return null;
        }
        var offset = new TimeSpan(hours, minutes, 0);
        return negative ? -offset : offset;
    }
}
