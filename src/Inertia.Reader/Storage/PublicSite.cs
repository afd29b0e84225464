using System.Data.Common;
using Dapper;

namespace Inertia.Reader.Storage;

/// <summary>A feed as the public site and the reader show it: its names, where it lives, and how fetching it goes.</summary>
public sealed record FeedCard
{
    public long Id { get; init; }
    public required string Url { get; init; }
    public string? Title { get; init; }
    public string? SiteUrl { get; init; }
    public string? Description { get; init; }
    public bool HasIcon { get; init; }
    public long? LastFetchedAt { get; init; }
    public long NextFetchAt { get; init; }
    public int ErrorCount { get; init; }
    public string? LastError { get; init; }
    public string? DisabledReason { get; init; }
    public long EntryCount { get; init; }

    /// <summary>What to call the feed: its title, else its site's host, else its URL.</summary>
    public string Name => !string.IsNullOrWhiteSpace(Title) ? Title
        : Uri.TryCreate(SiteUrl ?? Url, UriKind.Absolute, out var u) ? u.Host : Url;
}

/// <summary>An entry in a list: enough to show its line (title, feed, date, the start of its text).</summary>
public sealed record EntryLine
{
    public long Id { get; init; }
    public long FeedId { get; init; }
    public string? Title { get; init; }
    public string? Url { get; init; }
    public string? Author { get; init; }
    public long SortAt { get; init; }
    public long CreatedAt { get; init; }
    public string? Excerpt { get; init; }
    public string? ImageUrl { get; init; }
    /// <summary>The feed's title (or its catalog title), its URL and whether it has an icon: what the line shows of it.</summary>
    public string? FeedTitle { get; init; }
    public string FeedUrl { get; init; } = "";
    public string? FeedSiteUrl { get; init; }
    public bool FeedHasIcon { get; init; }

    /// <summary>What to call the feed, as <see cref="FeedCard.Name"/> does.</summary>
    public string FeedName => !string.IsNullOrWhiteSpace(FeedTitle) ? FeedTitle
        : Uri.TryCreate(FeedSiteUrl ?? FeedUrl, UriKind.Absolute, out var u) ? u.Host : FeedUrl;
}

/// <summary>An entry to read in full, with its feed.</summary>
public record Article
{
    public long Id { get; init; }
    public long FeedId { get; init; }
    public string? Title { get; init; }
    public string? Url { get; init; }
    public string? Author { get; init; }
    public long? PublishedAt { get; init; }
    public long? UpdatedAt { get; init; }
    public long SortAt { get; init; }
    public long CreatedAt { get; init; }
    public string? Summary { get; init; }
    public string? Content { get; init; }
    public string? ImageUrl { get; init; }
    public string? Categories { get; init; }
    public string? Enclosures { get; init; }
    public string? FeedTitle { get; init; }
    public required string FeedUrl { get; init; }
    public string? FeedSiteUrl { get; init; }
}

/// <summary>A group of the catalog with its feeds, in order.</summary>
public sealed record CatalogGroup(long Id, string Title, IReadOnlyList<FeedCard> Feeds);

/// <summary>A place in a list sorted newest first: the date and the id of the last entry shown (keyset pagination).</summary>
public readonly record struct Keyset(long SortAt, long Id)
{
    public static Keyset Start => new(long.MaxValue, long.MaxValue);

    public override string ToString() => $"{SortAt}-{Id}";

    public static Keyset? Parse(string? text) =>
        text?.Split('-') is [var s, var i] && long.TryParse(s, out var sortAt) && long.TryParse(i, out var id) ? new Keyset(sortAt, id) : null;
}

/// <summary>
/// What the public site reads: only feeds in the catalog (not removed) or marked public by the administrator, never a
/// feed that only users subscribed to. Every query here goes through <c>public_feeds</c> (migration 10).
/// </summary>
public static class PublicSite
{
    internal const string FeedColumns =
        """
        f.id AS Id, f.url AS Url, COALESCE(f.title, cf.title) AS Title, f.site_url AS SiteUrl, f.description AS Description,
        CASE WHEN EXISTS (SELECT 1 FROM icons i WHERE i.feed_id = f.id) THEN TRUE ELSE FALSE END AS HasIcon,
        f.last_fetched_at AS LastFetchedAt, f.next_fetch_at AS NextFetchAt, f.error_count AS ErrorCount, f.last_error AS LastError,
        f.disabled_reason AS DisabledReason
        """;

    internal const string LineColumns =
        "e.id AS Id, e.feed_id AS FeedId, e.title AS Title, e.url AS Url, e.author AS Author, e.sort_at AS SortAt, e.created_at AS CreatedAt, " +
        "e.excerpt AS Excerpt, e.image_url AS ImageUrl";

