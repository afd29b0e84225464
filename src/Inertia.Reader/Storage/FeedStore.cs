using System.Data.Common;
using Dapper;

namespace Inertia.Reader.Storage;

/// <summary>Feeds are shared: one row per URL however many users subscribe.</summary>
public static class FeedStore
{
    /// <summary>The id of the feed with this URL, creating it (due at once) when it is new.</summary>
    public static async Task<long> EnsureAsync(DbConnection connection, DbTransaction? transaction, string url, long now)
    {
        await connection.ExecuteAsync(
            "INSERT INTO feeds (url, next_fetch_at, created_at) VALUES (@url, 0, @now) ON CONFLICT (url) DO NOTHING",
            new { url, now }, transaction);
        return await connection.ExecuteScalarAsync<long>("SELECT id FROM feeds WHERE url = @url", new { url }, transaction);
    }

    /// <summary>When the soonest enabled, unleased feed is due (unix seconds), or null when there is none.</summary>
    public static Task<long?> NextDueAtAsync(DbConnection connection, long now) =>
        connection.ExecuteScalarAsync<long?>(
            "SELECT MIN(next_fetch_at) FROM feeds WHERE disabled_reason IS NULL AND (lease_until IS NULL OR lease_until < @now)", new { now });
}
