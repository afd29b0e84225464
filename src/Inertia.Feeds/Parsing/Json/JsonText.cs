using System.Text;
using System.Text.Json;

namespace Inertia.Feeds.Parsing.Json;

/// <summary>
/// A JSON string's value that is always valid UTF-16: System.Text.Json throws on an escaped lone surrogate ("\ud800"),
/// which would lose the whole feed; here such an escape becomes U+FFFD and the rest of the string is kept.
/// </summary>
internal static class JsonText
{
    public static string? Of(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return Unescape(value.GetRawText());
        }
    }

    // the raw text with its quotes: escapes decoded by hand, a surrogate escape without its other half read as U+FFFD
    private static string Unescape(string raw)
    {
        var s = raw.AsSpan(1, raw.Length - 2);
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] != '\\' || i + 1 >= s.Length)
            {
                sb.Append(s[i]);
                continue;
            }
            var e = s[++i];
            if (e != 'u')
            {
                sb.Append(e switch { 'b' => '\b', 'f' => '\f', 'n' => '\n', 'r' => '\r', 't' => '\t', _ => e });
                continue;
            }
            if (i + 4 >= s.Length || !ushort.TryParse(s.Slice(i + 1, 4), System.Globalization.NumberStyles.HexNumber, null, out var unit))
            {
                sb.Append('\uFFFD');
                continue;
            }
            i += 4;
            var c = (char)unit;
            if (char.IsHighSurrogate(c) && i + 6 < s.Length && s[i + 1] == '\\' && s[i + 2] == 'u'
                && ushort.TryParse(s.Slice(i + 3, 4), System.Globalization.NumberStyles.HexNumber, null, out var low) && char.IsLowSurrogate((char)low))
            {
                sb.Append(c).Append((char)low);
                i += 6;
            }
            else
            {
                sb.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return sb.ToString();
    }
}