    /// <summary>The line's columns and its feed's, for a query over <c>entries e</c> that joins <see cref="LineFeedJoin"/>.</summary>
    internal const string LineWithFeedColumns = LineColumns +
        ", COALESCE(lf.title, lcf.title) AS FeedTitle, lf.url AS FeedUrl, lf.site_url AS FeedSiteUrl, " +
        "CASE WHEN EXISTS (SELECT 1 FROM icons li WHERE li.feed_id = lf.id) THEN TRUE ELSE FALSE END AS FeedHasIcon";

    internal const string LineFeedJoin = "JOIN feeds lf ON lf.id = e.feed_id LEFT JOIN catalog_feeds lcf ON lcf.feed_id = lf.id";

    /// <summary>
    /// SQL true when the feed whose id is <paramref name="feedId"/> (a column) is public — the <c>public_feeds</c> view's
    /// rule, as two index lookups: the view itself is a union the database would rebuild for every query.
    /// </summary>
    internal static string IsPublic(string feedId) =>
        $"(EXISTS (SELECT 1 FROM catalog_feeds pc WHERE pc.feed_id = {feedId} AND pc.removed_at IS NULL) OR EXISTS (SELECT 1 FROM feeds pf WHERE pf.id = {feedId} AND pf.is_public))";

    /// <summary>Above this many public feeds, the newest entries are read from the global date index (see <see cref="LatestAsync"/>).</summary>
    internal const int MergeFeedsUpTo = 200;

    /// <summary>The catalog (推荐订阅源): its groups in order, each with its feeds; removed ones and feeds public outside the catalog are left out.</summary>
    public static async Task<IReadOnlyList<CatalogGroup>> CatalogAsync(DbConnection connection)
    {
        var rows = await connection.QueryAsync<(long? GroupId, string? GroupTitle, long Id, string Url, string? Title, string? SiteUrl, string? Description,
            bool HasIcon, long? LastFetchedAt, long NextFetchAt, int ErrorCount, string? LastError, string? DisabledReason)>(
            $"""
            SELECT g.id, g.title, {FeedColumns}
            FROM catalog_feeds cf JOIN feeds f ON f.id = cf.feed_id
            LEFT JOIN catalog_groups g ON g.id = cf.group_id
            WHERE cf.removed_at IS NULL
            ORDER BY CASE WHEN g.id IS NULL THEN 1 ELSE 0 END, g.position, g.id, cf.position, f.id
            """);
        var groups = new List<CatalogGroup>();
        foreach (var group in rows.GroupBy(r => (r.GroupId, r.GroupTitle)))
        {
            groups.Add(new CatalogGroup(group.Key.GroupId ?? 0, group.Key.GroupTitle ?? "", [.. group.Select(r => new FeedCard
            {
                Id = r.Id, Url = r.Url, Title = r.Title, SiteUrl = r.SiteUrl, Description = r.Description, HasIcon = r.HasIcon,
                LastFetchedAt = r.LastFetchedAt, NextFetchAt = r.NextFetchAt, ErrorCount = r.ErrorCount, LastError = r.LastError, DisabledReason = r.DisabledReason,
            })]));
        }
        return groups;
    }

    /// <summary>The ids of the public feeds.</summary>
    public static async Task<IReadOnlyList<long>> FeedIdsAsync(DbConnection connection) =>
        [.. await connection.QueryAsync<long>("SELECT feed_id FROM public_feeds ORDER BY feed_id")];

    /// <summary>
    /// The newest entries of the public feeds, older than <paramref name="before"/>. Up to <see cref="MergeFeedsUpTo"/>
    /// public feeds: the newest of each feed by its (feed, date) index, merged — a cost that grows with the number of
    /// feeds, never with the entries stored. More: a walk down the global (date, id) index keeping public feeds' entries
    /// — with that many public feeds, nearly every recent entry is one of theirs, so the walk is short.
    /// </summary>
    public static async Task<IReadOnlyList<EntryLine>> LatestAsync(DbConnection connection, Keyset before, int limit)
    {
        // counted by index (a feed both in the catalog and marked public counts twice: a bound is all this needs)
        var count = await connection.ExecuteScalarAsync<long>(
            "SELECT (SELECT COUNT(*) FROM catalog_feeds WHERE removed_at IS NULL) + (SELECT COUNT(*) FROM feeds WHERE is_public)");
        if (count <= MergeFeedsUpTo)
        {
            return await NewestOfFeedsAsync(connection, await FeedIdsAsync(connection), before, limit);
        }
        // the row-value bound walks the (sort_at, id) index from the keyset down; the unary plus keeps the planner from
        // starting at the feeds instead (which would sort every public entry to find the newest)
        return [.. await connection.QueryAsync<EntryLine>(
            $"""
            SELECT {LineWithFeedColumns} FROM entries e {LineFeedJoin}
            WHERE (e.sort_at, e.id) < (@s, @i) AND {IsPublic("+e.feed_id")}
            ORDER BY e.sort_at DESC, e.id DESC LIMIT @limit
            """, new { s = before.SortAt, i = before.Id, limit })];
    }

