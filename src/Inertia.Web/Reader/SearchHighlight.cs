using Microsoft.AspNetCore.Html;

namespace Inertia.Web.Reader;

/// <summary>Marks the words of a search in a line of text (<c>&lt;mark&gt;</c>), as the search matched them: any case, inside words, Chinese included.</summary>
public static class SearchHighlight
{
    /// <summary>The text, encoded, with every occurrence of each of the query's words marked; overlapping matches become one mark.</summary>
    public static IHtmlContent Mark(string text, string? query)
    {
        var builder = new HtmlContentBuilder();
        var ranges = Matches(text, query);
        var at = 0;
        foreach (var (start, end) in ranges)
        {
            builder.Append(text[at..start]);
            builder.AppendHtml("<mark>");
            builder.Append(text[start..end]);
            builder.AppendHtml("</mark>");
            at = end;
        }
        builder.Append(text[at..]);
        return builder;
    }

    /// <summary>Where the words occur, as sorted, merged [start, end) ranges.</summary>
    public static IReadOnlyList<(int Start, int End)> Matches(string text, string? query)
    {
        var words = (query ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.OrdinalIgnoreCase).Take(8).ToList();
        var found = new List<(int Start, int End)>();
        if (words.Count == 0)
        {
            // every list line comes through here: no query, no work (and no conversion)
            return found;
        }
        Find(text, words, found);
        // search matched across scripts (資訊 for 资讯, 軟體 for 软件): the words' forms are looked for in the text, and in its
        // Simplified forms where it has characters that fold and folding kept every character in place, so a match marks
        // the text as shown
        if (Inertia.Reader.Chinese.SearchForms.Converter is { } converter && Inertia.Reader.Chinese.ChineseText.HasHan(text))
        {
            var forms = FormsOf(words, converter);
            Find(text, forms, found);
            if (converter.MayFold(text))
            {
                var (characters, phrases) = converter.SearchForms(text);
                foreach (var folded in new[] { characters, phrases }.Distinct())
                {
                    if (folded.Length == text.Length && folded != text)
                    {
                        Find(folded, forms, found);
                    }
                }
            }
        }
        found.Sort();
        var merged = new List<(int Start, int End)>();
        foreach (var range in found)
        {
            if (merged.Count > 0 && range.Start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, range.End));
            }
            else
            {
                merged.Add(range);
            }
        }
        return merged;
    }

    // a list page marks fifty lines with the same query: its words' forms are made once, not per line
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<string>> s_forms = new(StringComparer.Ordinal);

    private static IReadOnlyList<string> FormsOf(List<string> words, Inertia.Reader.Chinese.OpenCc converter)
    {
        var key = string.Join('\n', words);
        if (s_forms.TryGetValue(key, out var known))
        {
            return known;
        }
        if (s_forms.Count > 1000)
        {
            s_forms.Clear();
        }
        return s_forms[key] = [.. words.SelectMany(w => Inertia.Reader.Chinese.SearchForms.OfWord(w, converter)).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private static void Find(string text, IEnumerable<string> words, List<(int Start, int End)> found)
    {
        foreach (var word in words)
        {
            for (var i = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); i >= 0; i = text.IndexOf(word, i + word.Length, StringComparison.OrdinalIgnoreCase))
            {
                found.Add((i, i + word.Length));
            }
        }
    }
}
