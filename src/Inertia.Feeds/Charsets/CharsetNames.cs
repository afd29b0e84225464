using System.Text;

namespace Inertia.Feeds.Charsets;

/// <summary>Maps charset labels to .NET encodings the way browsers do (gb2312 reads as GB18030, iso-8859-1 as windows-1252).</summary>
public static class CharsetNames
{
    static CharsetNames() => System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    // WHATWG Encoding Standard: legacy labels decode with their supersets, since that is what documents labelled so contain
    private static readonly Dictionary<string, string> s_aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["utf8"] = "utf-8",
        ["unicode-1-1-utf-8"] = "utf-8",
        ["gb2312"] = "gb18030",
        ["gbk"] = "gb18030",
        ["x-gbk"] = "gb18030",
        ["cp936"] = "gb18030",
        ["gb_2312-80"] = "gb18030",
        ["chinese"] = "gb18030",
        ["csgb2312"] = "gb18030",
        ["big5-hkscs"] = "big5",
        ["x-x-big5"] = "big5",
        ["cn-big5"] = "big5",
        ["iso-8859-1"] = "windows-1252",
        ["iso8859-1"] = "windows-1252",
        ["latin1"] = "windows-1252",
        ["l1"] = "windows-1252",
        ["us-ascii"] = "windows-1252",
        ["ascii"] = "windows-1252",
        ["cp1252"] = "windows-1252",
        ["iso-8859-9"] = "windows-1254",
        ["iso-8859-11"] = "windows-874",
        ["tis-620"] = "windows-874",
        ["sjis"] = "shift_jis",
        ["x-sjis"] = "shift_jis",
        ["ms_kanji"] = "shift_jis",
        ["windows-31j"] = "shift_jis",
        ["cp932"] = "shift_jis",
        ["ks_c_5601-1987"] = "euc-kr",
        ["windows-949"] = "euc-kr",
        ["cp949"] = "euc-kr",
        ["x-euc-jp"] = "euc-jp",
        ["ucs-2"] = "utf-16",
        ["unicode"] = "utf-16",
    };

    /// <summary>The encoding for a label, or null when .NET cannot load it.</summary>
    public static System.Text.Encoding? Resolve(string? label)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return null;
        }
        var name = label.Trim().Trim('"', '\'');
        if (s_aliases.TryGetValue(name, out var alias))
        {
            name = alias;
        }
        if (name.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return System.Text.Encoding.UTF8;
        }
        try
        {
            return System.Text.Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The same encoding, but throwing on bytes it cannot decode, to test a guess.</summary>
    public static System.Text.Encoding Strict(System.Text.Encoding encoding) =>
        s_strict.GetOrAdd(encoding.CodePage, cp => System.Text.Encoding.GetEncoding(cp, EncoderFallback.ReplacementFallback, DecoderFallback.ExceptionFallback));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, System.Text.Encoding> s_strict = new();
}
