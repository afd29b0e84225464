using System.Data.Common;
using Dapper;

namespace Inertia.Reader.Storage;

/// <summary>How long entries are kept: read entries past an age or past the newest N of their feed go (those of public
/// and catalog feeds by their own figures, since the public site shows them); tombstones of removed entries that no fetch
/// has listed for a while go too.</summary>
public sealed record RetentionPolicy(long OlderThan, int MaxPerFeed, long PublicOlderThan, int PublicMaxPerFeed, long TombstonesUnseenSince);

/// <summary>What a retention pass removed.</summary>
public sealed record RetentionReport(int Entries, int Tombstones);

/// <summary>
/// Removes entries no one needs: read by every subscriber (or with none) and older than the cutoff, or beyond the newest
/// N of their feed. Starred, labelled and unread entries are never removed. What identifies each removed entry
/// (its feed and key) is kept as a tombstone, so a feed that still lists it does not bring it back as a new unread
/// entry. Deletes go in batches, each its own short write, so the one SQLite writer is never held for long.
/// </summary>
public static class Retention
{
    private const int Batch = 1000;

    // an entry some subscriber still needs: unread above the watermark (no read exception), kept unread below it, or starred; or one anyone labelled
    private const string Needed =
        """
        EXISTS (SELECT 1 FROM subscriptions s WHERE s.feed_id = entries.feed_id AND (
            (entries.id > s.read_through AND NOT EXISTS (
                SELECT 1 FROM entry_states r WHERE r.user_id = s.user_id AND r.entry_id = entries.id AND r.is_read))
            OR EXISTS (
                SELECT 1 FROM entry_states k WHERE k.user_id = s.user_id AND k.entry_id = entries.id AND (k.is_starred OR k.is_read = FALSE))))
        OR EXISTS (SELECT 1 FROM entry_labels l WHERE l.entry_id = entries.id)
        """;

    /// <summary>Feeds the public site shows (catalog or marked public), kept by their own figures.</summary>
    internal const string PublicFeed = "entries.feed_id IN (SELECT feed_id FROM public_feeds)";

    /// <summary>Runs one pass; returns what it removed.</summary>
    public static async Task<RetentionReport> RunAsync(Database database, RetentionPolicy policy, long now, CancellationToken cancellationToken = default)
    {
        var removed = 0;
        // old and read: private feeds by one age, public ones by another
        removed += await DeleteWhileAsync(database, $"created_at < @olderThan AND NOT {PublicFeed}", new { olderThan = policy.OlderThan }, now, cancellationToken);
        removed += await DeleteWhileAsync(database, $"created_at < @olderThan AND {PublicFeed}", new { olderThan = policy.PublicOlderThan }, now, cancellationToken);
        // past the newest N of their feed (by id, which follows insertion), feed by feed
        List<(long FeedId, bool IsPublic)> crowded;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            crowded = [.. await connection.QueryAsync<(long, bool)>(
                $"""
                SELECT feed_id, CASE WHEN {PublicFeed} THEN TRUE ELSE FALSE END FROM entries
                GROUP BY feed_id HAVING COUNT(*) > @least
                """, new { least = Math.Min(policy.MaxPerFeed, policy.PublicMaxPerFeed) })];
        }
        foreach (var (feedId, isPublic) in crowded)
        {
            var keep = isPublic ? policy.PublicMaxPerFeed : policy.MaxPerFeed;
            // below the oldest of the newest N
            removed += await DeleteWhileAsync(database,
                "feed_id = @feedId AND id < (SELECT MIN(id) FROM (SELECT id FROM entries WHERE feed_id = @feedId ORDER BY id DESC LIMIT @keep) newest)",
                new { feedId, keep }, now, cancellationToken);
        }
        var tombstones = await database.Writes.RunAsync((c, tx) => c.ExecuteAsync(
            "DELETE FROM entry_tombstones WHERE seen_at < @since", new { since = policy.TombstonesUnseenSince }, tx), cancellationToken);
        return new RetentionReport(removed, tombstones);
    }

    // deletes what matches and no one needs, a batch per write, keeping a tombstone of each
    private static async Task<int> DeleteWhileAsync(Database database, string where, object args, long now, CancellationToken cancellationToken)
    {
        var total = 0;
        var after = 0L;
        while (true)
        {
            List<long> ids;
            await using (var connection = await database.OpenAsync(cancellationToken))
            {
                var parameters = new DynamicParameters(args);
                parameters.Add("after", after);
                parameters.Add("batch", Batch);
                ids = [.. await connection.QueryAsync<long>(
                    $"SELECT id FROM entries WHERE {where} AND id > @after AND NOT {Needed} ORDER BY id LIMIT @batch", parameters)];
            }
            if (ids.Count == 0)
            {
                return total;
            }
            after = ids[^1];
            total += await database.Writes.RunAsync(async (c, tx) =>
            {
                // needed is asked again inside the write: a mark since the read keeps its entry
                var gone = (await c.QueryAsync<(long FeedId, string Key)>(
                    $"DELETE FROM entries WHERE {IdList.In(c, "id", "ids")} AND NOT {Needed} RETURNING feed_id, key",
                    new { ids }, tx)).ToList();
                await c.ExecuteAsync(
                    """
                    INSERT INTO entry_tombstones (feed_id, key, removed_at, seen_at) VALUES (@FeedId, @Key, @now, @now)
                    ON CONFLICT (feed_id, key) DO NOTHING
                    """, gone.Select(g => new { g.FeedId, g.Key, now }), tx);
                await c.ExecuteAsync("UPDATE feeds SET entry_count = entry_count - @removed WHERE id = @feedId",
                    gone.GroupBy(g => g.FeedId).Select(g => new { feedId = g.Key, removed = (long)g.Count() }), tx);
                return gone.Count;
            }, cancellationToken);
        }
    }
}
