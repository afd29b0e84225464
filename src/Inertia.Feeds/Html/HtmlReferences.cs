using System.Text;
using AngleSharp.Html;
using Inertia.Feeds.Text;

namespace Inertia.Feeds.Html;

/// <summary>
/// Reads HTML character references as the HTML tokenizer does, in text and in attribute values, for the forms real markup
/// uses; a form whose reading takes the parser's error handling (a number without ';', a control character) is declined.
/// </summary>
internal static class HtmlReferences
{
    private const int LongestLegacyName = 6;

    /// <summary>An attribute value decoded, line ends as LF; null to decline.</summary>
    public static string? DecodeAttribute(ReadOnlySpan<char> value)
    {
        if (value.IndexOfAny('&', '\r') < 0)
        {
            return new string(value);
        }
        var sb = new StringBuilder(value.Length);
        var i = 0;
        while (i < value.Length)
        {
            var c = value[i];
            if (c == '\r')
            {
                // the input stream turns CR LF and lone CR into LF before tokenizing
                sb.Append('\n');
                i += i + 1 < value.Length && value[i + 1] == '\n' ? 2 : 1;
                continue;
            }
            if (c != '&')
            {
                sb.Append(c);
                i++;
                continue;
            }
            var consumed = Read(value[i..], inAttribute: true, out var decoded);
            if (consumed < 0)
            {
                return null;
            }
            sb.Append(decoded ?? "&");
            i += consumed;
        }
        return sb.ToString();
    }

    /// <summary>The reference at the start of <paramref name="s"/> in text: characters consumed (decoded null: a plain '&amp;'), or -1 to decline.</summary>
    public static int InText(ReadOnlySpan<char> s, out string? decoded) => Read(s, inAttribute: false, out decoded);

    private static int Read(ReadOnlySpan<char> s, bool inAttribute, out string? decoded)
    {
        decoded = null;
        var j = 1;
        if (j < s.Length && s[j] == '#')
        {
            j++;
            var hex = j < s.Length && (s[j] | 0x20) == 'x';
            if (hex)
            {
                j++;
            }
            var start = j;
            var code = 0;
            while (j < s.Length && j - start < 7 && (hex ? char.IsAsciiHexDigit(s[j]) : char.IsAsciiDigit(s[j])))
            {
                code = code * (hex ? 16 : 10) + (char.IsAsciiDigit(s[j]) ? s[j] - '0' : (s[j] | 0x20) - 'a' + 10);
                j++;
            }
            // the parser remaps or replaces controls, surrogates and out-of-range numbers; leave those to it
            if (j == start || j >= s.Length || s[j] != ';' || code is < 0x20 and not ('\t' or '\n') or (>= 0x7F and <= 0x9F)
                or (>= 0xD800 and <= 0xDFFF) or > 0x10FFFF)
            {
                return -1;
            }
            decoded = char.ConvertFromUtf32(code);
            return j + 1;
        }
        while (j < s.Length && char.IsAsciiLetterOrDigit(s[j]))
        {
            j++;
        }
        var name = s[1..j];
        var semicolon = j < s.Length && s[j] == ';';
        if (name.IsEmpty)
        {
            // "&;" is plain text to the HTML standard, but not to every parser: not ours to guess
            return semicolon ? -1 : 1;
        }
        if (semicolon && NamedEntities.Lookup(name) is { } named)
        {
            decoded = named;
            return j + 1;
        }
        // without its ';', a legacy name (&copy, &amp, &nbsp…) still counts: the longest one the text starts with
        for (var k = Math.Min(name.Length, LongestLegacyName); k >= 2; k--)
        {
            if (HtmlEntityProvider.Resolver.GetSymbol(name[..k].ToString()) is not { } legacy)
            {
                continue;
            }
            // in an attribute, one followed by a letter, digit or '=' stays as written ("?a=1&copy=2")
            var next = k < name.Length ? name[k] : j < s.Length ? s[j] : '\0';
            if (inAttribute && (char.IsAsciiLetterOrDigit(next) || next == '='))
            {
                return 1;
            }
            decoded = legacy;
            return 1 + k;
        }
        return 1;
    }
}
