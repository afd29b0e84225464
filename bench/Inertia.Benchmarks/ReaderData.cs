using System.Diagnostics;
using Dapper;
using Inertia.Reader.Storage;

namespace Inertia.Benchmarks;

/// <summary>
/// The reader benchmark's two readers on a site made by <see cref="SiteData"/> (bench/reader.sh): reader-heavy reads the
/// first 200 feeds in four categories with every entry unread (100,000), reader-light the next 400 with everything read
/// but 50 entries (of 200,000). Their state is set afresh on every run (a run marks entries read); the users themselves
/// are made by `inertia user add`, which sets their passwords. Deterministic.
/// </summary>
public static class ReaderData
{
    public static async Task RunAsync(DatabaseOptions options)
    {
        var database = new Database(options);
        var clock = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await using var connection = await database.OpenAsync();
        var heavy = await UserStore.FindAsync(connection, "reader-heavy") ?? throw new InvalidOperationException("add reader-heavy first (inertia user add)");
        var light = await UserStore.FindAsync(connection, "reader-light") ?? throw new InvalidOperationException("add reader-light first (inertia user add)");
        var feeds = (await connection.QueryAsync<(long Id, long High)>(
            "SELECT f.id, MAX(e.id) FROM feeds f JOIN entries e ON e.feed_id = f.id GROUP BY f.id ORDER BY f.id")).ToArray();
        if (feeds.Length < 600)
        {
            throw new InvalidOperationException($"the site has {feeds.Length} feeds with entries; run site-data first");
        }
        await using var tx = await connection.BeginTransactionAsync();
        var users = new { heavy, light };
        await connection.ExecuteAsync("DELETE FROM entry_states WHERE user_id IN (@heavy, @light)", users, tx);
        await connection.ExecuteAsync("DELETE FROM unread_entries WHERE user_id IN (@heavy, @light)", users, tx);
        await connection.ExecuteAsync("DELETE FROM subscriptions WHERE user_id IN (@heavy, @light)", users, tx);
        var categories = new long[4];
        for (var c = 0; c < categories.Length; c++)
        {
            categories[c] = await connection.ExecuteScalarAsync<long>(
                "INSERT INTO categories (user_id, title) VALUES (@heavy, @title) ON CONFLICT (user_id, title) DO UPDATE SET title = excluded.title RETURNING id",
                new { heavy, title = $"Topic {c + 1}" }, tx);
        }
        for (var i = 0; i < 200; i++)
        {
            await connection.ExecuteAsync(
                "INSERT INTO subscriptions (user_id, feed_id, category_id, read_through, created_at) VALUES (@heavy, @feed, @category, 0, @now)",
                new { heavy, feed = feeds[i].Id, category = categories[i % categories.Length], now }, tx);
        }
        for (var i = 200; i < 600; i++)
        {
            await connection.ExecuteAsync(
                "INSERT INTO subscriptions (user_id, feed_id, read_through, created_at) VALUES (@light, @feed, @high, @now)",
                new { light, feed = feeds[i].Id, high = feeds[i].High, now }, tx);
        }
        // reader-light keeps 50 entries unread, below the watermark of 50 feeds
        for (var k = 0; k < 50; k++)
        {
            await connection.ExecuteAsync(
                "INSERT INTO entry_states (user_id, entry_id, is_read, read_at) VALUES (@light, @entry, FALSE, @now)",
                new { light, entry = feeds[200 + k * 8].High - k, now }, tx);
        }
        await ReadState.RebuildUnreadAsync(connection, tx, "s.user_id IN (@heavy, @light)", users);
        await tx.CommitAsync();
        Console.WriteLine($"reader-heavy {await ReadState.UnreadCountAsync(connection, heavy):N0} unread, reader-light "
            + $"{await ReadState.UnreadCountAsync(connection, light):N0} unread, in {clock.Elapsed.TotalSeconds:F1} s");
    }
}
