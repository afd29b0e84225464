using Dapper;
using Inertia.Feeds.Model;
using Inertia.Reader.Storage;

namespace Inertia.Reader.Tests;

/// <summary>The same story through several of a reader's feeds is theirs once, with the other feeds named.</summary>
[Collection(PostgresCollection.Name)]
public sealed class StoryCopiesTests(PostgresServer postgres) : ProviderTest(postgres)
{
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_story_arriving_through_a_second_feed_is_read_and_hidden_for_readers_of_both_feeds_only(DatabaseProvider provider)
    {
        await using var db = await NewMigratedDatabaseAsync(provider);
        await using var c = await db.OpenAsync();
        var ann = (await UserStore.AddAsync(c, "ann", "pw", false, 1))!.Value;
        var bob = (await UserStore.AddAsync(c, "bob", "pw", false, 1))!.Value;
        await SubscriptionStore.SubscribeAsync(c, null, ann, "https://a.example/rss", null, null, null, 1);
        await SubscriptionStore.SubscribeAsync(c, null, ann, "https://b.example/rss", null, null, null, 1);
        await SubscriptionStore.SubscribeAsync(c, null, bob, "https://b.example/rss", null, null, null, 1);
        var a = await FeedStore.EnsureAsync(c, null, "https://a.example/rss", 1);
        var b = await FeedStore.EnsureAsync(c, null, "https://b.example/rss", 1);

        await AddEntriesAsync(c, a, E("a1", "重大新闻", "https://news.example/2026/big?utm_source=a"), E("a2", "Only in A", "https://news.example/only-a"));
        // the same address but for its tracking, scheme and www.; an entry with no address matched by title and text; and
        // two entries of one feed that share an address are never merged
        await AddEntriesAsync(c, b,
            E("b1", "重大新闻（转载）", "http://www.news.example/2026/big/?from=b#top"),
            E("b2", "Only in B", "https://news.example/only-b"),
            E("b3", "Only in B", "https://news.example/only-b"));
        var ids = (await c.QueryAsync<(string Key, long Id)>("SELECT key, id FROM entries")).ToDictionary(r => r.Key, r => r.Id);

        var annAll = (await ItemStream.RefsAsync(c, new StreamFilter { UserId = ann, Limit = 50 })).Select(r => r.Id).Order();
        Assert.Equal(new[] { "a1", "a2", "b2", "b3" }.Select(k => ids[k]).Order(), annAll);
        Assert.Equal(4, await ReadState.UnreadCountAsync(c, ann));
        Assert.Equal(await ReadState.ExactUnreadCountAsync(c, ann), await ReadState.UnreadCountAsync(c, ann));
        Assert.DoesNotContain(ids["b1"], await ItemStream.PageByIdAsync(c, ann, null, null, false, 50));
        // bob reads only B: its copy is his only copy
        Assert.Equal(3, await ReadState.UnreadCountAsync(c, bob));
        Assert.Contains(ids["b1"], (await ItemStream.RefsAsync(c, new StreamFilter { UserId = bob, Read = false, Limit = 50 })).Select(r => r.Id));
        Assert.Empty(await CounterDoctor.RepairAsync(db));

        // the story shown names the copy's feed, for ann; for bob nothing else carried it
        var copies = await StoryCopies.OfAsync(c, ann, [ids["a1"], ids["a2"]]);
        Assert.Equal([(ids["b1"], b)], copies[ids["a1"]].Select(x => (x.EntryId, x.FeedId)));
        Assert.False(copies.ContainsKey(ids["a2"]));
        Assert.Empty(await StoryCopies.OfAsync(c, bob, [ids["b1"]]));

        // ann leaves A: the copy in B is hers now, shown again and still read
        await SubscriptionStore.UnsubscribeAsync(c, ann, a);
        Assert.Contains(ids["b1"], (await ItemStream.RefsAsync(c, new StreamFilter { UserId = ann, Limit = 50 })).Select(r => r.Id));
        Assert.True((await ReaderViews.EntryAsync(c, ann, ids["b1"]))!.IsRead);
        Assert.Empty(await CounterDoctor.RepairAsync(db));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Subscribing_to_a_feed_leaves_out_the_stories_already_had_through_another_and_marking_a_copy_unread_shows_it(DatabaseProvider provider)
    {
        await using var db = await NewMigratedDatabaseAsync(provider);
        await using var c = await db.OpenAsync();
        var ann = (await UserStore.AddAsync(c, "ann", "pw", false, 1))!.Value;
        var bob = (await UserStore.AddAsync(c, "bob", "pw", false, 1))!.Value;
        await SubscriptionStore.SubscribeAsync(c, null, bob, "https://b.example/rss", null, null, null, 1);
        var b = await FeedStore.EnsureAsync(c, null, "https://b.example/rss", 1);
        // B's copy is stored first (for bob), A's later: ann reads A, then follows B
        await AddEntriesAsync(c, b, E("b1", "Release 5.0", null, "<p>the notes</p>"), E("b2", "Other", "https://b.example/other"));
        await SubscriptionStore.SubscribeAsync(c, null, ann, "https://a.example/rss", null, null, null, 1);
        var a = await FeedStore.EnsureAsync(c, null, "https://a.example/rss", 1);
        await AddEntriesAsync(c, a, E("a1", "release 5.0 ", null, "<p>the notes</p>"));
        var ids = (await c.QueryAsync<(string Key, long Id)>("SELECT key, id FROM entries")).ToDictionary(r => r.Key, r => r.Id);

        await SubscriptionStore.SubscribeAsync(c, null, ann, "https://b.example/rss", null, null, null, 2);
        var annAll = (await ItemStream.RefsAsync(c, new StreamFilter { UserId = ann, Limit = 50 })).Select(r => r.Id).Order();
        Assert.Equal(new[] { ids["a1"], ids["b2"] }.Order(), annAll);
        Assert.Equal(2, await ReadState.UnreadCountAsync(c, ann));
        Assert.Empty(await CounterDoctor.RepairAsync(db));

        // an app that still holds the copy's id and marks it unread brings it back
        await ReadState.SetReadAsync(db, ann, ids["b1"], read: false, 3);
        Assert.Contains(ids["b1"], (await ItemStream.RefsAsync(c, new StreamFilter { UserId = ann, Read = false, Limit = 50 })).Select(r => r.Id));
        Assert.Equal(3, await ReadState.UnreadCountAsync(c, ann));
        Assert.Empty(await CounterDoctor.RepairAsync(db));
    }

    private static ParsedEntry E(string key, string title, string? url, string? content = null) =>
        new() { Key = key, Title = title, Url = url, Content = content ?? "<p>" + title + "</p>" };
}
