namespace Inertia.Feeds.Dates;

/// <summary>RFC 3339, ISO 8601 (extended and basic) and W3C-DTF partial dates; also "2026/06/13 10:00".</summary>
internal static class Iso8601
{
    public static DateTimeOffset? TryParse(ReadOnlySpan<char> s)
    {
        var i = 0;
        if (!Digits(s, ref i, 4, 4, out var year))
        {
            return null;
        }
        int month = 1, day = 1;
        var sep = i < s.Length ? s[i] : '\0';
        if (sep is '-' or '/' or '.')
        {
            i++;
            if (!Digits(s, ref i, 1, 2, out month))
            {
                return null;
            }
            if (i < s.Length && s[i] == sep)
            {
                i++;
                if (!Digits(s, ref i, 1, 2, out day))
                {
                    return null;
                }
            }
        }
        else if (i + 4 <= s.Length && char.IsAsciiDigit(s[i]))
        {
            // basic format: 20260613
            if (!Digits(s, ref i, 2, 2, out month) || !Digits(s, ref i, 2, 2, out day))
            {
                return null;
            }
        }
        else if (i != s.Length)
        {
            return null;
        }
        int hour = 0, minute = 0, second = 0, ticks = 0;
        var offset = TimeSpan.Zero;
        if (i < s.Length && (s[i] is 'T' or 't' or ' '))
        {
            while (i < s.Length && (s[i] is 'T' or 't' or ' '))
            {
                i++;
            }
            if (!Digits(s, ref i, 1, 2, out hour))
            {
                return null;
            }
            var basic = i < s.Length && char.IsAsciiDigit(s[i]);
            if (i < s.Length && (s[i] == ':' || basic))
            {
                if (!basic)
                {
                    i++;
                }
                if (!Digits(s, ref i, 2, 2, out minute))
                {
                    return null;
                }
                if (i < s.Length && (s[i] == ':' || (basic && i < s.Length && char.IsAsciiDigit(s[i]))))
                {
                    if (s[i] == ':')
                    {
                        i++;
                    }
                    if (!Digits(s, ref i, 2, 2, out second))
                    {
                        return null;
                    }
                    if (i < s.Length && (s[i] == '.' || s[i] == ','))
                    {
                        i++;
                        var start = i;
                        while (i < s.Length && char.IsAsciiDigit(s[i]))
                        {
                            i++;
                        }
                        var frac = s[start..i];
                        if (frac.Length == 0)
                        {
                            return null;
                        }
                        var seven = frac.Length >= 7 ? frac[..7] : frac;
                        ticks = FeedDate.Int(seven);
                        for (var k = seven.Length; k < 7; k++)
                        {
                            ticks *= 10;
                        }
                    }
                }
            }
            while (i < s.Length && s[i] == ' ')
            {
                i++;
            }
            if (i < s.Length)
            {
                var zone = TimeZones.ParseOffset(s[i..]);
                if (zone is null)
                {
                    return null;
                }
                offset = zone.Value;
                i = s.Length;
            }
        }
        else if (i < s.Length)
        {
            var zone = TimeZones.ParseOffset(s[i..].TrimStart());
            if (zone is null)
            {
                return null;
            }
            offset = zone.Value;
            i = s.Length;
        }
        return i == s.Length ? FeedDate.Build(year, month, day, hour, minute, second, ticks, offset) : null;
    }

    private static bool Digits(ReadOnlySpan<char> s, ref int i, int min, int max, out int value)
    {
        var start = i;
        while (i < s.Length && i - start < max && char.IsAsciiDigit(s[i]))
        {
            i++;
        }
        if (i - start < min)
        {
            value = 0;
            return false;
        }
        value = FeedDate.Int(s[start..i]);
        return true;
    }
}
