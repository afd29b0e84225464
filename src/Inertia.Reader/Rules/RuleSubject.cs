namespace Inertia.Reader.Rules;

/// <summary>An entry as rules see it: its texts, the content's without markup.</summary>
public sealed record RuleSubject(string? Title, string? Content, string? Author, string? Url, IReadOnlyList<string> Categories)
{
    /// <summary>The longest text a rule reads of the content: a rule decides on what an article is about, not its 500th KB.</summary>
    public const int MaxContent = 64 * 1024;

    /// <summary>The subject of an entry as stored: its HTML content (else summary) and its categories as their JSON list.</summary>
    public static RuleSubject FromStored(string? title, string? content, string? summary, string? author, string? url, string? categoriesJson)
    {
        var text = Feeds.Text.PlainText.FromHtml(content ?? summary);
        return new(title, text is { Length: > MaxContent } ? text[..MaxContent] : text, author, url, CategoriesOf(categoriesJson));
    }

    /// <summary>The texts the field names (all of them for <see cref="RuleField.Any"/>).</summary>
    public IEnumerable<string> Texts(RuleField field)
    {
        if (field is RuleField.Title or RuleField.Any && Title is { } title)
        {
            yield return title;
        }
        if (field is RuleField.Content or RuleField.Any && Content is { } content)
        {
            yield return content;
        }
        if (field is RuleField.Author or RuleField.Any && Author is { } author)
        {
            yield return author;
        }
        if (field is RuleField.Url or RuleField.Any && Url is { } url)
        {
            yield return url;
        }
        if (field is RuleField.Category or RuleField.Any)
        {
            foreach (var category in Categories)
            {
                yield return category;
            }
        }
    }

    private static IReadOnlyList<string> CategoriesOf(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<List<string?>>(json)?.OfType<string>().ToList() ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            // a list this code did not write: no categories rather than no rules
            return [];
        }
    }
}
