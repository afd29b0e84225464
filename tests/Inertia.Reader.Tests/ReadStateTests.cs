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
        await ReadState.SetReadAsync(db, ann, ids["a2"], read: true, 3);
        await ReadState.SetStarredAsync(db, ann, ids["a3"], starred: true, 3);
        Assert.Equal(9, await ReadState.UnreadCountAsync(c, ann));
        Assert.Equal(5, await ReadState.UnreadCountAsync(c, bob)); // per user

        // keyset pages, newest first, skipping what is read
        var first = await ReadState.UnreadPageAsync(c, ann, null, 3);
        var second = await ReadState.UnreadPageAsync(c, ann, first[^1].Id, 3);
        Assert.Equal(["b5", "b4", "b3"], first.Select(e => e.Title));
        Assert.Equal(["b2", "b1", "a5"], second.Select(e => e.Title));

        // mark one category read up to what was shown; what arrives later stays unread
        var category = await c.ExecuteScalarAsync<long>("SELECT id FROM categories WHERE title = 'Tech'");
        await ReadState.MarkAllReadAsync(db, ann, ids["a5"], categoryId: category);
        await Add(a, "a6");
        Assert.Equal(6, await ReadState.UnreadCountAsync(c, ann));
        Assert.Equal(6, await ReadState.UnreadCountAsync(c, bob));

        // everything read, then one kept unread below the watermark; the star survives
        var newest = await c.ExecuteScalarAsync<long>("SELECT MAX(id) FROM entries");
        await ReadState.MarkAllReadAsync(db, ann, newest);
        Assert.Equal(0, await ReadState.UnreadCountAsync(c, ann));
        await ReadState.SetReadAsync(db, ann, ids["b2"], read: false, 4);
        Assert.Equal(1, await ReadState.UnreadCountAsync(c, ann));
        Assert.Equal(["b2"], (await ReadState.UnreadPageAsync(c, ann, null)).Select(e => e.Title));
        Assert.True(await c.ExecuteScalarAsync<bool>("SELECT is_starred FROM entry_states WHERE entry_id = @e", new { e = ids["a3"] }));
        // mark-all-read is one statement on the watermarks: no per-entry rows were written
        Assert.Equal(2, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM entry_states"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_kept_unread_counters_always_equal_a_count_from_the_entries(DatabaseProvider provider)
    {
        await using var db = await NewMigratedDatabaseAsync(provider);
        await using var c = await db.OpenAsync();
        long[] users = [(await UserStore.AddAsync(c, "ann", "pw", false, 1))!.Value, (await UserStore.AddAsync(c, "bob", "pw", false, 1))!.Value];
        string[] urls = ["https://a.example/rss", "https://b.example/rss", "https://c.example/rss", "https://d.example/rss"];
        var feeds = new List<long>();
        foreach (var url in urls)
        {
            feeds.Add(await FeedStore.EnsureAsync(c, null, url, 1));
        }
        await SubscriptionStore.SubscribeAsync(c, null, users[0], urls[0], "Tech", null, null, 1);
        await SubscriptionStore.SubscribeAsync(c, null, users[0], urls[1], "Tech", null, null, 1);
        await SubscriptionStore.SubscribeAsync(c, null, users[1], urls[1], null, null, null, 1);
        var rnd = new Random(20261128); // fixed: the same 150 steps on every run
        var next = 0;
        var keptUnread = false;
        int unsubscribed = 0, edited = 0;
        for (var step = 0; step < 150; step++)
        {
            var user = users[rnd.Next(users.Length)];
            var ids = (await c.QueryAsync<long>("SELECT id FROM entries ORDER BY id")).ToList();
            var op = rnd.Next(8);
            switch (op)
            {
                case 0 or 1: // a fetch: a few new entries, sometimes one the feed already has
                    var feed = feeds[rnd.Next(feeds.Count)];
                    var keys = Enumerable.Range(0, rnd.Next(1, 5)).Select(_ => $"k{next++}").Append($"k{rnd.Next(Math.Max(1, next))}");
                    await using (var tx = await c.BeginTransactionAsync())
                    {
                        await EntryStore.UpsertAsync(c, tx, feed, [.. keys.Distinct().Select(k => new ParsedEntry { Key = k, Title = k })], e => e, 2);
                        await tx.CommitAsync();
                    }
                    break;
                case 2 when ids.Count > 0: // mark one entry, possibly twice the same way, possibly of a feed the user does not read
                    await ReadState.SetReadAsync(db, user, ids[rnd.Next(ids.Count)], read: rnd.Next(2) == 0, 3);
                    break;
                case 3 when ids.Count > 0: // mark all read up to some entry: one feed, the category, or everything
                    var upTo = ids[rnd.Next(ids.Count)];
                    var category = await c.ExecuteScalarAsync<long?>("SELECT id FROM categories WHERE user_id = @user", new { user });
                    switch (rnd.Next(3))
                    {
                        case 0:
                            await ReadState.MarkAllReadAsync(db, user, upTo, feedId: feeds[rnd.Next(feeds.Count)]);
                            break;
                        case 1 when category is not null:
                            await ReadState.MarkAllReadAsync(db, user, upTo, categoryId: category);
                            break;
                        default:
                            await ReadState.MarkAllReadAsync(db, user, upTo);
                            break;
                    }
                    break;
                case 4: // subscribe to a feed that may already have entries
                    await SubscriptionStore.SubscribeAsync(c, null, user, urls[rnd.Next(urls.Length)], null, null, null, 4);
                    break;
                case 5: // retention removes only what nobody needs
                    await Retention.RunAsync(db, new RetentionPolicy(3, 4, 3, 4, 0), 5);
                    break;
                case 6 when rnd.Next(3) == 0: // unsubscribe, now and then
                    unsubscribed += await SubscriptionStore.UnsubscribeAsync(c, user, feeds[rnd.Next(feeds.Count)]) ? 1 : 0;
                    break;
                case 7 when ids.Count > 0: // an entry edited by its feed, dated earlier: its place in unread lists moves
                    var (editedFeed, editedKey) = await c.QuerySingleAsync<(long, string)>("SELECT feed_id, key FROM entries WHERE id = @id", new { id = ids[rnd.Next(ids.Count)] });
                    await using (var tx = await c.BeginTransactionAsync())
                    {
                        await EntryStore.UpsertAsync(c, tx, editedFeed,
                            [new ParsedEntry { Key = editedKey, Title = $"{editedKey} edited at {step}", Published = DateTimeOffset.FromUnixTimeSeconds(1) }], e => e, 6);
                        await tx.CommitAsync();
                    }
                    edited++;
                    break;
            }
            foreach (var u in users)
            {
                Assert.True(await ReadState.ExactUnreadCountAsync(c, u) == await ReadState.UnreadCountAsync(c, u), $"step {step} (operation {op}), user {u}");
                // the unread rows are exactly the unread entries, with their entries' dates
                var exact = (await c.QueryAsync<long>(
                    $"""
                    SELECT e.id FROM subscriptions s JOIN entries e ON e.feed_id = s.feed_id
                    LEFT JOIN entry_states st ON st.user_id = s.user_id AND st.entry_id = e.id
                    WHERE s.user_id = @u AND NOT (CASE WHEN e.id <= s.read_through THEN COALESCE(st.is_read, TRUE) ELSE COALESCE(st.is_read, FALSE) END)
                    ORDER BY e.id
                    """, new { u })).ToList();
                Assert.True(exact.SequenceEqual(await c.QueryAsync<long>("SELECT entry_id FROM unread_entries WHERE user_id = @u ORDER BY entry_id", new { u })),
                    $"unread rows, step {step} (operation {op}), user {u}");
            }
            Assert.Equal(0, await c.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM unread_entries u JOIN entries e ON e.id = u.entry_id WHERE u.sort_at <> e.sort_at OR u.feed_id <> e.feed_id OR u.created_at <> e.created_at"));
            Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM feeds f WHERE f.entry_count <> (SELECT COUNT(*) FROM entries e WHERE e.feed_id = f.id)"));
            keptUnread |= await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM entry_states WHERE is_read = FALSE") > 0;
        }
        // the run did reach the interesting states
        Assert.True(keptUnread, "no entry was ever kept unread below a watermark");
        Assert.True(unsubscribed > 0 && edited > 0, $"unsubscribed {unsubscribed}, edited {edited}");
        Assert.True(await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM subscriptions WHERE read_through > 0") > 0);
        Assert.True(await ReadState.UnreadCountAsync(c, users[0]) > 0);
    }
}
