using Dapper;
using Inertia.Feeds.Model;
using Inertia.Feeds.Parsing;
using Inertia.Reader.Storage;

namespace Inertia.Reader.Tests;

/// <summary>Many clients at once on one database: counters stay exact, ids are seen in order, marks stay per user.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ConcurrencyTests(PostgresServer postgres) : ProviderTest(postgres)
{
    private static async Task IngestAsync(Database db, long feedId, IEnumerable<string> keys, long now)
    {
        List<ParsedEntry> entries = [.. keys.Select(k => new ParsedEntry { Key = k, Title = k })];
        WritePlan plan;
        await using (var c = await db.OpenAsync())
        {
            plan = await EntryStore.PlanAsync(c, null, feedId, entries, now);
        }
        var rows = plan.ToRows(feedId, now, db.Provider);
        await db.Writes.RunAsync((c, tx) => EntryStore.WriteRowsAsync(c, tx, rows, plan.Unchanged));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Eight_clients_marking_the_same_entries_while_ingest_adds_more_leave_every_counter_exact(DatabaseProvider provider)
    {
        await using var db = await NewMigratedDatabaseAsync(provider);
        long ann, bob, one, two;
        await using (var c = await db.OpenAsync())
        {
            ann = (await UserStore.AddAsync(c, "ann", "pw", false, 1))!.Value;
            bob = (await UserStore.AddAsync(c, "bob", "pw", false, 1))!.Value;
            one = await FeedStore.EnsureAsync(c, null, "https://one.example/rss", 1);
            two = await FeedStore.EnsureAsync(c, null, "https://two.example/rss", 1);
            await SubscriptionStore.SubscribeAsync(c, null, ann, "https://one.example/rss", null, null, null, 1);
            await SubscriptionStore.SubscribeAsync(c, null, ann, "https://two.example/rss", null, null, null, 1);
            await SubscriptionStore.SubscribeAsync(c, null, bob, "https://one.example/rss", null, null, null, 1);
        }
        await IngestAsync(db, one, Enumerable.Range(0, 1000).Select(i => $"e{i}"), 2);
        List<long> ids;
        await using (var c = await db.OpenAsync())
        {
            ids = [.. await c.QueryAsync<long>("SELECT id FROM entries ORDER BY id")];
        }

        var clients = Enumerable.Range(0, 8).Select(n => Task.Run(async () =>
        {
            var random = new Random(1000 + n); // fixed per client; the interleaving is what varies
            for (var i = 0; i < 250; i++)
            {
                var user = random.Next(2) == 0 ? ann : bob;
                var entry = ids[random.Next(ids.Count)];
                switch (random.Next(5))
                {
                    case 0 or 1:
                        await ReadState.SetReadAsync(db, user, entry, read: true, 3);
                        break;
                    case 2:
                        await ReadState.SetReadAsync(db, user, entry, read: false, 3);
                        break;
                    case 3:
                        await ReadState.SetStarredAsync(db, user, entry, starred: random.Next(2) == 0, 3);
                        break;
                    default:
                        // a client marking a screenful at once
                        await ReadState.SetReadAsync(db, user, [.. Enumerable.Range(0, 20).Select(_ => ids[random.Next(ids.Count)])], read: random.Next(2) == 0, 3);
                        break;
                }
            }
        })).ToList();
        var ingest = Task.Run(async () =>
        {
            for (var batch = 0; batch < 40; batch++)
            {
                await IngestAsync(db, batch % 2 == 0 ? one : two, Enumerable.Range(0, 10).Select(i => $"new-{batch}-{i}"), 4);
            }
        });
        var subscribe = Task.Run(async () =>
        {
            // bob subscribes to the second feed while it is being ingested: the count misses none of its entries
            await Task.Delay(50);
            await db.Writes.RunAsync((c, tx) => SubscriptionStore.SubscribeAsync(c, tx, bob, "https://two.example/rss", null, null, null, 5));
        });
        await Task.WhenAll([.. clients, ingest, subscribe]);

        await using var check = await db.OpenAsync();
        foreach (var user in new[] { ann, bob })
        {
            Assert.Equal(await ReadState.ExactUnreadCountAsync(check, user), await ReadState.UnreadCountAsync(check, user));
        }
        Assert.Empty(await CounterDoctor.RepairAsync(db));
        Assert.Equal(1400, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM entries"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_mark_on_an_entry_of_a_feed_the_user_does_not_read_is_refused(DatabaseProvider provider)
    {
        await using var db = await NewMigratedDatabaseAsync(provider);
        long ann, bob, feed;
        await using (var c = await db.OpenAsync())
        {
            ann = (await UserStore.AddAsync(c, "ann", "pw", false, 1))!.Value;
            bob = (await UserStore.AddAsync(c, "bob", "pw", false, 1))!.Value;
            feed = await FeedStore.EnsureAsync(c, null, "https://ann-only.example/rss", 1);
            await SubscriptionStore.SubscribeAsync(c, null, ann, "https://ann-only.example/rss", null, null, null, 1);
        }
        await IngestAsync(db, feed, ["a", "b"], 2);
        await using var check = await db.OpenAsync();
        var entry = await check.ExecuteScalarAsync<long>("SELECT MIN(id) FROM entries");

        Assert.Equal(MarkResult.NotSubscribed, await ReadState.SetReadAsync(db, bob, entry, read: true, 3));
        Assert.Equal(MarkResult.NotSubscribed, await ReadState.SetStarredAsync(db, bob, entry, starred: true, 3));
        Assert.Equal(MarkResult.NotSubscribed, await ReadState.SetReadAsync(db, bob, entry + 1000, read: true, 3));
        Assert.Equal(0, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM entry_states"));
        Assert.Equal(2, await ReadState.UnreadCountAsync(check, ann));

        // the same marks by the subscriber count, once
        Assert.Equal(MarkResult.Changed, await ReadState.SetReadAsync(db, ann, entry, read: true, 3));
        Assert.Equal(MarkResult.Unchanged, await ReadState.SetReadAsync(db, ann, entry, read: true, 3));
        Assert.Equal(MarkResult.Changed, await ReadState.SetStarredAsync(db, ann, entry, starred: true, 3));
        Assert.Equal(1, await ReadState.UnreadCountAsync(check, ann));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_reader_polling_by_id_sees_every_entry_once_when_two_ingests_race_to_commit(DatabaseProvider provider)
    {
        await using var db = await NewMigratedDatabaseAsync(provider);
        long first, second;
        await using (var c = await db.OpenAsync())
        {
            first = await FeedStore.EnsureAsync(c, null, "https://first.example/rss", 1);
            second = await FeedStore.EnsureAsync(c, null, "https://second.example/rss", 1);
        }
        var seen = new List<long>();
        var last = 0L;
        async Task PollAsync()
        {
            await using var c = await db.OpenAsync();
            var fresh = (await c.QueryAsync<long>("SELECT id FROM entries WHERE id > @last ORDER BY id", new { last })).ToList();
            seen.AddRange(fresh);
            if (fresh.Count > 0)
            {
                last = fresh[^1];
            }
        }

        // the first ingest takes its ids and then stalls before committing
        await using var a = await db.OpenAsync();
        await using var txA = await a.BeginTransactionAsync();
        var rowsA = (await EntryStore.PlanAsync(a, txA, first, [new ParsedEntry { Key = "a1" }, new ParsedEntry { Key = "a2" }], 2)).ToRows(first, 2, db.Provider);
        await EntryStore.WriteRowsAsync(a, txA, rowsA, 0);

        // the second one runs meanwhile; it must not become visible ahead of the first
        var b = Task.Run(async () =>
        {
            await using var c = await db.OpenAsync();
            await using var tx = await c.BeginTransactionAsync();
            var rows = (await EntryStore.PlanAsync(c, tx, second, [new ParsedEntry { Key = "b1" }, new ParsedEntry { Key = "b2" }], 2)).ToRows(second, 2, db.Provider);
            await EntryStore.WriteRowsAsync(c, tx, rows, 0);
            await tx.CommitAsync();
        });
        for (var i = 0; i < 10; i++)
        {
            await Task.Delay(50);
            await PollAsync();
        }
        await txA.CommitAsync();
        await b;
        await PollAsync();

        await using var check = await db.OpenAsync();
        var all = (await check.QueryAsync<long>("SELECT id FROM entries ORDER BY id")).ToList();
        Assert.Equal(4, all.Count);
        Assert.Equal(all, seen);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Emoji_at_every_offset_around_the_caps_are_stored_whole_on_either_database(DatabaseProvider provider)
    {
        await using var db = await NewMigratedDatabaseAsync(provider);
        long feed;
        await using (var c = await db.OpenAsync())
        {
            feed = await FeedStore.EnsureAsync(c, null, "https://emoji.example/rss", 1);
        }
        const int FieldCap = 500;
        var items = new System.Text.StringBuilder();
        for (var offset = FieldCap - 3; offset <= FieldCap + 1; offset++)
        {
            // a title crossing the parser's field cap with an emoji at each offset around it
            items.Append($"<item><guid>t{offset}</guid><title>{new string('t', offset)}😀tail</title></item>");
        }
        // a lone surrogate by reference becomes U+FFFD
        items.Append("<item><guid>lone</guid><title>a&#xD800;b</title></item>");
        var parsed = FeedParser.ParseText($"<rss version=\"2.0\"><channel><title>e</title>{items}</channel></rss>",
            new FeedParseOptions { Limits = FeedLimits.Default with { MaxFieldLength = FieldCap } }).Feed!;
        // content whose search text (title, author and text, cut at 32 KiB) has an emoji at each offset around the cut
        List<ParsedEntry> entries = [.. parsed.Entries, .. Enumerable.Range(-3, 5).Select(offset =>
            new ParsedEntry { Key = $"c{offset}", Title = "x", Content = new string('c', 32 * 1024 - 3 + offset) + "😀tail" })];
        WritePlan plan;
        await using (var c = await db.OpenAsync())
        {
            plan = await EntryStore.PlanAsync(c, null, feed, entries, 2);
        }
        var rows = plan.ToRows(feed, 2, db.Provider);
        var written = await db.Writes.RunAsync((c, tx) => EntryStore.WriteRowsAsync(c, tx, rows, 0));
        Assert.Equal(11, written.Inserted);

        await using var check = await db.OpenAsync();
        foreach (var text in await check.QueryAsync<string>("SELECT title FROM entries UNION ALL SELECT search_text FROM entries"))
        {
            Assert.Equal(text, Feeds.Text.Utf16Text.WithoutLoneSurrogates(text));
        }
        Assert.Equal("a\uFFFDb", await check.ExecuteScalarAsync<string>("SELECT title FROM entries WHERE key = 'lone'"));
    }
}
