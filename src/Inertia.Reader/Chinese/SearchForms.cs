namespace Inertia.Reader.Chinese;

/// <summary>
/// Search across scripts: stored search text carries, after the text itself, its Simplified forms where they differ, and a
/// query word matches when any of its forms occurs (a query in either script finds entries in both: 资讯 finds 資訊,
/// 軟體 finds 软件). Uses OpenCC where it is installed (<see cref="Use"/>, else loaded on first need); without it each
/// text and word keeps only its own form, and search matches within one script, as before.
/// </summary>
public static class SearchForms
{
    private static readonly Lock Gate = new();
    private static OpenCc? _converter;
    private static bool _chosen;

    /// <summary>Makes search use this converter (the host's, where its configuration loaded one).</summary>
    public static void Use(OpenCc converter)
    {
        lock (Gate)
        {
            _converter = converter;
            _chosen = true;
        }
    }

    /// <summary>The converter search uses: the one given to <see cref="Use"/>, else OpenCC from its usual place, else none.</summary>
    public static OpenCc? Converter
    {
        get
        {
            lock (Gate)
            {
                if (!_chosen)
                {
                    _converter = OpenCc.Shared(null, null, out _);
                    _chosen = true;
                }
                return _converter;
            }
        }
    }

    /// <summary>
    /// The text with its other forms appended (a line between each), for storing; unchanged without Han, without a
    /// converter, or without a character folding changes (Simplified text: the usual case, a scan instead of two conversions).
    /// </summary>
    public static string Of(string text, OpenCc? converter)
    {
        if (converter is null || !ChineseText.HasHan(text) || !converter.MayFold(text))
        {
            return text;
        }
        var (characters, phrases) = converter.SearchForms(text);
        var forms = new List<string>(3) { text };
        foreach (var form in (ReadOnlySpan<string>)[characters, phrases])
        {
            if (!forms.Contains(form, StringComparer.Ordinal))
            {
                forms.Add(form);
            }
        }
        return string.Join('\n', forms);
    }

    /// <summary>The forms of one query word, itself first; only itself without Han or a converter.</summary>
    public static IReadOnlyList<string> OfWord(string word, OpenCc? converter)
    {
        // a word is a few characters: all its forms, even of one written only in shared characters (部落格 → 博客)
        if (converter is null || !ChineseText.HasHan(word))
        {
            return [word];
        }
        var (characters, phrases) = converter.SearchForms(word);
        return [.. new[] { word, characters, phrases }.Distinct(StringComparer.Ordinal)];
    }
}
