using System.Data.Common;
using Dapper;

namespace Inertia.Reader.Storage;

/// <summary>
/// Removes entries no one needs: read by every subscriber (or with none) and older than the cutoff, or beyond the newest
/// N of their feed. Starred entries and entries unread by anyone are never removed. The search index follows by trigger
/// (SQLite) or with the row itself (PostgreSQL).
/// </summary>
public static class Retention
{
    // an entry some subscriber still needs: unread above the watermark (no read exception), kept unread below it, or starred
    private const string Needed =
        """
        EXISTS (SELECT 1 FROM subscriptions s WHERE s.feed_id = entries.feed_id AND (
            (entries.id > s.read_through AND NOT EXISTS (
                SELECT 1 FROM entry_states r WHERE r.user_id = s.user_id AND r.entry_id = entries.id AND r.is_read))
            OR EXISTS (
                SELECT 1 FROM entry_states k WHERE k.user_id = s.user_id AND k.entry_id = entries.id AND (k.is_starred OR k.is_read = FALSE))))
        """;

    /// <summary>Deletes what may go; returns how many entries were removed.</summary>
    public static async Task<int> RunAsync(DbConnection connection, long olderThan, int maxPerFeed)
    {
        var old = await connection.ExecuteAsync(
            $"DELETE FROM entries WHERE created_at < @olderThan AND NOT {Needed}", new { olderThan });
        // past the newest maxPerFeed of its feed (by id, which follows insertion)
        var surplus = await connection.ExecuteAsync(
            $"""
            DELETE FROM entries WHERE NOT {Needed} AND id IN (
                SELECT id FROM (
                    SELECT id, ROW_NUMBER() OVER (PARTITION BY feed_id ORDER BY id DESC) AS n FROM entries) ranked
                WHERE ranked.n > @maxPerFeed)
            """, new { maxPerFeed });
        return old + surplus;
    }
}