    /// <summary>The newest entries of these feeds (at most a few hundred) older than <paramref name="before"/>, merged from each feed's own newest.</summary>
    public static async Task<IReadOnlyList<EntryLine>> NewestOfFeedsAsync(DbConnection connection, IReadOnlyList<long> feeds, Keyset before, int limit)
    {
        if (feeds.Count == 0)
        {
            return [];
        }
        var parameters = new DynamicParameters(new { s = before.SortAt, i = before.Id, limit });
        var parts = new List<string>(feeds.Count);
        for (var k = 0; k < feeds.Count; k++)
        {
            parameters.Add($"f{k}", feeds[k]);
            parts.Add($"SELECT * FROM (SELECT e.id, e.sort_at FROM entries e WHERE e.feed_id = @f{k} AND (e.sort_at < @s OR (e.sort_at = @s AND e.id < @i)) ORDER BY e.sort_at DESC, e.id DESC LIMIT @limit) p{k}");
        }
        // the merge picks ids; the lines are read for the chosen few only
        var sql = $"""
            SELECT {LineWithFeedColumns} FROM entries e {LineFeedJoin}
            WHERE e.id IN (SELECT id FROM ({string.Join(" UNION ALL ", parts)}) merged ORDER BY sort_at DESC, id DESC LIMIT @limit)
            ORDER BY e.sort_at DESC, e.id DESC
            """;
        return [.. await connection.QueryAsync<EntryLine>(sql, parameters)];
    }

    /// <summary>A public feed, or null when there is none by that id or it is not public.</summary>
    public static Task<FeedCard?> FeedAsync(DbConnection connection, long feedId) =>
        connection.QuerySingleOrDefaultAsync<FeedCard>(
            $"""
            SELECT {FeedColumns}, (SELECT COUNT(*) FROM entries x WHERE x.feed_id = f.id) AS EntryCount
            FROM feeds f LEFT JOIN catalog_feeds cf ON cf.feed_id = f.id
            WHERE f.id = @feedId AND {IsPublic("f.id")}
            """, new { feedId });

    /// <summary>A public feed's entries older than <paramref name="before"/>, newest first.</summary>
    public static async Task<IReadOnlyList<EntryLine>> FeedEntriesAsync(DbConnection connection, long feedId, Keyset before, int limit) =>
        [.. await connection.QueryAsync<EntryLine>(
            $"""
            SELECT {LineWithFeedColumns} FROM entries e {LineFeedJoin}
            WHERE e.feed_id = @feedId AND {IsPublic("e.feed_id")}
              AND (e.sort_at < @s OR (e.sort_at = @s AND e.id < @i))
            ORDER BY e.sort_at DESC, e.id DESC LIMIT @limit
            """, new { feedId, s = before.SortAt, i = before.Id, limit })];

    /// <summary>An entry of a public feed, in full, or null.</summary>
    public static Task<Article?> ArticleAsync(DbConnection connection, long entryId) =>
        ArticleWhereAsync(connection, $"e.id = @entryId AND {IsPublic("e.feed_id")}", new { entryId });

    internal static Task<Article?> ArticleWhereAsync(DbConnection connection, string where, object args) =>
        connection.QuerySingleOrDefaultAsync<Article>(
            $"""
            SELECT e.id AS Id, e.feed_id AS FeedId, e.title AS Title, e.url AS Url, e.author AS Author, e.published_at AS PublishedAt,
                e.updated_at AS UpdatedAt, e.sort_at AS SortAt, e.created_at AS CreatedAt, e.summary AS Summary, e.content AS Content,
                e.image_url AS ImageUrl, e.categories AS Categories, e.enclosures AS Enclosures,
                COALESCE(f.title, cf.title) AS FeedTitle, f.url AS FeedUrl, f.site_url AS FeedSiteUrl
            FROM entries e JOIN feeds f ON f.id = e.feed_id LEFT JOIN catalog_feeds cf ON cf.feed_id = f.id
            WHERE {where}
            """, args);

    /// <summary>
    /// For sitemap.xml: every public feed, and the newest entries of the public feeds, <paramref name="maxUrls"/> URLs in
    /// all (a sitemap holds at most 50,000).
    /// </summary>
    public static async Task<(IReadOnlyList<(long Id, long? LastFetchedAt)> Feeds, IReadOnlyList<(long Id, long SortAt)> Entries)> SitemapAsync(DbConnection connection, int maxUrls)
    {
        var feeds = (await connection.QueryAsync<(long, long?)>(
            "SELECT f.id, f.last_fetched_at FROM feeds f WHERE f.id IN (SELECT feed_id FROM public_feeds) ORDER BY f.id LIMIT @maxUrls", new { maxUrls })).ToList();
        var room = Math.Max(0, maxUrls - feeds.Count);
        var latest = await LatestAsync(connection, Keyset.Start, room);
        return (feeds, [.. latest.Select(e => (e.Id, e.SortAt))]);
    }
}
