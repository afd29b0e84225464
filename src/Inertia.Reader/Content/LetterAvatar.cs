using System.Globalization;
using System.Text;

namespace Inertia.Reader.Content;

/// <summary>The stand-in for a feed without an icon, as the public site shows it: the first letter of its name on a colour derived from the name.</summary>
public sealed record LetterAvatar(string Letter, string Color)
{
    public static LetterAvatar For(string? name)
    {
        var text = string.IsNullOrWhiteSpace(name) ? "?" : name.Trim();
        var letter = "?";
        // the first letter or digit, as one text element so that a CJK character or an accented letter stays whole
        var e = StringInfo.GetTextElementEnumerator(text);
        while (e.MoveNext())
        {
            var element = e.GetTextElement();
            if (Rune.TryGetRuneAt(element, 0, out var rune) && Rune.IsLetterOrDigit(rune))
            {
                letter = element.ToUpperInvariant();
                break;
            }
        }
        // FNV-1a over the name: the same feed keeps its colour everywhere and on every start
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return new LetterAvatar(letter, HslToHex(hash % 360, 0.55, 0.42)) { Hue = (int)(hash % 360) };
    }

    /// <summary>The colour's hue (0–359), for pages that draw the avatar with a stylesheet's palette instead of an image.</summary>
    public int Hue { get; init; }

    /// <summary>The avatar as a 64×64 SVG: a rounded square of the colour with the letter in white.</summary>
    public string ToSvg() =>
        $"""<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="{Color}"/>""" +
        $"""<text x="32" y="32" dy=".35em" text-anchor="middle" font-family="sans-serif" font-size="34" fill="#fff">{System.Security.SecurityElement.Escape(Letter)}</text></svg>""";

    private static string HslToHex(double hue, double saturation, double lightness)
    {
        var c = (1 - Math.Abs(2 * lightness - 1)) * saturation;
        var x = c * (1 - Math.Abs(hue / 60 % 2 - 1));
        var m = lightness - c / 2;
        var (r, g, b) = (int)(hue / 60) switch
        {
            0 => (c, x, 0.0),
            1 => (x, c, 0.0),
            2 => (0.0, c, x),
            3 => (0.0, x, c),
            4 => (x, 0.0, c),
            _ => (c, 0.0, x),
        };
        static int Byte(double v) => (int)Math.Round(v * 255);
        return $"#{Byte(r + m):x2}{Byte(g + m):x2}{Byte(b + m):x2}";
    }
}
