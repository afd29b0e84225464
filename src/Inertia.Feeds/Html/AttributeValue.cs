using System.Text;
using AngleSharp.Html;
using Inertia.Feeds.Text;

namespace Inertia.Feeds.Html;

/// <summary>Decodes an HTML attribute value as the HTML tokenizer does, for the references real markup uses; null where that needs the parser.</summary>
internal static class AttributeValue
{
    public static string? Decode(ReadOnlySpan<char> value)
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
            var consumed = Reference(value, i, sb);
            if (consumed < 0)
            {
                return null;
            }
            i += consumed;
        }
        return sb.ToString();
    }

    /// <summary>Appends what the reference at <paramref name="i"/> stands for; returns characters consumed, -1 to decline.</summary>
    private static int Reference(ReadOnlySpan<char> s, int i, StringBuilder sb)
    {
        var j = i + 1;
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
            sb.Append(char.ConvertFromUtf32(code));
            return j + 1 - i;
        }
        while (j < s.Length && char.IsAsciiLetterOrDigit(s[j]))
        {
            j++;
        }
        var name = s[(i + 1)..j];
        if (name.Length == 0)
        {
            if (j < s.Length && s[j] == ';')
            {
                // "&;" is plain text to the HTML standard, but not to every parser: not ours to guess
                return -1;
            }
            sb.Append('&');
            return 1;
        }
        if (j < s.Length && s[j] == ';')
        {
            var decoded = NamedEntities.Lookup(name);
            if (decoded is not null)
            {
                sb.Append(decoded);
                return j + 1 - i;
            }
        }
        else if (j >= s.Length || s[j] != '=')
        {
            // "&copy" without its semicolon still means ©, unless letters or '=' follow ("&copyright=1" stays as written)
            var legacy = HtmlEntityProvider.Resolver.GetSymbol(name.ToString());
            if (legacy is not null)
            {
                sb.Append(legacy);
                return j - i;
            }
        }
        sb.Append('&');
        return 1;
    }
}
