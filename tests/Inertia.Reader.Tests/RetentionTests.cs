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

        var removed = (await Retention.RunAsync(db, new RetentionPolicy(OlderThan: 500, MaxPerFeed: 8, PublicOlderThan: 500, PublicMaxPerFeed: 8, TombstonesUnseenSince: 0), now: 2000)).Entries;

        var left = (await c.QueryAsync<string>("SELECT title FROM entries ORDER BY id")).Select(t => int.Parse(t[9..]).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        // old and read: 1, 2, 5–10 go; 3 (kept unread) and 4 (starred) stay. Past the newest 8 (13–20): 11 and 12 are read
        // and go; 3 and 4 are past it too but needed
        Assert.Equal(["3", "4", "13", "14", "15", "16", "17", "18", "19", "20"], left);
        Assert.Equal(10, removed);
        // the search index follows: a removed entry is not found, a kept one is
        Assert.Empty(await EntrySearch.SearchAsync(c, provider, ann, "retained-11"));
        Assert.Single(await EntrySearch.SearchAsync(c, provider, ann, "retained-13"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Removed_entries_do_not_come_back_when_the_feed_still_lists_them(DatabaseProvider provider)
    {
        await using var db = await NewMigratedDatabaseAsync(provider);
        await using var c = await db.OpenAsync();
        var ann = (await UserStore.AddAsync(c, "ann", "pw", false, 1))!.Value;
        await SubscriptionStore.SubscribeAsync(c, null, ann, "https://f.example/rss", null, null, null, 1);
        var feed = await FeedStore.EnsureAsync(c, null, "https://f.example/rss", 1);
        ParsedEntry[] document = [.. Enumerable.Range(1, 20).Select(i => new ParsedEntry { Key = $"k{i}", Title = $"entry {i}" })];
        async Task<UpsertResult> FetchAsync(long now)
        {
            await using var tx = await c.BeginTransactionAsync();
            var result = await EntryStore.UpsertAsync(c, tx, feed, document, e => e, now);
            await tx.CommitAsync();
            return result;
        }
        Assert.Equal(20, (await FetchAsync(100)).Inserted);
        await ReadState.MarkAllReadAsync(db, ann, await c.ExecuteScalarAsync<long>("SELECT MAX(id) FROM entries"));
        var policy = new RetentionPolicy(OlderThan: 0, MaxPerFeed: 5, PublicOlderThan: 0, PublicMaxPerFeed: 5, TombstonesUnseenSince: 0);
        Assert.Equal(15, (await Retention.RunAsync(db, policy, now: 200)).Entries);

        // the same document, fetched again two days later, inserts nothing: the removed keys are remembered
        var again = await FetchAsync(200 + 2 * 86_400);
        Assert.Equal((0, 0, 20), (again.Inserted, again.Updated, again.Unchanged));
        Assert.Equal(5, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM entries"));
        Assert.Equal(0, await ReadState.UnreadCountAsync(c, ann));
        Assert.Equal(15, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM entry_tombstones"));
        // that fetch saw the tombstones: a purge of those unseen since before it keeps them, one after it drops them
        Assert.Equal(0, (await Retention.RunAsync(db, policy with { TombstonesUnseenSince = 300 }, now: 400)).Tombstones);
        Assert.Equal(15, (await Retention.RunAsync(db, policy with { TombstonesUnseenSince = 300 + 3 * 86_400 }, now: 400)).Tombstones);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Catalog_and_public_feeds_keep_their_entries_by_their_own_settings(DatabaseProvider provider)
    {
        await using var db = await NewMigratedDatabaseAsync(provider);
        await using var c = await db.OpenAsync();
        long catalog = await FeedStore.EnsureAsync(c, null, "https://catalog.example/rss", 1);
        long marked = await FeedStore.EnsureAsync(c, null, "https://public.example/rss", 1);
        long other = await FeedStore.EnsureAsync(c, null, "https://nobody.example/rss", 1);
        await c.ExecuteAsync("INSERT INTO catalog_feeds (feed_id, added_at) VALUES (@catalog, 1)", new { catalog });
        await c.ExecuteAsync("UPDATE feeds SET is_public = TRUE WHERE id = @marked", new { marked });
        foreach (var feed in new[] { catalog, marked, other })
        {
            await using var tx = await c.BeginTransactionAsync();
            await EntryStore.UpsertAsync(c, tx, feed, [.. Enumerable.Range(1, 10).Select(i => new ParsedEntry { Key = $"k{i}", Title = $"t{i}" })], e => e, 100);
            await tx.CommitAsync();
        }
        // nobody subscribes to any of them: private entries older than 500 go, public ones are kept for longer
        var report = await Retention.RunAsync(db, new RetentionPolicy(OlderThan: 500, MaxPerFeed: 100, PublicOlderThan: 50, PublicMaxPerFeed: 4, TombstonesUnseenSince: 0), now: 1000);
        Assert.Equal(10 + 6 + 6, report.Entries);
        Assert.Equal(4, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM entries WHERE feed_id = @catalog", new { catalog }));
        Assert.Equal(4, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM entries WHERE feed_id = @marked", new { marked }));
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM entries WHERE feed_id = @other", new { other }));
    }
}
