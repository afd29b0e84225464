using System.Globalization;
using System.Text.Json;
using Inertia.Reader.Storage;
using Inertia.Web.Shared;

namespace Inertia.Web.Api.GoogleReader;

/// <summary>
/// An entry as Google Reader sent items, with the JSON types the apps parse: ids, <c>crawlTimeMsec</c> and
/// <c>timestampUsec</c> as strings, <c>published</c>/<c>updated</c> as numbers, and every field present on every item
/// (an app that finds one missing may drop the whole batch).
/// </summary>
public static class ItemJson
{
    public sealed record Link(string Href, string Type = "text/html");
    public sealed record Origin(string StreamId, string Title, string HtmlUrl);
    public sealed record Html([property: System.Text.Json.Serialization.JsonPropertyName("content")] string Text, string Direction = "ltr");
    public sealed record EnclosureLink(string Href, string? Type, string? Length);
    public sealed record Item(string Id, string CrawlTimeMsec, string TimestampUsec, long Published, long Updated, string Title,
        IReadOnlyList<Link> Canonical, IReadOnlyList<Link> Alternate, IReadOnlyList<string> Categories, Origin Origin,
        Html Summary, string Author, IReadOnlyList<EnclosureLink> Enclosure);

    private sealed record StoredEnclosure(string Url, string? MimeType, long? Length);

    private static readonly JsonSerializerOptions s_stored = new() { PropertyNameCaseInsensitive = true };

    public static Item For(ApiItem e)
    {
        var categories = new List<string> { StreamId.ReadingListId };
        if (e.Category is { } label)
        {
            categories.Add(StreamId.ForLabel(label));
        }
        categories.AddRange(e.Labels.Where(l => l != e.Category).Select(StreamId.ForLabel));
        if (e.IsRead)
        {
            categories.Add(StreamId.ReadId);
        }
        if (e.IsStarred)
        {
            categories.Add(StreamId.StarredId);
        }
        // always one link: Fluent Reader reads canonical[0].href unchecked, and one entry without it fails its whole batch
        Link[] links = [new Link(SafeUrl.Http(e.Url) ?? SafeUrl.Http(e.FeedSiteUrl) ?? "")];
        return new Item(
            ItemId.Long(e.Id),
            (e.CreatedAt * 1000).ToString(CultureInfo.InvariantCulture),
            (e.SortAt * 1_000_000).ToString(CultureInfo.InvariantCulture),
            e.PublishedAt ?? e.SortAt,
            e.UpdatedAt ?? e.PublishedAt ?? e.SortAt,
            e.Title ?? "",
            links,
            links,
            categories,
            new Origin(StreamId.ForFeed(e.FeedId), FeedName(e), SafeUrl.Http(e.FeedSiteUrl) ?? SafeUrl.Http(e.FeedUrl) ?? ""),
            new Html(e.Content ?? e.Summary ?? ""),
            e.Author ?? "",
            Enclosures(e.Enclosures));
    }

    public static string FeedName(ApiItem e) => !string.IsNullOrWhiteSpace(e.FeedTitle) ? e.FeedTitle
        : Uri.TryCreate(e.FeedSiteUrl ?? e.FeedUrl, UriKind.Absolute, out var u) ? u.Host : e.FeedUrl;

    /// <summary>The stored enclosures (JSON) with http(s) URLs only.</summary>
    public static IReadOnlyList<EnclosureLink> Enclosures(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }
        try
        {
            return [.. (JsonSerializer.Deserialize<List<StoredEnclosure>>(json, s_stored) ?? [])
                .Where(x => SafeUrl.Http(x.Url) is not null)
                .Select(x => new EnclosureLink(x.Url, x.MimeType, x.Length?.ToString(CultureInfo.InvariantCulture)))];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
