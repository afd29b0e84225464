using System.Globalization;
using Inertia.Reader.Storage;

namespace Inertia.Web.Api.Miniflux;

/// <summary>Miniflux's objects as its clients parse them (field names from Miniflux's API reference, snake_case).</summary>
public static class MinifluxJson
{
    public sealed record Category(long Id, string Title, long UserId);
    public sealed record FeedIcon(long FeedId, long IconId);
    public sealed record Feed(long Id, long UserId, string FeedUrl, string SiteUrl, string Title, string CheckedAt, int ParsingErrorCount,
        string ParsingErrorMessage, bool Disabled, Category Category, FeedIcon? Icon);
    public sealed record Enclosure(long Id, long UserId, long EntryId, string Url, string MimeType, long Size);
    public sealed record Entry(long Id, long UserId, long FeedId, string Status, string Hash, string Title, string Url, string CommentsUrl,
        string PublishedAt, string CreatedAt, string ChangedAt, string Content, string Author, string ShareCode, bool Starred, int ReadingTime,
        IReadOnlyList<Enclosure> Enclosures, Feed Feed, IReadOnlyList<string> Tags);
    public sealed record EntryPage(long Total, IReadOnlyList<Entry> Entries);

    /// <summary>Feeds with no category show in Miniflux's default one, "All" (id 0 here: Inertia has no such row).</summary>
    public static Category CategoryOf(long userId, long? id, string? title) => new(id ?? 0, title ?? "All", userId);

    public static Feed For(long userId, SubscriptionLine s) => new(s.FeedId, userId, s.Url, s.SiteUrl ?? s.Url, s.Name, Time(s.LastFetchedAt ?? 0),
        s.ErrorCount, s.LastError ?? "", s.DisabledReason is not null, CategoryOf(userId, s.CategoryId, s.Category), s.HasIcon ? new FeedIcon(s.FeedId, s.FeedId) : null);

    public static Entry For(long userId, ApiItem e, Feed feed)
    {
        var content = e.Content ?? e.Summary ?? "";
        return new Entry(e.Id, userId, e.FeedId, e.IsRead ? "read" : "unread", e.Id.ToString("x16", CultureInfo.InvariantCulture), e.Title ?? "",
            Shared.SafeUrl.Http(e.Url) ?? "", "", Time(e.PublishedAt ?? e.SortAt), Time(e.CreatedAt), Time(e.UpdatedAt ?? e.CreatedAt), content,
            e.Author ?? "", "", e.IsStarred, Shared.ReadingTime.MinutesOfHtml(content),
            [.. GoogleReader.ItemJson.Enclosures(e.Enclosures).Select((x, i) => new Enclosure(i + 1, userId, e.Id, x.Href, x.Type ?? "", long.TryParse(x.Length, out var n) ? n : 0))],
            feed, []);
    }

    public static string Time(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
