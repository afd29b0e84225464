using System.Data.Common;
using Dapper;

namespace Inertia.Reader.Storage;

/// <summary>One of a user's subscriptions as the reader's sidebar shows it.</summary>
public sealed record SubscriptionLine
{
    public long Id { get; init; }
    public long FeedId { get; init; }
    public string? Title { get; init; }
    public required string Url { get; init; }
    public string? SiteUrl { get; init; }
    public long? CategoryId { get; init; }
    public string? Category { get; init; }
    /// <summary>The category's place in the user's order.</summary>
    public int CategoryPosition { get; init; }
    public long UnreadCount { get; init; }
    public bool HasIcon { get; init; }
    public int ErrorCount { get; init; }
    public string? LastError { get; init; }
    public string? DisabledReason { get; init; }
    public long? LastFetchedAt { get; init; }
    public long? PausedAt { get; init; }
    /// <summary>The form the user chose for this feed's Chinese, over their own (null: theirs).</summary>
    public string? ChineseVariant { get; init; }
    /// <summary>The language the feed says it is written in (its channel's language), for the lang attribute.</summary>
    public string? Language { get; init; }
    /// <summary>Whether the user gave this feed's media its own request rule (its images then always go through the proxy).</summary>
    public bool HasMediaRule { get; init; }

    public string Name => !string.IsNullOrWhiteSpace(Title) ? Title
        : Uri.TryCreate(SiteUrl ?? Url, UriKind.Absolute, out var u) ? u.Host : Url;
}

/// <summary>A line of the reader's lists: the entry, and whether the user has read and starred it.</summary>
public sealed record ReaderLine(EntryLine Entry, bool IsRead, bool IsStarred);

// the state half of a reader line, as Dapper maps it (a class: SQLite gives its booleans as integers)
internal sealed class LineState
{
    public bool IsRead { get; init; }
    public bool IsStarred { get; init; }
}

/// <summary>An entry as one user reads it: the article, and their state of it.</summary>
public sealed record ReaderEntry(Article Article, bool IsRead, bool IsStarred);

/// <summary>The reader's named queries: a user's subscriptions, their lists of entries, one entry with their state of it.</summary>
public static class ReaderViews
{
    // read for the user: below the watermark unless kept unread, above it only when marked read
    internal const string IsRead =
        """
        CASE WHEN e.id <= s.read_through THEN COALESCE(st.is_read, TRUE) ELSE COALESCE(st.is_read, FALSE) END
        """;

    public static async Task<IReadOnlyList<SubscriptionLine>> SubscriptionsAsync(DbConnection connection, long userId) =>
        [.. await connection.QueryAsync<SubscriptionLine>(
            """
            SELECT s.id AS Id, s.feed_id AS FeedId, COALESCE(s.title, f.title, cf.title) AS Title, f.url AS Url, f.site_url AS SiteUrl,
                s.category_id AS CategoryId, c.title AS Category, COALESCE(c.position, 0) AS CategoryPosition, s.unread_count AS UnreadCount,
                CASE WHEN EXISTS (SELECT 1 FROM icons i WHERE i.feed_id = f.id) THEN TRUE ELSE FALSE END AS HasIcon,
                f.error_count AS ErrorCount, f.last_error AS LastError, f.disabled_reason AS DisabledReason,
                f.last_fetched_at AS LastFetchedAt, s.paused_at AS PausedAt, s.chinese_variant AS ChineseVariant, f.language AS Language,
                CASE WHEN s.media_referer IS NOT NULL OR s.media_user_agent IS NOT NULL THEN TRUE ELSE FALSE END AS HasMediaRule
            FROM subscriptions s JOIN feeds f ON f.id = s.feed_id
            LEFT JOIN categories c ON c.id = s.category_id
            LEFT JOIN catalog_feeds cf ON cf.feed_id = f.id
            WHERE s.user_id = @userId
            ORDER BY COALESCE(c.position, 0), COALESCE(c.title, ''), COALESCE(s.title, f.title, cf.title, f.url)
            """, new { userId })];

    /// <summary>When the last of the user's feeds was fetched (Unix seconds; 0 when none was).</summary>
    public static Task<long> LastFetchedAsync(DbConnection connection, long userId) =>
        connection.ExecuteScalarAsync<long>(
            "SELECT COALESCE(MAX(f.last_fetched_at), 0) FROM subscriptions s JOIN feeds f ON f.id = s.feed_id WHERE s.user_id = @userId", new { userId });

