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

    /// <summary>The user's unread entries: the sum of the counters kept on the subscriptions.</summary>
    public static Task<long> UnreadCountAsync(DbConnection connection, long userId) =>
        connection.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(unread_count), 0) FROM subscriptions WHERE user_id = @userId", new { userId });

    /// <summary>The user's unread entries counted from the entries themselves (slow at scale): what the counters must equal.</summary>
    public static Task<long> ExactUnreadCountAsync(DbConnection connection, long userId) =>
        connection.ExecuteScalarAsync<long>($"SELECT COALESCE(SUM({ExactCount}), 0) FROM subscriptions s WHERE s.user_id = @userId", new { userId });

    /// <summary>Sets the counters of the subscriptions matching <paramref name="where"/> (SQL over <c>s</c>) from the entries.</summary>
    public static Task RecountAsync(DbConnection connection, DbTransaction? transaction, string where = "TRUE", object? args = null) =>
        connection.ExecuteAsync(
            $"UPDATE subscriptions SET unread_count = (SELECT {ExactCount} FROM subscriptions s WHERE s.id = subscriptions.id) WHERE id IN (SELECT s.id FROM subscriptions s WHERE {where})",
            args, transaction);

    // one subscription's unread entries: above the watermark less read exceptions, plus those kept unread below it
    private const string ExactCount =
        """
        ((SELECT COUNT(*) FROM entries e WHERE e.feed_id = s.feed_id AND e.id > s.read_through)
          - (SELECT COUNT(*) FROM entry_states st JOIN entries e ON e.id = st.entry_id
             WHERE st.user_id = s.user_id AND e.feed_id = s.feed_id AND st.is_read AND e.id > s.read_through)
          + (SELECT COUNT(*) FROM entry_states st JOIN entries e ON e.id = st.entry_id
             WHERE st.user_id = s.user_id AND e.feed_id = s.feed_id AND st.is_read = FALSE AND e.id <= s.read_through))
        """;

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

    /// <summary>Marks one entry read or unread for the user (an exception to the watermark), and moves the counter if it changed.</summary>
    public static async Task SetReadAsync(DbConnection connection, long userId, long entryId, bool read, long now)
    {
        await using var tx = await connection.BeginTransactionAsync();
        var wasUnread = await IsUnreadAsync(connection, tx, userId, entryId);
        await connection.ExecuteAsync(
            """
            INSERT INTO entry_states (user_id, entry_id, is_read, is_starred, read_at) VALUES (@userId, @entryId, @read, FALSE, @now)
            ON CONFLICT (user_id, entry_id) DO UPDATE SET is_read = excluded.is_read, read_at = excluded.read_at
            """, new { userId, entryId, read, now }, tx);
        if (wasUnread is { } before && before == read)
        {
            await connection.ExecuteAsync(
                "UPDATE subscriptions SET unread_count = unread_count + @delta WHERE user_id = @userId AND feed_id = (SELECT feed_id FROM entries WHERE id = @entryId)",
                new { userId, entryId, delta = read ? -1 : 1 }, tx);
        }
        await tx.CommitAsync();
    }

    // null when the user does not subscribe to the entry's feed (a mark there counts nowhere)
    private static Task<bool?> IsUnreadAsync(DbConnection connection, DbTransaction tx, long userId, long entryId) =>
        connection.ExecuteScalarAsync<bool?>(
            $"SELECT CASE WHEN {Unread} THEN TRUE ELSE FALSE END FROM entries e JOIN subscriptions s ON s.feed_id = e.feed_id AND s.user_id = @userId WHERE e.id = @entryId",
            new { userId, entryId }, tx);

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
        // what is left unread is what arrived after upToId: few entries to count
        await RecountAsync(connection, tx, scope, args);
        await tx.CommitAsync();
    }
}
