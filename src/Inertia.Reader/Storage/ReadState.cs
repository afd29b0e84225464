using System.Data.Common;
using Dapper;

namespace Inertia.Reader.Storage;

/// <summary>An entry in a user's list.</summary>
public sealed record ListedEntry(long Id, long FeedId, string? Title, long? PublishedAt);

/// <summary>
/// Per-user read and starred state over the watermark design (docs/design/storage.md): unread counts and lists, marking one
/// entry, and "mark all as read" — a feed, a category or everything, up to the newest entry the user was shown — as one
/// update of subscription watermarks whatever the number of entries.
/// </summary>
public static class ReadState
{
    // unread for the user: above the watermark without a read exception, or below it kept unread
    private const string Unread =
        """
        ((e.id > s.read_through AND NOT EXISTS (SELECT 1 FROM entry_states r WHERE r.user_id = s.user_id AND r.entry_id = e.id AND r.is_read))
         OR (e.id <= s.read_through AND EXISTS (SELECT 1 FROM entry_states k WHERE k.user_id = s.user_id AND k.entry_id = e.id AND k.is_read = FALSE)))
        """;

    public static async Task<long> UnreadCountAsync(DbConnection connection, long userId)
    {
        // above-watermark entries counted per subscription on the (feed_id, id) index, then the exceptions applied
        return await connection.ExecuteScalarAsync<long>(
            """
            SELECT
              (SELECT COALESCE(SUM((SELECT COUNT(*) FROM entries e WHERE e.feed_id = s.feed_id AND e.id > s.read_through)), 0)
                 FROM subscriptions s WHERE s.user_id = @userId)
              - (SELECT COUNT(*) FROM entry_states st JOIN entries e ON e.id = st.entry_id
                   JOIN subscriptions s ON s.user_id = st.user_id AND s.feed_id = e.feed_id
                 WHERE st.user_id = @userId AND st.is_read AND e.id > s.read_through)
              + (SELECT COUNT(*) FROM entry_states st JOIN entries e ON e.id = st.entry_id
                   JOIN subscriptions s ON s.user_id = st.user_id AND s.feed_id = e.feed_id
                 WHERE st.user_id = @userId AND st.is_read = FALSE AND e.id <= s.read_through)
            """, new { userId });
    }

    /// <summary>A page of unread entries, newest first; pass the last id of a page as <paramref name="beforeId"/> for the next (keyset).</summary>
    public static async Task<IReadOnlyList<ListedEntry>> UnreadPageAsync(DbConnection connection, long userId, long? beforeId, int limit = 50)
    {
        var rows = await connection.QueryAsync<(long Id, long FeedId, string? Title, long? PublishedAt)>(
            $"""
            SELECT e.id, e.feed_id, e.title, e.published_at
            FROM entries e JOIN subscriptions s ON s.feed_id = e.feed_id AND s.user_id = @userId
            WHERE e.id < @before AND {Unread}
            ORDER BY e.id DESC
            LIMIT @limit
            """, new { userId, before = beforeId ?? long.MaxValue, limit });
        return [.. rows.Select(r => new ListedEntry(r.Id, r.FeedId, r.Title, r.PublishedAt))];
    }

    /// <summary>Marks one entry read or unread for the user (an exception to the watermark, or none when it agrees).</summary>
    public static async Task SetReadAsync(DbConnection connection, long userId, long entryId, bool read, long now)
    {
        await connection.ExecuteAsync(
            """
            INSERT INTO entry_states (user_id, entry_id, is_read, is_starred, read_at) VALUES (@userId, @entryId, @read, FALSE, @now)
            ON CONFLICT (user_id, entry_id) DO UPDATE SET is_read = excluded.is_read, read_at = excluded.read_at
            """, new { userId, entryId, read, now });
    }

    public static async Task SetStarredAsync(DbConnection connection, long userId, long entryId, bool starred, long now)
    {
        await connection.ExecuteAsync(
            """
            INSERT INTO entry_states (user_id, entry_id, is_read, is_starred, starred_at) VALUES (@userId, @entryId, NULL, @starred, @now)
            ON CONFLICT (user_id, entry_id) DO UPDATE SET is_starred = excluded.is_starred, starred_at = excluded.starred_at
            """, new { userId, entryId, starred, now });
    }

    /// <summary>
    /// Marks everything up to entry <paramref name="upToId"/> read: in one feed, one category, or all the user's feeds.
    /// One UPDATE of watermarks, then the exceptions it makes moot are removed; entries that arrive later stay unread.
    /// </summary>
    public static async Task MarkAllReadAsync(DbConnection connection, long userId, long upToId, long? feedId = null, long? categoryId = null)
    {
        await using var tx = await connection.BeginTransactionAsync();
        var scope = "s.user_id = @userId" + (feedId is null ? "" : " AND s.feed_id = @feedId") + (categoryId is null ? "" : " AND s.category_id = @categoryId");
        var args = new { userId, upToId, feedId, categoryId };
        await connection.ExecuteAsync(
            $"UPDATE subscriptions SET read_through = @upToId WHERE id IN (SELECT s.id FROM subscriptions s WHERE {scope}) AND read_through < @upToId", args, tx);
        // read marks and kept-unread marks at or below the new watermark say nothing any more (stars stay)
        await connection.ExecuteAsync(
            $"""
            UPDATE entry_states SET is_read = NULL
            WHERE user_id = @userId AND entry_id <= @upToId AND is_read IS NOT NULL
              AND entry_id IN (SELECT e.id FROM entries e JOIN subscriptions s ON s.feed_id = e.feed_id WHERE {scope} AND e.id <= @upToId)
            """, args, tx);
        await connection.ExecuteAsync("DELETE FROM entry_states WHERE user_id = @userId AND is_read IS NULL AND NOT is_starred", args, tx);
        await tx.CommitAsync();
    }
}
