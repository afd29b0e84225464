using Dapper;
using Inertia.Feeds.Model;
using Inertia.Reader.Storage;

namespace Inertia.Reader.Tests;

[Collection(PostgresCollection.Name)]
public sealed class RetentionTests(PostgresServer postgres) : ProviderTest(postgres)
{
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Removes_old_read_entries_and_the_surplus_but_never_starred_or_unread_ones(DatabaseProvider provider)
    {
        await using var db = await NewMigratedDatabaseAsync(provider);
        await using var c = await db.OpenAsync();
        var ann = (await UserStore.AddAsync(c, "ann", "pw", false, 1))!.Value;
        await SubscriptionStore.SubscribeAsync(c, null, ann, "https://f.example/rss", null, null, null, 1);
        var feed = await FeedStore.EnsureAsync(c, null, "https://f.example/rss", 1);
        await using (var tx = await c.BeginTransactionAsync())
        {
            // entries 1–10 created at t=100 (old), 11–20 at t=1000 (recent); each title says its number
            await EntryStore.UpsertAsync(c, tx, feed, [.. Enumerable.Range(1, 10).Select(i => new ParsedEntry { Key = $"k{i}", Title = $"retained-{i:D2}" })], e => e, 100);
            await EntryStore.UpsertAsync(c, tx, feed, [.. Enumerable.Range(11, 10).Select(i => new ParsedEntry { Key = $"k{i}", Title = $"retained-{i:D2}" })], e => e, 1000);
            await tx.CommitAsync();
        }
        var ids = (await c.QueryAsync<long>("SELECT id FROM entries ORDER BY id")).ToList();
        // ann has read everything up to entry 15, but kept entry 3 unread and starred entry 4
        await c.ExecuteAsync("UPDATE subscriptions SET read_through = @through", new { through = ids[14] });
        await c.ExecuteAsync("INSERT INTO entry_states (user_id, entry_id, is_read, is_starred) VALUES (@ann, @e3, FALSE, FALSE), (@ann, @e4, NULL, TRUE)",
            new { ann, e3 = ids[2], e4 = ids[3] });

        var removed = await Retention.RunAsync(c, olderThan: 500, maxPerFeed: 8);

        var left = (await c.QueryAsync<string>("SELECT title FROM entries ORDER BY id")).Select(t => int.Parse(t[9..]).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        // old and read: 1, 2, 5–10 go; 3 (kept unread) and 4 (starred) stay. Past the newest 8 (13–20): 11 and 12 are read
        // and go; 3 and 4 are past it too but needed
        Assert.Equal(["3", "4", "13", "14", "15", "16", "17", "18", "19", "20"], left);
        Assert.Equal(10, removed);
        // the search index follows: a removed entry is not found, a kept one is
        Assert.Empty(await EntrySearch.SearchAsync(c, provider, ann, "retained-11"));
        Assert.Single(await EntrySearch.SearchAsync(c, provider, ann, "retained-13"));
    }
}
