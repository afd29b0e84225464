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
                Entry("4", "Über Rückkehr", "<p>Ærø</p>"),
            ], e => e, 2);
            await EntryStore.UpsertAsync(c, tx, other, [Entry("x", "惯性 elsewhere", "feed reader")], e => e, 2);
            await tx.CommitAsync();
        }

        async Task<string[]> Titles(string q) => [.. (await EntrySearch.SearchAsync(c, provider, ann, q)).Select(h => h.Title!)];

        Assert.Equal(["惯性聚合 发布"], await Titles("惯性"));
        Assert.Equal(["惯性聚合 发布"], await Titles("高效追踪"));
        Assert.Equal(["惯性聚合 发布"], await Titles("博客"));
        Assert.Equal(["Feed reader notes"], await Titles("feed PARSER"));
        Assert.Equal(["Über Rückkehr"], await Titles("über RÜCKKEHR")); // case folds beyond ASCII, on both providers
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

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_short_word_is_found_newest_first_however_far_back_its_entries_lie(DatabaseProvider provider)
    {
        // PostgreSQL walks the last day, then 8, 64 and 512 days, then everything: hits in each of those spans, in two feeds
        await using var db = await NewMigratedDatabaseAsync(provider);
        await using var c = await db.OpenAsync();
        var ann = (await UserStore.AddAsync(c, "ann", "pw", false, 1))!.Value;
        var now = DateTimeOffset.UtcNow;
        var a = await FeedStore.EnsureAsync(c, null, "https://a.example/rss", 1);
        var b = await FeedStore.EnsureAsync(c, null, "https://b.example/rss", 1);
        await SubscriptionStore.SubscribeAsync(c, null, ann, "https://a.example/rss", null, null, null, 1);
        await SubscriptionStore.SubscribeAsync(c, null, ann, "https://b.example/rss", null, null, null, 1);
        ParsedEntry Dated(string key, string text, double daysAgo) =>
            new() { Key = key, Title = key, Content = $"<p>{text}</p>", Published = now.AddDays(-daysAgo) };
        await using (var tx = await c.BeginTransactionAsync())
        {
            await EntryStore.UpsertAsync(c, tx, a, [Dated("hour", "网络安全", 0.04), Dated("other", "无关", 0.02), Dated("month", "安全更新", 30), Dated("ancient", "安全", 2000)], e => e, now.ToUnixTimeSeconds());
            await EntryStore.UpsertAsync(c, tx, b, [Dated("days", "安全", 3), Dated("year", "信息安全", 400), Dated("old", "无关", 900)], e => e, now.ToUnixTimeSeconds());
            await tx.CommitAsync();
        }
        async Task<string[]> Titles(int limit, Keyset? after = null, long? datedFrom = null)
        {
            var refs = await ItemStream.RefsAsync(c, new StreamFilter { UserId = ann, Search = "安全", Limit = limit, After = after, DatedFrom = datedFrom });
            var items = await ItemStream.ItemsAsync(c, ann, [.. refs.Select(r => r.Id)]);
            return [.. refs.Select(r => items.Single(i => i.Id == r.Id).Title!)];
        }

        Assert.Equal(["hour", "days"], await Titles(2));
        Assert.Equal(["hour", "days", "month", "year", "ancient"], await Titles(10));
        Assert.Equal(["hour", "days", "month", "year"], await Titles(4));
        // the next page starts from the last one given, and reaches past every window
        var first = await ItemStream.RefsAsync(c, new StreamFilter { UserId = ann, Search = "安全", Limit = 3 });
        Assert.Equal(["year", "ancient"], await Titles(3, new Keyset(first[^1].SortAt, first[^1].Id)));
        // a date range ends the walk at its start
        Assert.Equal(["hour", "days", "month"], await Titles(10, datedFrom: now.AddDays(-100).ToUnixTimeSeconds()));
    }

    [Fact]
    public void Chinese_runs_are_indexed_as_overlapping_pairs_and_other_text_as_it_is()
    {
        Assert.Equal("Inertia 惯性 性聚 聚合 v2 发布 ", SearchTerms.Index("Inertia 惯性聚合 v2 发布").Replace("   ", " ", StringComparison.Ordinal).Replace("  ", " ", StringComparison.Ordinal));
        Assert.Equal("abc 中 def", SearchTerms.Index("abc中def").Replace("  ", " ", StringComparison.Ordinal));
        // Japanese punctuation inside the kana block is left to the tokenizer, not paired
        Assert.Equal(" アイ ・ ウエ ", SearchTerms.Index("アイ・ウエ").Replace("  ", " ", StringComparison.Ordinal));
        Assert.Equal("", SearchTerms.Index(""));
    }

    [Fact]
    public void A_query_becomes_word_prefixes_and_chinese_pairs_with_nothing_for_what_the_index_cannot_narrow()
    {
        Assert.Equal("\"feed\"* AND \"parser\"*", SearchTerms.Match(["feed", "parser"]));
        Assert.Equal("\"惯性\" AND \"性聚\"", SearchTerms.Match(["惯性聚"]));
        Assert.Equal("\"e\"* AND \"mail\"* AND \"100\"*", SearchTerms.Match(["e-mail", "100%"]));
        Assert.Equal("\"v2\"* AND \"发布\"", SearchTerms.Match(["v2发布"]));
        // FTS5 syntax in a query is only ever text: quotes and operators never reach the MATCH expression unquoted
        Assert.Equal("\"NEAR\"* AND \"a\"*", SearchTerms.Match(["NEAR(\"a\""]));
        Assert.Null(SearchTerms.Match(["%", "惯"]));
    }

    [Fact]
    public async Task Two_character_chinese_queries_use_the_word_index_and_deleted_entries_leave_it()
    {
        await using var db = await NewMigratedDatabaseAsync(DatabaseProvider.Sqlite);
        await using var c = await db.OpenAsync();
        var feed = await FeedStore.EnsureAsync(c, null, "https://mine.example/rss", 1);
        await using (var tx = await c.BeginTransactionAsync())
        {
            await EntryStore.UpsertAsync(c, tx, feed, [Entry("1", "惯性聚合", "<p>博客</p>"), Entry("2", "other", "<p>新闻</p>")], e => e, 2);
            await tx.CommitAsync();
        }
        async Task<long[]> Matches(string q) => [.. await Dapper.SqlMapper.QueryAsync<long>(c,
            "SELECT rowid FROM entries_terms WHERE entries_terms MATCH @q ORDER BY rowid", new { q })];
        var first = await Dapper.SqlMapper.ExecuteScalarAsync<long>(c, "SELECT id FROM entries WHERE key = '1'");
        Assert.Equal([first], await Matches(SearchTerms.Match(["博客"])!));
        Assert.Equal([first], await Matches(SearchTerms.Match(["性聚"])!));
        await Dapper.SqlMapper.ExecuteAsync(c, "DELETE FROM entries WHERE key = '1'");
        Assert.Empty(await Matches(SearchTerms.Match(["博客"])!));
    }

    [Fact]
    public async Task Upgrading_to_the_word_index_indexes_what_is_already_stored()
    {
        await using var db = await NewMigratedDatabaseAsync(DatabaseProvider.Sqlite);
        await using var c = await db.OpenAsync();
        var ann = (await UserStore.AddAsync(c, "ann", "pw", false, 1))!.Value;
        await SubscriptionStore.SubscribeAsync(c, null, ann, "https://mine.example/rss", null, null, null, 1);
        var feed = await FeedStore.EnsureAsync(c, null, "https://mine.example/rss", 1);
        await using (var tx = await c.BeginTransactionAsync())
        {
            await EntryStore.UpsertAsync(c, tx, feed, [Entry("1", "Stored before the upgrade", "<p>高效追踪</p>")], e => e, 2);
            await tx.CommitAsync();
        }
        // back to what a database of version 5 had: the trigram index of migration 2, version 6 not applied
        await Dapper.SqlMapper.ExecuteAsync(c, "DROP TRIGGER entries_terms_delete; DROP TABLE entries_terms; DELETE FROM schema_migrations WHERE version = 6");
        await Dapper.SqlMapper.ExecuteAsync(c, Migrator.Scripts(DatabaseProvider.Sqlite).Single(m => m.Version == 2).Sql.Replace(
            "ALTER TABLE entries ADD COLUMN search_text TEXT;", "", StringComparison.Ordinal));

        Assert.Equal([6], await Migrator.MigrateAsync(db));
        Assert.Equal(["Stored before the upgrade"], (await EntrySearch.SearchAsync(c, DatabaseProvider.Sqlite, ann, "追踪")).Select(h => h.Title));
        Assert.Equal(["Stored before the upgrade"], (await EntrySearch.SearchAsync(c, DatabaseProvider.Sqlite, ann, "upgr")).Select(h => h.Title));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Upgrading_lowercases_the_stored_search_text(DatabaseProvider provider)
    {
        await using var db = await NewMigratedDatabaseAsync(provider);
        await using var c = await db.OpenAsync();
        var ann = (await UserStore.AddAsync(c, "ann", "pw", false, 1))!.Value;
        await SubscriptionStore.SubscribeAsync(c, null, ann, "https://mine.example/rss", null, null, null, 1);
        var feed = await FeedStore.EnsureAsync(c, null, "https://mine.example/rss", 1);
        await using (var tx = await c.BeginTransactionAsync())
        {
            await EntryStore.UpsertAsync(c, tx, feed, [Entry("1", "Stored Before", "<p>ÜBER</p>")], e => e, 2);
            await tx.CommitAsync();
        }
        // as version 7 stored it: the text as written
        await Dapper.SqlMapper.ExecuteAsync(c, "UPDATE entries SET search_text = 'Stored Before ÜBER'; DELETE FROM schema_migrations WHERE version = 8");
        Assert.Empty(await EntrySearch.SearchAsync(c, provider, ann, "über"));

        Assert.Equal([8], await Migrator.MigrateAsync(db));
        Assert.Equal("stored before über", await Dapper.SqlMapper.ExecuteScalarAsync<string>(c, "SELECT search_text FROM entries"));
        Assert.Equal(["Stored Before"], (await EntrySearch.SearchAsync(c, provider, ann, "über")).Select(h => h.Title));
    }
}
