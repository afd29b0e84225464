using Inertia.Feeds.Model;
using Inertia.Reader.Storage;

namespace Inertia.Reader.Tests;

[Collection(PostgresCollection.Name)]
public sealed class SearchTests(PostgresServer postgres) : ProviderTest(postgres)
{
    private static ParsedEntry Entry(string key, string title, string content) => new() { Key = key, Title = title, Content = content };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Finds_chinese_substrings_of_any_length_english_words_and_only_the_users_feeds(DatabaseProvider provider)
    {
        await using var db = await NewMigratedDatabaseAsync(provider);
        await using var c = await db.OpenAsync();
        var ann = (await UserStore.AddAsync(c, "ann", "pw", false, 1))!.Value;
        await SubscriptionStore.SubscribeAsync(c, null, ann, "https://mine.example/rss", null, null, null, 1);
        var mine = await FeedStore.EnsureAsync(c, null, "https://mine.example/rss", 1);
        var other = await FeedStore.EnsureAsync(c, null, "https://other.example/rss", 1);
        await using (var tx = await c.BeginTransactionAsync())
        {
            await EntryStore.UpsertAsync(c, tx, mine, [
                Entry("1", "惯性聚合 发布", "<p>高效追踪和阅读你感兴趣的博客</p>"),
                Entry("2", "Feed reader notes", "<p>A fast feed parser for 100% of feeds</p>"),
                Entry("3", "Unrelated", "<p>nothing here</p>"),
            ], e => e, 2);
            await EntryStore.UpsertAsync(c, tx, other, [Entry("x", "惯性 elsewhere", "feed reader")], e => e, 2);
            await tx.CommitAsync();
        }

        async Task<string[]> Titles(string q) => [.. (await EntrySearch.SearchAsync(c, provider, ann, q)).Select(h => h.Title!)];

        Assert.Equal(["惯性聚合 发布"], await Titles("惯性"));
        Assert.Equal(["惯性聚合 发布"], await Titles("高效追踪"));
        Assert.Equal(["惯性聚合 发布"], await Titles("博客"));
        Assert.Equal(["Feed reader notes"], await Titles("feed PARSER"));
        Assert.Equal(["Feed reader notes"], await Titles("100%"));
        Assert.Equal(["Feed reader notes"], await Titles("%")); // a literal percent sign, not "anything"
        Assert.Empty(await Titles("\"unbalanced"));
        Assert.Empty(await Titles("   "));

        // an edited entry is found by its new text, not its old
        await using (var tx = await c.BeginTransactionAsync())
        {
            await EntryStore.UpsertAsync(c, tx, mine, [Entry("3", "Unrelated", "<p>now about 订阅源</p>")], e => e, 3);
            await tx.CommitAsync();
        }
        Assert.Equal(["Unrelated"], await Titles("订阅源"));
        Assert.Empty(await Titles("nothing here"));
    }
}
