using System.Data.Common;
using System.Diagnostics;
using Dapper;
using Inertia.Reader.Storage;

namespace Inertia.Benchmarks;

/// <summary>
/// Storage at scale: 1,000,000 entries in 1,000 feeds, 100 users subscribed to 100 feeds each (about 100,000 entries per
/// user; half the users have read the older half). Times the reader's real queries: unread count, first page of 50 unread,
/// and search (a 4-character and a 2-character Chinese query, an English word), p50 and p95 over 200 random users each.
/// </summary>
public static class StorageScale
{
    public static async Task RunAsync(DatabaseOptions options, int entries = 1_000_000)
    {
        await using var db = new Database(options);
        await Migrator.MigrateAsync(db);
        await using var c = await db.OpenAsync();
        var load = Stopwatch.StartNew();
        await LoadAsync(c, db.Provider, entries);
        Console.WriteLine($"{db.Provider}: loaded {entries:N0} entries, 100 users in {load.Elapsed.TotalSeconds:F0} s");

        var random = new Random(7);
        await Time("unread count", () => ReadState.UnreadCountAsync(c, random.Next(1, 101)));
        await Time("first page of 50 unread", () => ReadState.UnreadPageAsync(c, random.Next(1, 101), null, 50));
        await Time("search '高效追踪'", () => EntrySearch.SearchAsync(c, db.Provider, random.Next(1, 101), "高效追踪"));
        await Time("search '惯性' (2 characters)", () => EntrySearch.SearchAsync(c, db.Provider, random.Next(1, 101), "惯性"));
        await Time("search 'resilience'", () => EntrySearch.SearchAsync(c, db.Provider, random.Next(1, 101), "resilience"));
    }

    private static async Task Time<T>(string name, Func<Task<T>> query)
    {
        for (var i = 0; i < 20; i++)
        {
            await query(); // warm caches
        }
        var samples = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            var sw = Stopwatch.StartNew();
            await query();
            samples.Add(sw.Elapsed.TotalMilliseconds);
        }
        samples.Sort();
        Console.WriteLine($"| {name} | {samples[100]:F2} ms | {samples[190]:F2} ms |");
    }

    private static async Task LoadAsync(DbConnection c, DatabaseProvider provider, int entries)
    {
        await using var tx = await c.BeginTransactionAsync();
        var pg = provider == DatabaseProvider.Postgres;
        var series = pg ? $"generate_series(0, {entries - 1}) AS g(i)" : $"(WITH RECURSIVE g(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM g WHERE i < {entries - 1}) SELECT i FROM g) AS g";
        var small = (int n) => pg ? $"generate_series(0, {n - 1}) AS g(i)" : $"(WITH RECURSIVE g(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM g WHERE i < {n - 1}) SELECT i FROM g) AS g";
        var text = pg ? "i::text" : "CAST(i AS TEXT)";
        var hash = pg ? "decode(md5(i::text), 'hex')" : "randomblob(16)";
        await c.ExecuteAsync($"INSERT INTO feeds (url, title, next_fetch_at, created_at) SELECT 'https://feed' || {text} || '.example/rss', 'Feed ' || {text}, 0, 0 FROM {small(1000)}", transaction: tx);
        await c.ExecuteAsync($"INSERT INTO users (name, password_hash, created_at) SELECT 'user' || {text}, 'x', 0 FROM {small(100)}", transaction: tx);
        // user u subscribes to 100 distinct feeds ((37u + 11k) mod 1000); odd users have read everything older than the middle
        await c.ExecuteAsync(
            $"""
            INSERT INTO subscriptions (user_id, feed_id, read_through, created_at)
            SELECT u.id, ((37 * u.id + 11 * (g.i % 100)) % 1000) + 1, CASE WHEN u.id % 2 = 1 THEN {entries / 2} ELSE 0 END, 0
            FROM users u JOIN {small(100)} ON TRUE
            """, transaction: tx);
        var words = "'惯性聚合 高效追踪和阅读你感兴趣的博客、新闻、科技资讯 Engineering resilience: stream, validate, batch, insert, report #' || " + text;
        await c.ExecuteAsync(
            $"""
            INSERT INTO entries (feed_id, key, url, title, content, content_hash, created_at, published_at, search_text)
            SELECT (i % 1000) + 1, 'k' || {text}, 'https://e.example/' || {text}, 'Entry ' || {text},
                   '<p>' || {words} || '</p>', {hash}, i, i,
                   lower(CASE WHEN i % 50 = 0 THEN 'Entry ' || {text} || ' ' || {words} ELSE 'Entry ' || {text} || ' nothing to see ' || {text} END)
            FROM {series}
            """, transaction: tx, commandTimeout: 3600);
        if (!pg)
        {
            // SQLite's word index is filled by ingest, not by a trigger: the same code the migration uses for stored entries
            await EntrySearch.IndexAllAsync(c, tx);
        }
        // the unread counters, as the migration sets them for what is stored
        await ReadState.RecountAsync(c, tx);
        await tx.CommitAsync();
        // statistics for the planner, and (PostgreSQL) the visibility map that lets counts use index-only scans: what
        // autovacuum gives an insert-heavy table in steady state (one word: Dapper would take it for a stored procedure)
        var started = Stopwatch.StartNew();
        await c.ExecuteAsync(pg ? "VACUUM (ANALYZE) entries; ANALYZE" : "ANALYZE", commandType: System.Data.CommandType.Text, commandTimeout: 3600);
        Console.WriteLine($"{(pg ? "VACUUM (ANALYZE)" : "ANALYZE")} took {started.Elapsed.TotalSeconds:0} s");
    }
}
