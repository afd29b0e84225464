using System.Data.Common;
using Dapper;

namespace Inertia.Reader.Storage;

/// <summary>What a mark did: changed the state, found it already so, or was refused (the user does not read the entry's feed, or there is no such entry).</summary>
public enum MarkResult
{
    Changed,
    Unchanged,
    NotSubscribed,
}

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

    /// <summary>
    /// Rebuilds what is unread for the subscriptions matching <paramref name="where"/> (SQL over <c>s</c>) from the entries:
    /// their rows in unread_entries and their counters.
    /// </summary>
    public static async Task RebuildUnreadAsync(DbConnection connection, DbTransaction? transaction, string where, object? args = null)
    {
        // a row-value IN, not a correlated EXISTS: PostgreSQL ran that as a scan of every user's rows
        await connection.ExecuteAsync(
            $"DELETE FROM unread_entries WHERE (user_id, feed_id) IN (SELECT s.user_id, s.feed_id FROM subscriptions s WHERE {where})", args, transaction);
        await connection.ExecuteAsync($"INSERT INTO unread_entries (user_id, entry_id, feed_id, sort_at, created_at) {UnreadRows(where)}", args, transaction);
        await RecountAsync(connection, transaction, where, args);
    }

    // the unread entries of the subscriptions matching a condition over s, as unread_entries holds them
    private static string UnreadRows(string where) =>
        $"""
        SELECT s.user_id, e.id, e.feed_id, e.sort_at, e.created_at
        FROM subscriptions s JOIN entries e ON e.feed_id = s.feed_id LEFT JOIN entry_states st ON st.user_id = s.user_id AND st.entry_id = e.id
        WHERE ({where}) AND NOT ({ReaderViews.IsRead})
        """;

    // one subscription's unread entries: above the watermark less read exceptions, plus those kept unread below it
    internal const string ExactCount =
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

    /// <summary>Marks one entry read or unread for the user; refused (<see cref="MarkResult.NotSubscribed"/>) for a feed they do not read.</summary>
    public static async Task<MarkResult> SetReadAsync(Database database, long userId, long entryId, bool read, long now, CancellationToken cancellationToken = default) =>
        (await SetReadAsync(database, userId, [entryId], read, now, cancellationToken))[0];

    /// <summary>
    /// Marks entries read or unread for the user, in one transaction: the subscriptions involved are locked first (on
    /// PostgreSQL; SQLite has one writer), so two clients marking the same entry move its counter once, and a concurrent
    /// ingest or mark-all-read waits its turn. One result per id, in order.
    /// </summary>
    public static Task<IReadOnlyList<MarkResult>> SetReadAsync(Database database, long userId, IReadOnlyList<long> entryIds, bool read, long now, CancellationToken cancellationToken = default) =>
        database.Writes.RunAsync((c, tx) => SetReadAsync(c, tx, userId, entryIds, read, now), cancellationToken);

    /// <summary>The same inside a transaction the caller holds (on SQLite, the writer's).</summary>
    public static async Task<IReadOnlyList<MarkResult>> SetReadAsync(DbConnection connection, DbTransaction transaction, long userId, IReadOnlyList<long> entryIds, bool read, long now)
    {
        var states = await LockedStatesAsync(connection, transaction, userId, entryIds);
        var deltas = new Dictionary<long, long>();
        var results = new MarkResult[entryIds.Count];
        var changed = new List<long>();
        for (var i = 0; i < entryIds.Count; i++)
        {
            if (!states.TryGetValue(entryIds[i], out var state))
            {
                results[i] = MarkResult.NotSubscribed;
                continue;
            }
            var belowWatermark = state.EntryId <= state.ReadThrough;
            var wasUnread = belowWatermark ? state.IsRead == false : state.IsRead != true;
            if (wasUnread != read)
            {
                results[i] = MarkResult.Unchanged;
                continue;
            }
            results[i] = MarkResult.Changed;
            // an exception to the watermark only where the mark differs from it; otherwise the state says nothing. Marking
            // unread an entry a rule hid brings it back: the user asked to read it
            bool? exception = read == belowWatermark ? null : read;
            await connection.ExecuteAsync(
                """
                INSERT INTO entry_states (user_id, entry_id, is_read, is_starred, read_at) VALUES (@userId, @entryId, @exception, FALSE, @now)
                ON CONFLICT (user_id, entry_id) DO UPDATE SET is_read = excluded.is_read, read_at = excluded.read_at,
                    is_hidden = CASE WHEN @read THEN entry_states.is_hidden ELSE FALSE END,
                    copy_of = CASE WHEN @read THEN entry_states.copy_of ELSE NULL END
                """, new { userId, entryId = state.EntryId, exception, now, read }, transaction);
            await connection.ExecuteAsync(read
                ? "DELETE FROM unread_entries WHERE user_id = @userId AND entry_id = @entryId"
                : """
                  INSERT INTO unread_entries (user_id, entry_id, feed_id, sort_at, created_at)
                  SELECT @userId, id, feed_id, sort_at, created_at FROM entries WHERE id = @entryId ON CONFLICT DO NOTHING
                  """, new { userId, entryId = state.EntryId }, transaction);
            deltas[state.SubscriptionId] = deltas.GetValueOrDefault(state.SubscriptionId) + (read ? -1 : 1);
            states[entryIds[i]] = state with { IsRead = exception };
            changed.Add(state.EntryId);
        }
        // a state that says nothing any more (no exception, no star) goes
        await connection.ExecuteAsync(
            "DELETE FROM entry_states WHERE user_id = @userId AND entry_id = @entryId AND is_read IS NULL AND NOT is_starred AND NOT is_hidden",
            changed.Select(entryId => new { userId, entryId }), transaction);
        foreach (var (subscriptionId, delta) in deltas)
        {
            if (delta != 0)
            {
                await connection.ExecuteAsync("UPDATE subscriptions SET unread_count = unread_count + @delta WHERE id = @subscriptionId",
                    new { subscriptionId, delta }, transaction);
            }
        }
        return results;
    }

    private sealed record LockedState(long EntryId, long SubscriptionId, long ReadThrough, bool? IsRead);

    // each entry's subscription (locked, in id order so that concurrent batches never deadlock) and its read exception
    private static async Task<Dictionary<long, LockedState>> LockedStatesAsync(DbConnection connection, DbTransaction transaction, long userId, IReadOnlyList<long> entryIds)
    {
        var postgres = connection is not Microsoft.Data.Sqlite.SqliteConnection;
        var result = new Dictionary<long, LockedState>();
        foreach (var chunk in entryIds.Distinct().Chunk(500))
        {
            var inIds = IdList.In(connection, "e.id", "ids");
            if (postgres)
            {
                // the lock first, in a statement of its own: under READ COMMITTED a statement that waited for a lock still
                // reads the other tables as they were when it began, so the states are read by the next statement, after it
                await connection.ExecuteAsync(
                    $"SELECT s.id FROM subscriptions s WHERE s.user_id = @userId AND s.feed_id IN (SELECT e.feed_id FROM entries e WHERE {inIds}) ORDER BY s.id FOR UPDATE",
                    new { userId, ids = chunk }, transaction);
            }
            var rows = await connection.QueryAsync<(long EntryId, long SubscriptionId, long ReadThrough, bool? IsRead)>(
                $"""
                SELECT e.id, s.id, s.read_through, st.is_read
                FROM entries e JOIN subscriptions s ON s.feed_id = e.feed_id AND s.user_id = @userId
                LEFT JOIN entry_states st ON st.user_id = @userId AND st.entry_id = e.id
                WHERE {inIds}
                """, new { userId, ids = chunk }, transaction);
            foreach (var r in rows)
            {
                result[r.EntryId] = new LockedState(r.EntryId, r.SubscriptionId, r.ReadThrough, r.IsRead);
            }
        }
        return result;
    }

    /// <summary>Stars or unstars one entry for the user; starring is refused for a feed they do not read.</summary>
    public static async Task<MarkResult> SetStarredAsync(Database database, long userId, long entryId, bool starred, long now, CancellationToken cancellationToken = default) =>
        (await SetStarredAsync(database, userId, [entryId], starred, now, cancellationToken))[0];

    public static Task<IReadOnlyList<MarkResult>> SetStarredAsync(Database database, long userId, IReadOnlyList<long> entryIds, bool starred, long now, CancellationToken cancellationToken = default) =>
        database.Writes.RunAsync((c, tx) => SetStarredAsync(c, tx, userId, entryIds, starred, now), cancellationToken);

    /// <summary>
    /// Stars (only an entry of a feed the user subscribes to) or unstars (any entry the user starred, even after
    /// unsubscribing), each in one atomic statement: stars move no counter.
    /// </summary>
    public static async Task<IReadOnlyList<MarkResult>> SetStarredAsync(DbConnection connection, DbTransaction transaction, long userId, IReadOnlyList<long> entryIds, bool starred, long now)
    {
        var results = new MarkResult[entryIds.Count];
        for (var i = 0; i < entryIds.Count; i++)
        {
            var args = new { userId, entryId = entryIds[i], now };
            var changed = starred
                ? await connection.ExecuteAsync(
                    """
                    INSERT INTO entry_states (user_id, entry_id, is_read, is_starred, starred_at)
                    SELECT @userId, e.id, NULL, TRUE, @now FROM entries e
                    WHERE e.id = @entryId AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.user_id = @userId AND s.feed_id = e.feed_id)
                    ON CONFLICT (user_id, entry_id) DO UPDATE SET is_starred = TRUE, starred_at = excluded.starred_at
                        WHERE NOT entry_states.is_starred
                    """, args, transaction)
                : await connection.ExecuteAsync(
                    "UPDATE entry_states SET is_starred = FALSE, starred_at = NULL WHERE user_id = @userId AND entry_id = @entryId AND is_starred", args, transaction);
            if (!starred && changed > 0)
            {
                await connection.ExecuteAsync(
                    "DELETE FROM entry_states WHERE user_id = @userId AND entry_id = @entryId AND is_read IS NULL AND NOT is_starred AND NOT is_hidden", args, transaction);
            }
            results[i] = changed > 0 ? MarkResult.Changed
                : await IsSubscribedAsync(connection, transaction, userId, entryIds[i]) ? MarkResult.Unchanged : MarkResult.NotSubscribed;
        }
        return results;
    }

    private static Task<bool> IsSubscribedAsync(DbConnection connection, DbTransaction transaction, long userId, long entryId) =>
        connection.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM entries e JOIN subscriptions s ON s.feed_id = e.feed_id WHERE e.id = @entryId AND s.user_id = @userId)",
            new { userId, entryId }, transaction);

    /// <summary>
    /// Marks everything up to entry <paramref name="upToId"/> read: in one feed, one category, or all the user's feeds.
    /// One UPDATE of watermarks, then the exceptions it makes moot are removed; entries that arrive later stay unread.
    /// </summary>
    public static Task MarkAllReadAsync(Database database, long userId, long upToId, long? feedId = null, long? categoryId = null, CancellationToken cancellationToken = default) =>
        database.Writes.RunAsync((c, tx) => MarkAllReadAsync(c, tx, userId, upToId, feedId, categoryId), cancellationToken);

    /// <summary>The same inside a transaction the caller holds.</summary>
    public static async Task MarkAllReadAsync(DbConnection connection, DbTransaction tx, long userId, long upToId, long? feedId = null, long? categoryId = null)
    {
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
        await connection.ExecuteAsync("DELETE FROM entry_states WHERE user_id = @userId AND is_read IS NULL AND NOT is_starred AND NOT is_hidden", args, tx);
        // everything up to upToId in scope is read now, kept-unread marks included; what arrived after stays
        await connection.ExecuteAsync(
            $"DELETE FROM unread_entries WHERE user_id = @userId AND entry_id <= @upToId AND feed_id IN (SELECT s.feed_id FROM subscriptions s WHERE {scope})", args, tx);
        // what is left unread is what arrived after upToId: few entries to count
        await RecountAsync(connection, tx, scope, args);
    }
}
