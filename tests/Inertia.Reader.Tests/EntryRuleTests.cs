using Dapper;
using Inertia.Feeds.Model;
using Inertia.Reader.Rules;
using Inertia.Reader.Storage;

namespace Inertia.Reader.Tests;

[Collection(PostgresCollection.Name)]
public sealed class EntryRuleTests(PostgresServer postgres) : ProviderTest(postgres)
{
    private static EntryRule Rule(RuleAction action, string pattern, RuleField field = RuleField.Any, RuleMatch match = RuleMatch.Words, long? feed = null, long user = 1) =>
        new() { UserId = user, FeedId = feed, Action = action, Pattern = pattern, Field = field, Match = match };

    private static RuleSubject Subject(string title, string content = "", string? author = null, string? url = null, params string[] categories) =>
        new(title, content, author, url, categories);

    [Fact]
    public void Block_keep_read_and_star_decide_as_their_words_match()
    {
        EntryRule[] rules =
        [
            Rule(RuleAction.Block, "广告, sponsored", RuleField.Title),
            Rule(RuleAction.Read, "weekly digest"),
            Rule(RuleAction.Star, "rust", RuleField.Category),
        ];
        Assert.Equal(new RuleVerdict(true, true, false), RuleVerdict.Of(rules, 7, Subject("【广告】双十一")));
        Assert.Equal(new RuleVerdict(true, true, false), RuleVerdict.Of(rules, 7, Subject("SPONSORED: a VPN")));
        // the title's words only: the same word in the content does not block
        Assert.Equal(default, RuleVerdict.Of(rules, 7, Subject("A post", "no sponsored content here")));
        Assert.Equal(new RuleVerdict(false, true, false), RuleVerdict.Of(rules, 7, Subject("This Weekly Digest")));
        Assert.Equal(new RuleVerdict(false, false, true), RuleVerdict.Of(rules, 7, Subject("Ownership", "", null, null, "Rust", "Lang")));
        // a blocked entry is not starred, whatever else matches
        Assert.Equal(new RuleVerdict(true, true, false), RuleVerdict.Of(rules, 7, Subject("广告", "", null, null, "rust")));
    }

    [Fact]
    public void Keep_rules_hide_what_matches_none_of_them_in_their_feed_only()
    {
        EntryRule[] rules = [Rule(RuleAction.Keep, "dotnet\nC#", feed: 1), Rule(RuleAction.Keep, "惯性", RuleField.Content, feed: 1)];
        Assert.False(RuleVerdict.Of(rules, 1, Subject("What's new in C# 14")).Hide);
        Assert.False(RuleVerdict.Of(rules, 1, Subject("随笔", "关于惯性聚合的设计")).Hide);
        Assert.True(RuleVerdict.Of(rules, 1, Subject("Gardening tips")).Hide);
        // another feed has no keep rule: everything stays
        Assert.False(RuleVerdict.Of(rules, 2, Subject("Gardening tips")).Hide);
    }

    [Fact]
    public void Regular_expressions_match_in_any_case_and_refuse_what_needs_backtracking()
    {
        var rules = new[] { Rule(RuleAction.Block, @"^\[(ad|promo)\]", RuleField.Title, RuleMatch.Regex), Rule(RuleAction.Read, @"example\.com/jobs/\d+", RuleField.Url, RuleMatch.Regex) };
        Assert.True(RuleVerdict.Of(rules, 1, Subject("[PROMO] Buy now")).Hide);
        Assert.False(RuleVerdict.Of(rules, 1, Subject("About [promo] codes")).Hide);
        Assert.True(RuleVerdict.Of(rules, 1, Subject("Hiring", url: "https://example.com/jobs/42")).Read);

        Assert.Null(RulePattern.TryCreate(RuleMatch.Regex, @"(a)\1", out var backreference));
        Assert.False(string.IsNullOrEmpty(backreference));
        Assert.Null(RulePattern.TryCreate(RuleMatch.Regex, "(unclosed", out var syntax));
        Assert.False(string.IsNullOrEmpty(syntax));
        Assert.Null(RulePattern.TryCreate(RuleMatch.Words, " , \n ", out var blank));
        Assert.Equal("no word to match", blank);
        Assert.Null(RulePattern.TryCreate(RuleMatch.Words, new string('x', RulePattern.MaxLength + 1), out _));
    }