    /// <summary>Whether the user subscribes to the feed.</summary>
    public static Task<bool> IsSubscribedAsync(DbConnection connection, long userId, long feedId) =>
        connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM subscriptions WHERE user_id = @userId AND feed_id = @feedId)", new { userId, feedId });

    /// <summary>
    /// The lines of these entries, in the order given (a page of <see cref="ItemStream.RefsAsync"/>, which chose only
    /// entries the user may read), with the user's state of each.
    /// </summary>
    public static async Task<IReadOnlyList<ReaderLine>> LinesAsync(DbConnection connection, long userId, IReadOnlyList<long> ids)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        // one query: the line, then (split at IsRead) the user's state — unread is a row of unread_entries (kept exact by
        // every mark and by ingest), starred a flag of the user's state
        var lines = (await connection.QueryAsync<EntryLine, LineState, ReaderLine>(
            $"""
            SELECT {PublicSite.LineWithFeedColumns},
                CASE WHEN EXISTS (SELECT 1 FROM unread_entries u WHERE u.user_id = @userId AND u.entry_id = e.id) THEN FALSE ELSE TRUE END AS IsRead,
                COALESCE(st.is_starred, FALSE) AS IsStarred
            FROM entries e {PublicSite.LineFeedJoin}
            LEFT JOIN entry_states st ON st.user_id = @userId AND st.entry_id = e.id
            WHERE {IdList.In(connection, "e.id", "ids")}
            """, (line, state) => new ReaderLine(line, state.IsRead, state.IsStarred), new { userId, ids = ids.ToArray() }, splitOn: "IsRead"))
            .ToDictionary(l => l.Entry.Id);
        return [.. ids.Where(lines.ContainsKey).Select(id => lines[id])];
    }

    /// <summary>
    /// The newest of the user's unread entries (0 when none): what "mark all as read" marks up to, so an entry that
    /// arrives after the page was shown (its id is higher: ids grow with arrival) stays unread.
    /// </summary>
    public static Task<long> NewestUnreadIdAsync(DbConnection connection, long userId) =>
        connection.ExecuteScalarAsync<long>("SELECT COALESCE(MAX(entry_id), 0) FROM unread_entries WHERE user_id = @userId", new { userId });

    /// <summary>The content (else the summary) of entries already shown to the user in a list, by id; none for an entry with neither.</summary>
    public static async Task<IReadOnlyDictionary<long, string>> ContentsAsync(DbConnection connection, IReadOnlyList<long> ids) =>
        ids.Count == 0 ? new Dictionary<long, string>()
            : (await connection.QueryAsync<(long Id, string Html)>(
                $"SELECT id, COALESCE(content, summary) FROM entries WHERE {IdList.In(connection, "id", "ids")} AND COALESCE(content, summary) IS NOT NULL",
                new { ids = ids.ToArray() })).ToDictionary(r => r.Id, r => r.Html);

    /// <summary>An entry of a feed the user subscribes to, or one they starred, with their state of it; null otherwise.</summary>
    public static async Task<ReaderEntry?> EntryAsync(DbConnection connection, long userId, long entryId)
    {
        var article = await PublicSite.ArticleWhereAsync(connection,
            """
            e.id = @entryId AND (EXISTS (SELECT 1 FROM subscriptions s WHERE s.user_id = @userId AND s.feed_id = e.feed_id)
                OR EXISTS (SELECT 1 FROM entry_states x WHERE x.user_id = @userId AND x.entry_id = e.id AND x.is_starred))
            """, new { entryId, userId });
        if (article is null)
        {
            return null;
        }
        var state = await connection.QuerySingleOrDefaultAsync<(bool IsRead, bool IsStarred)>(
            $"""
            SELECT {IsRead}, COALESCE(st.is_starred, FALSE)
            FROM entries e LEFT JOIN subscriptions s ON s.feed_id = e.feed_id AND s.user_id = @userId
            LEFT JOIN entry_states st ON st.user_id = @userId AND st.entry_id = e.id
            WHERE e.id = @entryId
            """, new { entryId, userId });
        return new ReaderEntry(article, state.IsRead, state.IsStarred);
    }
}
