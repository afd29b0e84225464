using System.Data.Common;
using Dapper;
using Inertia.Feeds.Opml;

namespace Inertia.Reader.Storage;

/// <summary>What a user chose for one of their subscriptions.</summary>
public sealed class SubscriptionOptions
{
    /// <summary>The user's own title (null: the feed's).</summary>
    public string? Title { get; init; }
    public long? CategoryId { get; init; }
    public bool FetchFullContent { get; init; }
    /// <summary>When the user paused it (no fetch on their behalf); null while it runs.</summary>
    public long? PausedAt { get; init; }
    /// <summary>The form Chinese text of this feed is shown in, over the user's choice (null: the user's).</summary>
    public string? ChineseVariant { get; init; }
    /// <summary>The Referer and User-Agent the media proxy sends for this feed's media (null: the host's rule, if any).</summary>
    public string? MediaReferer { get; init; }
    public string? MediaUserAgent { get; init; }
    public long UnreadCount { get; init; }
    public long CreatedAt { get; init; }
}

/// <summary>One of a user's subscriptions as its settings page shows it: the feed with its health, and the user's options.</summary>
public sealed record SubscriptionSettings(FeedCard Feed, SubscriptionOptions Options);

/// <summary>A user's subscriptions: subscribe (idempotent), unsubscribe, retitle, move between categories, list them for export.</summary>
public static class SubscriptionStore
{
    /// <summary>
    /// True when the subscription is new, false when the user already had it. The insert and the count of the entries the
    /// feed already has are one transaction (one is opened when none is given); on PostgreSQL the insert waits for an
    /// ingest of the feed in progress (which locks the feed's row), so the count misses none of its entries.
    /// </summary>
    public static async Task<bool> SubscribeAsync(DbConnection connection, DbTransaction? transaction, long userId, string feedUrl, string? category, string? title, string? siteUrl, long now)
    {
        if (transaction is null)
        {
            await using var own = await connection.BeginTransactionAsync();
            var added = await SubscribeAsync(connection, own, userId, feedUrl, category, title, siteUrl, now);
            await own.CommitAsync();
            return added;
        }
        var feedId = await FeedStore.EnsureAsync(connection, transaction, feedUrl, now);
        if (siteUrl is not null)
        {
            await connection.ExecuteAsync("UPDATE feeds SET site_url = @siteUrl WHERE id = @feedId AND site_url IS NULL", new { siteUrl, feedId }, transaction);
        }
        long? categoryId = null;
        if (!string.IsNullOrWhiteSpace(category))
        {
            await connection.ExecuteAsync("INSERT INTO categories (user_id, title) VALUES (@userId, @category) ON CONFLICT (user_id, title) DO NOTHING", new { userId, category }, transaction);
            categoryId = await connection.ExecuteScalarAsync<long>("SELECT id FROM categories WHERE user_id = @userId AND title = @category", new { userId, category }, transaction);
        }
        var inserted = await connection.ExecuteAsync(
            """
            INSERT INTO subscriptions (user_id, feed_id, category_id, title, created_at)
            VALUES (@userId, @feedId, @categoryId, @title, @now)
            ON CONFLICT (user_id, feed_id) DO NOTHING
            """, new { userId, feedId, categoryId, title, now }, transaction);
        if (inserted > 0)
        {
            // a feed already stored brings its entries in unread
            await ReadState.RebuildUnreadAsync(connection, transaction, "s.user_id = @userId AND s.feed_id = @feedId", new { userId, feedId });
            // less the stories the user has already through other feeds
            await StoryCopies.MarkFeedAsync(connection, transaction, userId, feedId, now);
        }
        return inserted > 0;
    }

    /// <summary>The user's subscriptions as OPML outlines, by category then title.</summary>
    public static async Task<IReadOnlyList<OpmlOutline>> ListAsync(DbConnection connection, long userId)
    {
        var rows = await connection.QueryAsync<(string Url, string? SiteUrl, string? Title, string? Category)>(
            """
            SELECT f.url, f.site_url, COALESCE(s.title, f.title), c.title
            FROM subscriptions s JOIN feeds f ON f.id = s.feed_id LEFT JOIN categories c ON c.id = s.category_id
            WHERE s.user_id = @userId
            ORDER BY COALESCE(c.title, ''), COALESCE(s.title, f.title, f.url)
            """, new { userId });
        return [.. rows.Select(r => new OpmlOutline(r.Url, r.SiteUrl, r.Title, r.Category is null ? [] : [r.Category], 0))];
    }

    /// <summary>
    /// Ends the user's subscription to the feed (their stars stay; copies of its stories in their other feeds are shown
    /// again); false when they had none.
    /// </summary>
    public static async Task<bool> UnsubscribeAsync(DbConnection connection, long userId, long feedId)
    {
        await using var tx = await connection.BeginTransactionAsync();
        var ended = await connection.ExecuteAsync("DELETE FROM subscriptions WHERE user_id = @userId AND feed_id = @feedId", new { userId, feedId }, tx) > 0;
        await connection.ExecuteAsync("DELETE FROM unread_entries WHERE user_id = @userId AND feed_id = @feedId", new { userId, feedId }, tx);
        await StoryCopies.ShowAgainAsync(connection, tx, userId, feedId);
        await tx.CommitAsync();
        return ended;
    }

