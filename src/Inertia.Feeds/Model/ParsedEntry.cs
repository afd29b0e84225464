namespace Inertia.Feeds.Model;

/// <summary>One entry of a feed. Summary and Content hold HTML: raw as parsed until <see cref="Html.EntryHtml"/> sanitizes them.</summary>
public sealed record ParsedEntry
{
    /// <summary>The identifier as the document gave it (guid, id, rdf:about), or null.</summary>
    public string? Id { get; init; }
    /// <summary>A stable key unique within the feed; see <see cref="Parsing.EntryKey"/>.</summary>
    public required string Key { get; init; }
    /// <summary>
    /// The key an earlier rule gave this entry, when it differs (an id shared by several items in the document, a
    /// dc:identifier beside rdf:about): storage finds a row stored under it and moves it to <see cref="Key"/>.
    /// </summary>
    public string? PreviousKey { get; init; }
    public string? Url { get; init; }
    public string? Title { get; init; }
    public string? Author { get; init; }
    public DateTimeOffset? Published { get; init; }
    public DateTimeOffset? Updated { get; init; }
    public string? Summary { get; init; }
    public string? Content { get; init; }
    public IReadOnlyList<string> Categories { get; init; } = [];
    public string? ImageUrl { get; init; }
    public IReadOnlyList<Enclosure> Enclosures { get; init; } = [];
    /// <summary>The base URL relative links inside Summary and Content resolve against.</summary>
    public string? ContentBaseUrl { get; init; }
    /// <summary>True once Summary and Content have been sanitized and absolutized.</summary>
    public bool IsSanitized { get; init; }
}
