using Inertia.Feeds.Model;
using Inertia.Reader.Chinese;
using Inertia.Reader.Storage;

namespace Inertia.Reader.Tests;

/// <summary>Simplified ↔ Traditional through OpenCC (Debian's libopencc1.1, installed by .ci/run), and search across scripts.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ChineseTests(PostgresServer postgres) : ProviderTest(postgres)
{
    private const string Tagline = "高效追踪和阅读你感兴趣的博客、新闻、科技资讯";

    private static OpenCc Converter() =>
        OpenCc.Shared(null, null, out var why) ?? throw new InvalidOperationException("OpenCC must be installed for these tests (.ci/run installs libopencc1.1): " + why);

    [Fact]
    public void Converts_the_tagline_to_each_form_with_taiwan_phrases()
    {
        var cc = Converter();
        Assert.Equal("高效追蹤和閱讀你感興趣的部落格、新聞、科技資訊", cc.Convert(Tagline, ChineseVariant.Taiwan));
        Assert.Equal("高效追蹤和閱讀你感興趣的博客、新聞、科技資訊", cc.Convert(Tagline, ChineseVariant.Traditional));
        Assert.Equal("高效追蹤和閲讀你感興趣的博客、新聞、科技資訊", cc.Convert(Tagline, ChineseVariant.HongKong));
        Assert.Equal("软件", cc.Convert("軟體", ChineseVariant.Simplified));
        Assert.Equal(Tagline, cc.Convert(Tagline, ChineseVariant.Original));
        Assert.Equal("English only", cc.Convert("English only", ChineseVariant.Taiwan));
    }

    [Fact]
    public void Without_the_library_nothing_is_offered_and_every_text_comes_back_as_written()
    {
        Assert.Null(OpenCc.TryLoad("/nonexistent/libopencc.so.1.1", null, out var why));
        Assert.Contains("OpenCC not found", why, StringComparison.Ordinal);
        Assert.Null(OpenCc.TryLoad(null, "/nonexistent/opencc-data", out why));
        Assert.Contains("could not open", why, StringComparison.Ordinal);
        using var none = new ChineseConversion(null, "not installed");
        Assert.False(none.IsAvailable);
        Assert.Equal("not installed", none.WhyNot);
        Assert.Equal("<p>软件</p>", none.Html("<p>软件</p>", ChineseVariant.Taiwan));
        Assert.Equal("博客", none.Text("博客", ChineseVariant.Taiwan));
        Assert.Equal("資訊 软件", SearchForms.Of("資訊 软件", null));
        Assert.Equal(["資訊"], SearchForms.OfWord("資訊", null));
    }

    [Fact]
    public void Html_changes_only_the_text_between_tags_never_tags_attributes_urls_or_comments()
    {
        using var conversion = new ChineseConversion(Converter());
        var html = "<p title=\"软件\">软件 &amp; 博客<!-- 软件 --></p><a href=\"https://例子.cn/软件?q=博客\" data-x='a>软件'>博客</a><img alt=\"软件\" src=\"/软件.png\"><pre><code>// 软件</code></pre> 1 < 2 软件";
        var shown = conversion.Html(html, ChineseVariant.Taiwan);
        Assert.Equal("<p title=\"软件\">軟體 &amp; 部落格<!-- 软件 --></p><a href=\"https://例子.cn/软件?q=博客\" data-x='a>软件'>部落格</a><img alt=\"软件\" src=\"/软件.png\"><pre><code>// 軟體</code></pre> 1 < 2 軟體", shown);
        // again: the same answer (from the cache)
        Assert.Equal(shown, conversion.Html(html, ChineseVariant.Taiwan));
        Assert.Same(conversion.Html(html, ChineseVariant.Taiwan), conversion.Html(html, ChineseVariant.Taiwan));
        Assert.Equal("<p>no Chinese</p>", conversion.Html("<p>no Chinese</p>", ChineseVariant.Taiwan));
    }

    [Fact]
    public void Search_text_carries_its_simplified_forms_and_a_word_its_forms_in_either_script()
    {
        var cc = Converter();
        Assert.Equal("科技資訊 軟體\n科技资讯 软体\n科技信息 软件", SearchForms.Of("科技資訊 軟體", cc));
        Assert.Equal("简体 only", SearchForms.Of("简体 only", cc)); // Simplified text gains nothing
        // and is not converted to learn that: a scan finds no character folding would change
        Assert.False(cc.MayFold("高效追踪和阅读你感兴趣的博客、新闻、科技资讯"));
        Assert.True(cc.MayFold("科技資訊"));
        Assert.False(cc.MayFold("English only"));
        Assert.Equal(["資訊", "资讯", "信息"], SearchForms.OfWord("資訊", cc));
        Assert.Equal(["软件"], SearchForms.OfWord("软件", cc));
        // a word with several forms is any of them in the word index
        Assert.Equal("(\"軟體\" OR \"软体\" OR \"软件\") AND \"feed\"*", SearchTerms.Match([SearchForms.OfWord("軟體", cc), ["feed"]]));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_query_in_either_script_finds_entries_in_both(DatabaseProvider provider)
    {
        SearchForms.Use(Converter());
        await using var db = await NewMigratedDatabaseAsync(provider);
        await using var c = await db.OpenAsync();
        var ann = (await UserStore.AddAsync(c, "ann", "pw", false, 1))!.Value;
        await SubscriptionStore.SubscribeAsync(c, null, ann, "https://tw.example/rss", null, null, null, 1);
        var feed = await FeedStore.EnsureAsync(c, null, "https://tw.example/rss", 1);
        await using (var tx = await c.BeginTransactionAsync())
        {
            await EntryStore.UpsertAsync(c, tx, feed, [
                new ParsedEntry { Key = "1", Title = "每日科技資訊", Content = "<p>新聞摘要</p>" },
                new ParsedEntry { Key = "2", Title = "开源软件推荐", Content = "<p>本周的博客</p>" },
                new ParsedEntry { Key = "3", Title = "English only", Content = "<p>nothing Chinese</p>" },
            ], e => e, 2);
            await tx.CommitAsync();
        }

        async Task<string[]> Titles(string q) => [.. (await EntrySearch.SearchAsync(c, provider, ann, q)).Select(h => h.Title!).Order()];

        Assert.Equal(["每日科技資訊"], await Titles("资讯")); // Simplified query, Traditional text
        Assert.Equal(["每日科技資訊"], await Titles("資訊"));
        Assert.Equal(["每日科技資訊"], await Titles("新闻"));
        Assert.Equal(["开源软件推荐"], await Titles("軟體")); // Taiwan phrase, Simplified text
        Assert.Equal(["开源软件推荐"], await Titles("軟件"));
        Assert.Equal(["开源软件推荐"], await Titles("部落格")); // 部落格 is Taiwan's 博客
        Assert.Equal(["English only"], await Titles("chinese"));
        Assert.Empty(await Titles("資料"));
    }

    [Fact]
    public async Task The_migration_gives_stored_search_text_its_forms()
    {
        SearchForms.Use(Converter());
        await using var db = await NewMigratedDatabaseAsync(DatabaseProvider.Sqlite);
        await using var c = await db.OpenAsync();
        var ann = (await UserStore.AddAsync(c, "ann", "pw", false, 1))!.Value;
        await SubscriptionStore.SubscribeAsync(c, null, ann, "https://tw.example/rss", null, null, null, 1);
        var feed = await FeedStore.EnsureAsync(c, null, "https://tw.example/rss", 1);
        await using (var tx = await c.BeginTransactionAsync())
        {
            await EntryStore.UpsertAsync(c, tx, feed, [new ParsedEntry { Key = "1", Title = "科技資訊" }], e => e, 2);
            await tx.CommitAsync();
        }
        // as an entry stored before: its text alone, and the word index without its Simplified words
        await Dapper.SqlMapper.ExecuteAsync(c, "UPDATE entries SET search_text = '科技資訊 '");
        var id = await Dapper.SqlMapper.ExecuteScalarAsync<long>(c, "SELECT id FROM entries");
        await Dapper.SqlMapper.ExecuteAsync(c, "DELETE FROM entries_terms WHERE rowid = @id; INSERT INTO entries_terms (rowid, terms) VALUES (@id, @t)", new { id, t = SearchTerms.Index("科技資訊 ") });
        Assert.Empty(await EntrySearch.SearchAsync(c, DatabaseProvider.Sqlite, ann, "资讯"));
        await using (var tx = await c.BeginTransactionAsync())
        {
            await EntrySearch.AddFormsToAllAsync(DatabaseProvider.Sqlite, c, tx);
            await tx.CommitAsync();
        }
        Assert.Single(await EntrySearch.SearchAsync(c, DatabaseProvider.Sqlite, ann, "资讯"));
    }
}