    [Fact]
    public void A_pattern_that_backtracks_exponentially_elsewhere_ends_at_once_here()
    {
        // (a+)+$ against a long run of a's ending in b takes a backtracking engine longer than the universe's age
        var pattern = RulePattern.TryCreate(RuleMatch.Regex, "(a+)+$", out _)!;
        Assert.False(pattern.IsIn(new string('a', 100_000) + "b!"));
        Assert.True(pattern.IsIn("xaaaa"));
    }

    [Fact]
    public void A_rule_whose_pattern_does_not_compile_decides_nothing()
    {
        var rules = new[] { Rule(RuleAction.Block, "(", match: RuleMatch.Regex), Rule(RuleAction.Star, "keep me") };
        Assert.Equal(new RuleVerdict(false, false, true), RuleVerdict.Of(rules, 1, Subject("keep me")));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Rules_decide_as_entries_arrive_for_their_user_alone(DatabaseProvider provider)
    {
        await using var db = await NewMigratedDatabaseAsync(provider);
        await using var c = await db.OpenAsync();
        var ann = (await UserStore.AddAsync(c, "ann", "pw", false, 1))!.Value;
        var bob = (await UserStore.AddAsync(c, "bob", "pw", false, 1))!.Value;
        await SubscriptionStore.SubscribeAsync(c, null, ann, "https://a.example/rss", null, null, null, 1);
        await SubscriptionStore.SubscribeAsync(c, null, ann, "https://b.example/rss", null, null, null, 1);
        await SubscriptionStore.SubscribeAsync(c, null, bob, "https://a.example/rss", null, null, null, 1);
        var a = await FeedStore.EnsureAsync(c, null, "https://a.example/rss", 1);
        var b = await FeedStore.EnsureAsync(c, null, "https://b.example/rss", 1);
        Assert.NotNull(await EntryRuleStore.AddAsync(c, Rule(RuleAction.Block, "广告", RuleField.Title, feed: a, user: ann), 1));
        Assert.NotNull(await EntryRuleStore.AddAsync(c, Rule(RuleAction.Keep, "rust", feed: b, user: ann), 1));
        Assert.NotNull(await EntryRuleStore.AddAsync(c, Rule(RuleAction.Star, "urgent", user: ann), 1));
        Assert.NotNull(await EntryRuleStore.AddAsync(c, Rule(RuleAction.Read, "digest", RuleField.Author, RuleMatch.Regex, user: ann), 1));
        // a rule for a feed ann does not read is refused
        Assert.Null(await EntryRuleStore.AddAsync(c, Rule(RuleAction.Block, "x", feed: 9999, user: ann), 1));

        await AddEntriesAsync(c, a, E("a1", "【广告】限时优惠"), E("a2", "Urgent: patch now"), E("a3", "Notes", author: "The Digest Bot"), E("a4", "Plain"));
        await AddEntriesAsync(c, b, E("b1", "Rust 2027 edition"), E("b2", "Gardening"), E("b3", "Cooking", content: "<p>with <b>rust</b>-proof pans</p>"));
        var ids = (await c.QueryAsync<(string Key, long Id)>("SELECT key, id FROM entries")).ToDictionary(r => r.Key, r => r.Id);

        // ann: a1 and b2 hidden (and read), a3 read, a2 starred; bob sees everything unread
        var all = await ItemStream.RefsAsync(c, new StreamFilter { UserId = ann, Limit = 50 });
        Assert.Equal(new[] { "a2", "a3", "a4", "b1", "b3" }.Select(k => ids[k]).Order(), all.Select(r => r.Id).Order());
        var unread = await ItemStream.RefsAsync(c, new StreamFilter { UserId = ann, Read = false, Limit = 50 });
        Assert.Equal(new[] { "a2", "a4", "b1", "b3" }.Select(k => ids[k]).Order(), unread.Select(r => r.Id).Order());
        Assert.Equal(4, await ReadState.UnreadCountAsync(c, ann));
        Assert.Equal(await ReadState.ExactUnreadCountAsync(c, ann), await ReadState.UnreadCountAsync(c, ann));
        Assert.Equal(5, await ItemStream.CountAsync(c, new StreamFilter { UserId = ann }));
        Assert.Equal([ids["a2"]], (await ItemStream.RefsAsync(c, new StreamFilter { UserId = ann, StarredOnly = true })).Select(r => r.Id));
        Assert.DoesNotContain(ids["a1"], await ItemStream.PageByIdAsync(c, ann, null, null, false, 50));
        Assert.Equal(4, await ReadState.UnreadCountAsync(c, bob));
        Assert.Equal(4, (await ItemStream.RefsAsync(c, new StreamFilter { UserId = bob, Limit = 50 })).Count);
        Assert.Empty(await CounterDoctor.RepairAsync(db));

        // marking a hidden entry unread brings it back
        await ReadState.SetReadAsync(db, ann, ids["a1"], read: false, 3);
        Assert.Contains(ids["a1"], (await ItemStream.RefsAsync(c, new StreamFilter { UserId = ann, Limit = 50 })).Select(r => r.Id));
        Assert.Equal(5, await ReadState.UnreadCountAsync(c, ann));
        Assert.Empty(await CounterDoctor.RepairAsync(db));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Applying_rules_to_stored_entries_hides_marks_and_shows_again_what_no_rule_hides(DatabaseProvider provider)
    {
        await using var db = await NewMigratedDatabaseAsync(provider);
        await using var c = await db.OpenAsync();
        var ann = (await UserStore.AddAsync(c, "ann", "pw", false, 1))!.Value;
        var bob = (await UserStore.AddAsync(c, "bob", "pw", false, 1))!.Value;
        await SubscriptionStore.SubscribeAsync(c, null, ann, "https://a.example/rss", null, null, null, 1);
        await SubscriptionStore.SubscribeAsync(c, null, bob, "https://a.example/rss", null, null, null, 1);
        var a = await FeedStore.EnsureAsync(c, null, "https://a.example/rss", 1);
        // more than a page of entries: the walk goes on past 500
        await AddEntriesAsync(c, a, [.. Enumerable.Range(0, 620).Select(i => E($"k{i}", i % 10 == 0 ? $"Sponsored {i}" : $"Post {i}"))]);
        var starredSponsor = await c.ExecuteScalarAsync<long>("SELECT id FROM entries WHERE key = 'k10'");
        await ReadState.SetStarredAsync(db, ann, starredSponsor, true, 2);

        var rule = await EntryRuleStore.AddAsync(c, Rule(RuleAction.Block, "sponsored", RuleField.Title, user: ann), 2);
        Assert.NotNull(await EntryRuleStore.AddAsync(c, Rule(RuleAction.Read, @"^Post 1\d\d$", RuleField.Title, RuleMatch.Regex, user: ann), 2));
        var report = await EntryRuleStore.ApplyToStoredAsync(db, ann, null, 3);
        // 62 sponsored, less the starred one; Post 100–199 less the ten sponsored among them
        Assert.Equal(new RuleReport(620, 61, 0, 61 + 90, 0), report);
        Assert.Equal(620 - 61 - 90, await ReadState.UnreadCountAsync(c, ann));
        Assert.Equal(620 - 61, await ItemStream.CountAsync(c, new StreamFilter { UserId = ann }));
        Assert.Equal(620, await ReadState.UnreadCountAsync(c, bob));
        Assert.Empty(await CounterDoctor.RepairAsync(db));
        // again: nothing new to do
        Assert.Equal(new RuleReport(620, 0, 0, 0, 0), await EntryRuleStore.ApplyToStoredAsync(db, ann, null, 4));

        // without the block rule the hidden come back, still read; bob cannot remove ann's rule
        Assert.False(await EntryRuleStore.RemoveAsync(c, bob, rule!.Value));
        Assert.True(await EntryRuleStore.RemoveAsync(c, ann, rule.Value));
        Assert.Equal(new RuleReport(620, 0, 61, 0, 0), await EntryRuleStore.ApplyToStoredAsync(db, ann, a, 5));
        Assert.Equal(620, await ItemStream.CountAsync(c, new StreamFilter { UserId = ann }));
        Assert.Equal(620 - 61 - 90, await ReadState.UnreadCountAsync(c, ann));
        Assert.False(await EntryRuleStore.HidesAnyAsync(c, ann));
        Assert.Single(await EntryRuleStore.ListAsync(c, ann));
        Assert.Empty(await EntryRuleStore.ListAsync(c, bob));
    }

    private static ParsedEntry E(string key, string title, string? content = null, string? author = null) =>
        new() { Key = key, Title = title, Content = content, Author = author };
}
