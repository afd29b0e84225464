namespace Inertia.Web.Shared;

/// <summary>What the layout writes into &lt;head&gt; for one page: its title, description, canonical URL and sharing cards.</summary>
public sealed record PageMeta
{
    public required string Title { get; init; }
    public string? Description { get; init; }
    /// <summary>The URL search engines should file the page under (an article's original).</summary>
    public string? Canonical { get; init; }
    /// <summary>This page's own absolute URL (Open Graph's og:url).</summary>
    public string? Url { get; init; }
    public string? ImageUrl { get; init; }
    /// <summary>Open Graph type: website or article.</summary>
    public string Type { get; init; } = "website";
    /// <summary>An Atom feed of the page's entries, announced with rel="alternate".</summary>
    public string? AtomUrl { get; init; }
    /// <summary>JSON-LD describing the page (schema.org); members whose value is null are left out.</summary>
    public IReadOnlyDictionary<string, object?>? JsonLd { get; init; }

    // CJK stays as written (a third of the bytes of \u escapes); <, >, & and quotes are still escaped, so no string in the
    // data can close the script element
    private static readonly System.Text.Json.JsonSerializerOptions s_json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>The JSON-LD as the text of its script element.</summary>
    public string? JsonLdText() => JsonLd is null ? null
        : System.Text.Json.JsonSerializer.Serialize(JsonLd.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value), s_json);
    /// <summary>Keeps the page out of search engines (sign-in, the reader).</summary>
    public bool NoIndex { get; init; }
}
