using Dapper;
using Inertia.Feeds.Model;
using Inertia.Reader.Storage;

namespace Inertia.Reader.Tests;

[Collection(PostgresCollection.Name)]
public sealed class ReadStateTests(PostgresServer postgres) : ProviderTest(postgres)
{
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Unread_counts_pages_and_mark_all_read_follow_the_watermarks(DatabaseProvider provider)
    {
        await using var db = await NewMigratedDatabaseAsync(provider);
        await using var c = await db.OpenAsync();
        var ann = (await UserStore.AddAsync(c, "ann", "pw", false, 1))!.Value;
        var bob = (await UserStore.AddAsync(c, "bob", "pw", false, 1))!.Value;
        await SubscriptionStore.SubscribeAsync(c, null, ann, "https://a.example/rss", "Tech", null, null, 1);
        await SubscriptionStore.SubscribeAsync(c, null, ann, "https://b.example/rss", null, null, null, 1);
        await SubscriptionStore.SubscribeAsync(c, null, bob, "https://a.example/rss", null, null, null, 1);
        var a = await FeedStore.EnsureAsync(c, null, "https://a.example/rss", 1);
        var b = await FeedStore.EnsureAsync(c, null, "https://b.example/rss", 1);
        async Task Add(long feed, params string[] keys)
        {
            await using var tx = await c.BeginTransactionAsync();
            await EntryStore.UpsertAsync(c, tx, feed, [.. keys.Select(k => new ParsedEntry { Key = k, Title = k })], e => e, 2);
            await tx.CommitAsync();
        }
        await Add(a, "a1", "a2", "a3", "a4", "a5");
        await Add(b, "b1", "b2", "b3", "b4", "b5");
        var ids = (await c.QueryAsync<(string Key, long Id)>("SELECT key, id FROM entries")).ToDictionary(r => r.Key, r => r.Id);

        Assert.Equal(10, await ReadState.UnreadCountAsync(c, ann));
        Assert.Equal(5, await ReadState.UnreadCountAsync(c, bob));
        await ReadState.SetReadAsync(c, ann, ids["a2"], read: true, 3);
        await ReadState.SetStarredAsync(c, ann, ids["a3"], starred: true, 3);
        Assert.Equal(9, await ReadState.UnreadCountAsync(c, ann));
        Assert.Equal(5, await ReadState.UnreadCountAsync(c, bob)); // per user

        // keyset pages, newest first, skipping what is read
        var first = await ReadState.UnreadPageAsync(c, ann, null, 3);
        var second = await ReadState.UnreadPageAsync(c, ann, first[^1].Id, 3);
        Assert.Equal(["b5", "b4", "b3"], first.Select(e => e.Title));
        Assert.Equal(["b2", "b1", "a5"], second.Select(e => e.Title));

        // mark one category read up to what was shown; what arrives later stays unread
        var category = await c.ExecuteScalarAsync<long>("SELECT id FROM categories WHERE title = 'Tech'");
        await ReadState.MarkAllReadAsync(c, ann, ids["a5"], categoryId: category);
        await Add(a, "a6");
        Assert.Equal(6, await ReadState.UnreadCountAsync(c, ann));
        Assert.Equal(6, await ReadState.UnreadCountAsync(c, bob));

        // everything read, then one kept unread below the watermark; the star survives
        var newest = await c.ExecuteScalarAsync<long>("SELECT MAX(id) FROM entries");
        await ReadState.MarkAllReadAsync(c, ann, newest);
        Assert.Equal(0, await ReadState.UnreadCountAsync(c, ann));
        await ReadState.SetReadAsync(c, ann, ids["b2"], read: false, 4);
        Assert.Equal(1, await ReadState.UnreadCountAsync(c, ann));
        Assert.Equal(["b2"], (await ReadState.UnreadPageAsync(c, ann, null)).Select(e => e.Title));
        Assert.True(await c.ExecuteScalarAsync<bool>("SELECT is_starred FROM entry_states WHERE entry_id = @e", new { e = ids["a3"] }));
        // mark-all-read is one statement on the watermarks: no per-entry rows were written
        Assert.Equal(2, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM entry_states"));
    }
}
