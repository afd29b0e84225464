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
        var words = (query ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.OrdinalIgnoreCase).Take(8);
        var found = new List<(int Start, int End)>();
        foreach (var word in words)
        {
            for (var i = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); i >= 0; i = text.IndexOf(word, i + word.Length, StringComparison.OrdinalIgnoreCase))
            {
                found.Add((i, i + word.Length));
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
}
