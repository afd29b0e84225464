using System.Globalization;

namespace Inertia.Web.Api.GoogleReader;

/// <summary>
/// Google Reader item ids. Items carry the long form, <c>tag:google.com,2005:reader/item/</c> + 16 zero-padded hex digits;
/// item refs the decimal form. Apps send back any of: the long form (padded or not), the bare 16 hex digits, or decimal
/// (Google's signed decimal ids can be negative; no id of Inertia's is, so those name nothing).
/// </summary>
public static class ItemId
{
    public const string Prefix = "tag:google.com,2005:reader/item/";

    public static string Long(long id) => Prefix + id.ToString("x16", CultureInfo.InvariantCulture);

    public static string Decimal(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The entry id, or null when the text is no item id Inertia could have given (zero and negatives included).</summary>
    public static long? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        text = text.Trim();
        long value;
        if (text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            var hex = text[Prefix.Length..];
            if (hex.Length is 0 or > 16 || !ulong.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var bits))
            {
                return null;
            }
            value = unchecked((long)bits);
        }
        else if (text.Length == 16 && ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var bare))
        {
            value = unchecked((long)bare);
        }
        else if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            value = number;
        }
        else
        {
            return null;
        }
        return value > 0 ? value : null;
    }
}
