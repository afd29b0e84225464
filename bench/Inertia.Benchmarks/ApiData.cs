using System.Diagnostics;
using Dapper;
using Inertia.Reader.Storage;

namespace Inertia.Benchmarks;

/// <summary>
/// Readers for the client-API benchmark, on top of a site made by <see cref="SiteData"/>: USERS users (api-user-1…) in
/// four categories each, each subscribed to SUBSCRIPTIONS random feeds with the oldest 70% of every feed read (the
/// watermark), a few read entries above it and kept-unread ones below it, and 200 starred entries. Deterministic.
/// </summary>
public static class ApiData
{
    public static async Task RunAsync(DatabaseOptions options, int users, int subscriptionsPerUser)
    {
        var database = new Database(options);
        await Migrator.MigrateAsync(database);
        var clock = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await using var connection = await database.OpenAsync();
        var feeds = (await connection.QueryAsync<(long Id, long Low, long High)>(
            "SELECT f.id, MIN(e.id), MAX(e.id) FROM feeds f JOIN entries e ON e.feed_id = f.id GROUP BY f.id ORDER BY f.id")).ToArray();
        if (feeds.Length < subscriptionsPerUser)
        {
            throw new InvalidOperationException($"the site has {feeds.Length} feeds with entries; run site-data first");
        }
        for (var u = 1; u <= users; u++)
        {
            var name = $"api-user-{u}";
            // no password sign-in: the benchmark signs in with an API password made by `inertia user api-key`
            var userId = await UserStore.AddAsync(connection, name, "no-password", admin: false, now) ?? await UserStore.FindAsync(connection, name)
                ?? throw new InvalidOperationException(name);
            await using var tx = await connection.BeginTransactionAsync();
            var random = new Random(u);
            var categories = new long[4];
            for (var c = 0; c < categories.Length; c++)
            {
                categories[c] = await connection.ExecuteScalarAsync<long>(
                    "INSERT INTO categories (user_id, title) VALUES (@userId, @title) ON CONFLICT (user_id, title) DO UPDATE SET title = excluded.title RETURNING id",
                    new { userId, title = $"Topic {c + 1}" }, tx);
            }
            var chosen = feeds.OrderBy(_ => random.Next()).Take(subscriptionsPerUser).ToArray();
            foreach (var (feedId, low, high) in chosen)
            {
                var readThrough = low + (long)((high - low + 1) * 0.7);
                await connection.ExecuteAsync(
                    """
                    INSERT INTO subscriptions (user_id, feed_id, category_id, read_through, created_at)
                    VALUES (@userId, @feedId, @category, @readThrough, @now) ON CONFLICT (user_id, feed_id) DO NOTHING
                    """, new { userId, feedId, category = categories[random.Next(categories.Length)], readThrough, now }, tx);
                // a read entry above the watermark and a kept-unread one below it, in every fourth feed
                if (random.Next(4) == 0)
                {
                    await connection.ExecuteAsync(
                        """
                        INSERT INTO entry_states (user_id, entry_id, is_read, read_at) VALUES (@userId, @above, TRUE, @now), (@userId, @below, FALSE, @now)
                        ON CONFLICT DO NOTHING
                        """, new { userId, above = readThrough + 1 + random.Next((int)(high - readThrough)), below = low + random.Next((int)(readThrough - low)), now }, tx);
                }
            }
            for (var s = 0; s < 200; s++)
            {
                var (_, low, high) = chosen[random.Next(chosen.Length)];
                await connection.ExecuteAsync(
                    """
                    INSERT INTO entry_states (user_id, entry_id, is_starred, starred_at) VALUES (@userId, @entry, TRUE, @now)
                    ON CONFLICT (user_id, entry_id) DO UPDATE SET is_starred = TRUE, starred_at = excluded.starred_at
                    """, new { userId, entry = low + random.Next((int)(high - low + 1)), now }, tx);
            }
            await ReadState.RebuildUnreadAsync(connection, tx, "s.user_id = @userId", new { userId });
            await tx.CommitAsync();
            if (u % 10 == 0)
            {
                Console.WriteLine($"{u} users, {clock.Elapsed.TotalSeconds:F0} s");
            }
        }
        var first = await UserStore.FindAsync(connection, "api-user-1");
        Console.WriteLine($"done: {users} users × {subscriptionsPerUser} subscriptions in {clock.Elapsed.TotalSeconds:F0} s; api-user-1 has "
            + $"{await ReadState.UnreadCountAsync(connection, first!.Value):N0} unread");
    }
}
