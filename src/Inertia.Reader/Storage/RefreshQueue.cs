using System.Data.Common;
using Dapper;

namespace Inertia.Reader.Storage;

/// <summary>A feed as the refresh queue shows it: when it is due, who holds it, how it last went.</summary>
public sealed class QueuedFeed
{
    public long Id { get; init; }
    public required string Url { get; init; }
    public string? Title { get; init; }
    public long NextFetchAt { get; init; }
    public long? LastFetchedAt { get; init; }
    public int ErrorCount { get; init; }
    public string? LastError { get; init; }
    public string? DisabledReason { get; init; }
    public string? LeaseOwner { get; init; }
    public long? LeaseUntil { get; init; }
    public long Subscribers { get; init; }

    public string Name => !string.IsNullOrWhiteSpace(Title) ? Title : Url;
}

/// <summary>How many feeds the refresh holds, and in what state.</summary>
public sealed class QueueCounts
{
    public long Feeds { get; init; }
    public long Due { get; init; }
    public long Leased { get; init; }
    public long Failing { get; init; }
    public long Stopped { get; init; }
}

/// <summary>The administrator's view of the refresh: counts, the feeds due next, those being fetched, those failing; retry and restart.</summary>
public static class RefreshQueue
{
    private const string Columns =
        """
        f.id AS Id, f.url AS Url, COALESCE(f.title, cf.title) AS Title, f.next_fetch_at AS NextFetchAt, f.last_fetched_at AS LastFetchedAt,
        f.error_count AS ErrorCount, f.last_error AS LastError, f.disabled_reason AS DisabledReason, f.lease_owner AS LeaseOwner,
        f.lease_until AS LeaseUntil, (SELECT COUNT(*) FROM subscriptions s WHERE s.feed_id = f.id) AS Subscribers
        FROM feeds f LEFT JOIN catalog_feeds cf ON cf.feed_id = f.id
        """;

    public static Task<QueueCounts> CountsAsync(DbConnection connection, long now) =>
        connection.QuerySingleAsync<QueueCounts>(
            """
            SELECT COUNT(*) AS Feeds,
                COALESCE(SUM(CASE WHEN disabled_reason IS NULL AND next_fetch_at <= @now THEN 1 ELSE 0 END), 0) AS Due,
                COALESCE(SUM(CASE WHEN lease_until >= @now THEN 1 ELSE 0 END), 0) AS Leased,
                COALESCE(SUM(CASE WHEN disabled_reason IS NULL AND error_count > 0 THEN 1 ELSE 0 END), 0) AS Failing,
                COALESCE(SUM(CASE WHEN disabled_reason IS NOT NULL THEN 1 ELSE 0 END), 0) AS Stopped
            FROM feeds
            """, new { now });

    /// <summary>The feeds due soonest (those due already first), not stopped.</summary>
    public static async Task<IReadOnlyList<QueuedFeed>> NextAsync(DbConnection connection, int limit) =>
        [.. await connection.QueryAsync<QueuedFeed>($"SELECT {Columns} WHERE f.disabled_reason IS NULL ORDER BY f.next_fetch_at, f.id LIMIT @limit", new { limit })];

    /// <summary>The feeds an instance is fetching now (their lease not yet run out).</summary>
    public static async Task<IReadOnlyList<QueuedFeed>> LeasedAsync(DbConnection connection, long now, int limit) =>
        [.. await connection.QueryAsync<QueuedFeed>($"SELECT {Columns} WHERE f.lease_until >= @now ORDER BY f.lease_until, f.id LIMIT @limit", new { now, limit })];

    /// <summary>The feeds whose last fetches failed, or that were stopped: the most failures first.</summary>
    public static async Task<IReadOnlyList<QueuedFeed>> FailingAsync(DbConnection connection, int limit) =>
        [.. await connection.QueryAsync<QueuedFeed>(
            $"SELECT {Columns} WHERE f.error_count > 0 OR f.disabled_reason IS NOT NULL ORDER BY CASE WHEN f.disabled_reason IS NULL THEN 1 ELSE 0 END, f.error_count DESC, f.id LIMIT @limit",
            new { limit })];

    /// <summary>
    /// Makes a feed due now; a stopped one (gone, refused too often) is started again with its failures forgotten, so that
    /// the next pass tries it afresh. False when there is no such feed.
    /// </summary>
    public static async Task<bool> RetryAsync(DbConnection connection, long feedId) =>
        await connection.ExecuteAsync(
            "UPDATE feeds SET next_fetch_at = 0, disabled_reason = NULL, error_count = CASE WHEN disabled_reason IS NULL THEN error_count ELSE 0 END WHERE id = @feedId",
            new { feedId }) > 0;
}