    /// <summary>The user's own title for the feed (null: the feed's); false when they do not subscribe to it.</summary>
    public static async Task<bool> SetTitleAsync(DbConnection connection, long userId, long feedId, string? title) =>
        await connection.ExecuteAsync("UPDATE subscriptions SET title = @title WHERE user_id = @userId AND feed_id = @feedId", new { userId, feedId, title }) > 0;

    /// <summary>Moves the subscription to one of the user's categories (null: none); false when they do not subscribe to the feed.</summary>
    public static async Task<bool> SetCategoryAsync(DbConnection connection, long userId, long feedId, long? categoryId) =>
        await connection.ExecuteAsync(
            categoryId is null
                ? "UPDATE subscriptions SET category_id = NULL WHERE user_id = @userId AND feed_id = @feedId"
                : """
                  UPDATE subscriptions SET category_id = @categoryId
                  WHERE user_id = @userId AND feed_id = @feedId AND EXISTS (SELECT 1 FROM categories c WHERE c.id = @categoryId AND c.user_id = @userId)
                  """, new { userId, feedId, categoryId }) > 0;

    /// <summary>The user's subscription to the feed with the feed's health; null when they have none.</summary>
    public static async Task<SubscriptionSettings?> SettingsAsync(DbConnection connection, long userId, long feedId)
    {
        var rows = await connection.QueryAsync<FeedCard, SubscriptionOptions, SubscriptionSettings>(
            $"""
            SELECT {PublicSite.FeedColumns}, f.entry_count AS EntryCount,
                s.created_at AS CreatedAt, s.title AS Title, s.category_id AS CategoryId, s.fetch_full_content AS FetchFullContent,
                s.paused_at AS PausedAt, s.chinese_variant AS ChineseVariant, s.media_referer AS MediaReferer, s.media_user_agent AS MediaUserAgent, s.unread_count AS UnreadCount
            FROM subscriptions s JOIN feeds f ON f.id = s.feed_id LEFT JOIN catalog_feeds cf ON cf.feed_id = f.id
            WHERE s.user_id = @userId AND s.feed_id = @feedId
            """, (feed, options) => new SubscriptionSettings(feed, options), new { userId, feedId }, splitOn: "CreatedAt");
        return rows.SingleOrDefault();
    }

    /// <summary>
    /// Sets the user's options for the feed: their title (null: the feed's), category (null: none; one not theirs is
    /// refused), full-content extraction, pause (kept from when it began), and the form of its Chinese (unknown: the user's). False when they do not subscribe to it
    /// or the category is not theirs.
    /// </summary>
    public static async Task<bool> SetOptionsAsync(DbConnection connection, long userId, long feedId, SubscriptionOptions options, long now) =>
        await connection.ExecuteAsync(
            """
            UPDATE subscriptions SET title = @Title, category_id = @CategoryId, fetch_full_content = @FetchFullContent,
                paused_at = CASE WHEN @Paused THEN COALESCE(paused_at, @now) ELSE NULL END, chinese_variant = @Variant
            WHERE user_id = @userId AND feed_id = @feedId
              AND (@CategoryId IS NULL OR EXISTS (SELECT 1 FROM categories c WHERE c.id = @CategoryId AND c.user_id = @userId))
            """, new
            {
                userId,
                feedId,
                options.Title,
                options.CategoryId,
                options.FetchFullContent,
                Paused = options.PausedAt is not null,
                now,
                // "original" is kept as such: this feed as written, whatever the user reads the others in
                Variant = options.ChineseVariant == Chinese.ChineseVariants.OriginalCode ? Chinese.ChineseVariants.OriginalCode
                    : Chinese.ChineseVariants.Code(Chinese.ChineseVariants.Parse(options.ChineseVariant)),
            }) > 0;

    /// <summary>The id of the feed with this URL when the user subscribes to it.</summary>
    public static Task<long?> FeedByUrlAsync(DbConnection connection, long userId, string url) =>
        connection.ExecuteScalarAsync<long?>(
            "SELECT f.id FROM feeds f JOIN subscriptions s ON s.feed_id = f.id WHERE s.user_id = @userId AND f.url = @url", new { userId, url });

    /// <summary>
    /// Makes the user's feeds due now — one feed, a category's, or all of them (not those disabled): the next refresh pass
    /// takes them. How many.
    /// </summary>
    public static Task<int> MakeDueAsync(DbConnection connection, long userId, long? feedId = null, long? categoryId = null) =>
        connection.ExecuteAsync(
            """
            UPDATE feeds SET next_fetch_at = 0 WHERE disabled_reason IS NULL AND id IN (
                SELECT feed_id FROM subscriptions WHERE user_id = @userId AND (@feedId IS NULL OR feed_id = @feedId) AND (@categoryId IS NULL OR category_id = @categoryId))
            """, new { userId, feedId, categoryId });
}
