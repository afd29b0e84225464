using System.Collections.Concurrent;
using System.Diagnostics;
using Dapper;
using Inertia.Reader.Fetching;
using Inertia.Reader.Refresh;
using Inertia.Reader.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Inertia.Reader.Tests;

/// <summary>Leases between instances: outcomes written only under the lease, renewed while work runs, dead holders replaced at once.</summary>
[Collection(PostgresCollection.Name)]
public sealed class LeaseTests(PostgresServer postgres) : ProviderTest(postgres)
{
    private static FeedFetcher Fetcher() => FetchingServices.CreateFetcher(
        new FetchOptions { AllowPrivateNetworks = true, RetryAttempts = 0, AttemptTimeout = TimeSpan.FromSeconds(20), TotalTimeout = TimeSpan.FromSeconds(30) });

    private static string Rss(string key) => $"<rss version=\"2.0\"><channel><title>t</title><item><guid>{key}</guid><title>{key}</title></item></channel></rss>";

    private static async Task<long> AddFeedAsync(Database db, string url)
    {
        await using var c = await db.OpenAsync();
        return await FeedStore.EnsureAsync(c, null, url, 1);
    }

    private static async Task<T> ScalarAsync<T>(Database db, string sql, object? args = null)
    {
        await using var c = await db.OpenAsync();
        return (await c.ExecuteScalarAsync<T>(sql, args))!;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "timed out");
            await Task.Delay(20);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_instance_whose_lease_was_taken_over_does_not_overwrite_the_new_holders_outcome(DatabaseProvider provider)
    {
        var release = new TaskCompletionSource();
        var requests = 0;
        await using var site = await FeedServer.StartAsync(app => app.MapGet("/feed", async (HttpContext c) =>
        {
            var n = Interlocked.Increment(ref requests);
            if (n == 1)
            {
                await release.Task; // the first holder's fetch stalls
            }
            c.Response.Headers.ETag = $"\"v{n}\"";
            return Results.Text(Rss("k"), "application/rss+xml");
        }));
        await using var db = await NewMigratedDatabaseAsync(provider);
        var feed = await AddFeedAsync(db, site.Url("/feed").ToString());
        var first = new FeedRefresher(db, Fetcher());
        var running = first.RefreshDueAsync();
        await WaitUntilAsync(() => Volatile.Read(ref requests) == 1);

        // its lease runs out (a long pause, a partition): another instance takes the feed and finishes it
        await using (var c = await db.OpenAsync())
        {
            await c.ExecuteAsync("UPDATE feeds SET lease_until = 1, next_fetch_at = 0 WHERE id = @feed", new { feed });
        }
        var second = new FeedRefresher(db, Fetcher());
        Assert.Equal(1, (await second.RefreshDueAsync()).Ok);
        Assert.Equal("\"v2\"", await ScalarAsync<string>(db, "SELECT etag FROM feeds WHERE id = @feed", new { feed }));

        // the first one's answer comes at last: its outcome is not written over the second's
        release.SetResult();
        await running;
        Assert.Equal(1, first.LostLeases);
        Assert.Equal("\"v2\"", await ScalarAsync<string>(db, "SELECT etag FROM feeds WHERE id = @feed", new { feed }));
        Assert.Equal(1, await ScalarAsync<long>(db, "SELECT COUNT(*) FROM entries"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_lease_is_renewed_while_the_work_on_a_feed_runs_long(DatabaseProvider provider)
    {
        var release = new TaskCompletionSource();
        var requested = new TaskCompletionSource();
        await using var site = await FeedServer.StartAsync(app => app.MapGet("/slow", async () =>
        {
            requested.TrySetResult();
            await release.Task;
            return Results.Text(Rss("k"), "application/rss+xml");
        }));
        await using var db = await NewMigratedDatabaseAsync(provider);
        var feed = await AddFeedAsync(db, site.Url("/slow").ToString());
        var refresher = new FeedRefresher(db, Fetcher()) { Lease = TimeSpan.FromSeconds(3) };
        var running = refresher.RefreshDueAsync();
        await requested.Task;
        var claimed = await ScalarAsync<long>(db, "SELECT lease_until FROM feeds WHERE id = @feed", new { feed });
        // past the lease's own length, it is still held, and further out than when it was claimed
        await Task.Delay(TimeSpan.FromSeconds(4));
        var renewed = await ScalarAsync<long>(db, "SELECT lease_until FROM feeds WHERE id = @feed", new { feed });
        Assert.True(renewed > claimed, $"lease_until {claimed} → {renewed}");
        Assert.True(renewed > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        release.SetResult();
        Assert.Equal(1, (await running).Ok);
        Assert.Equal(0, refresher.LostLeases);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_live_instances_leases_are_left_alone_and_a_dead_ones_are_taken_over_at_once(DatabaseProvider provider)
    {
        await using var site = await FeedServer.StartAsync(app => app.MapGet("/feed", () => Results.Text(Rss("k"), "application/rss+xml")));
        await using var db = await NewMigratedDatabaseAsync(provider);
        var feed = await AddFeedAsync(db, site.Url("/feed").ToString());
        var other = new InstanceLiveness(db);
        await other.EnsureHeldAsync();
        Assert.Matches("^[0-9a-f]{16}$", other.Id);
        await using (var c = await db.OpenAsync())
        {
            await c.ExecuteAsync("UPDATE feeds SET lease_owner = @owner, lease_until = @until WHERE id = @feed",
                new { owner = other.Id, until = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 3600, feed });
        }
        await using var mine = new InstanceLiveness(db);
        Assert.NotEqual(other.Id, mine.Id);
        var refresher = new FeedRefresher(db, Fetcher(), liveness: mine);
        Assert.Equal(0, (await refresher.RefreshDueAsync()).Feeds);

        // the other instance ends (its process dies, which frees its lock): its lease is not waited out
        await other.DisposeAsync();
        Assert.Equal(1, (await refresher.RefreshDueAsync()).Ok);
    }

    [Fact]
    public async Task Feeds_of_a_slow_host_wait_for_that_host_without_holding_the_slots_other_hosts_need()
    {
        var arrivals = new ConcurrentQueue<(string Path, long At)>();
        var slowDone = 0;
        var clock = Stopwatch.StartNew();
        await using var site = await FeedServer.StartAsync(app =>
        {
            app.MapGet("/slow/{n}", async (string n) =>
            {
                await Task.Delay(1500);
                Interlocked.Increment(ref slowDone);
                return Results.Text(Rss("s" + n), "application/rss+xml");
            });
            app.MapGet("/fast/{n}", (string n) =>
            {
                arrivals.Enqueue(($"fast {n}", Volatile.Read(ref slowDone)));
                return Results.Text(Rss("f" + n), "application/rss+xml");
            });
        });
        await using var db = await NewMigratedDatabaseAsync(DatabaseProvider.Sqlite);
        // the slow host's feeds come first in the claim order; "localhost" and 127.0.0.1 are two hosts to the refresher
        for (var i = 0; i < 6; i++)
        {
            await AddFeedAsync(db, $"http://localhost:{site.Root.Port}/slow/{i}");
        }
        for (var i = 0; i < 6; i++)
        {
            await AddFeedAsync(db, site.Url($"/fast/{i}").ToString());
        }
        var refresher = new FeedRefresher(db, Fetcher()) { Concurrency = 4, PerHost = 2 };
        var summary = await refresher.RefreshDueAsync();
        Assert.Equal(12, summary.Ok);
        // every fast feed was fetched while the slow host was still on its first two
        Assert.Equal(6, arrivals.Count);
        Assert.All(arrivals, a => Assert.True(a.At < 2, $"{a.Path} waited for {a.At} slow fetches ({clock.ElapsedMilliseconds} ms)"));
    }
}
