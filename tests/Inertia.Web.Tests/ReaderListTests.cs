using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Inertia.Feeds.Model;
using Inertia.Reader.Storage;
using Inertia.Reader.Tests;

namespace Inertia.Web.Tests;

/// <summary>The reader's lists over HTTP on both databases: unread, all, starred, by feed, by category, search, both orders, keyset pages, mark all read, and another user's ids.</summary>
[Collection(PostgresCollection.Name)]
public sealed partial class ReaderListTests(PostgresServer postgres)
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private sealed record Reader(SiteHost Site, HttpClient Http, long UserId, long DevFeedId, long ItHomeFeedId, long BlogsId);

    private async Task<Reader> StartAsync(DatabaseProvider provider)
    {
        var site = await SiteHost.StartAsync(provider, provider == DatabaseProvider.Postgres ? postgres.CreateDatabase() : null);
        var id = await site.CreateUserAsync("alice", "alice-account-password");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await using var connection = await site.Database.OpenAsync();
        await SubscriptionStore.SubscribeAsync(connection, null, id, site.Feeds.Url("dev-community.xml").ToString(), "Blogs", null, null, now);
        await SubscriptionStore.SubscribeAsync(connection, null, id, site.Feeds.Url("ithome.xml").ToString(), null, null, null, now);
        var dev = (await SubscriptionStore.FeedByUrlAsync(connection, id, site.Feeds.Url("dev-community.xml").ToString()))!.Value;
        var ithome = (await SubscriptionStore.FeedByUrlAsync(connection, id, site.Feeds.Url("ithome.xml").ToString()))!.Value;
        var blogs = (await CategoryStore.FindAsync(connection, id, "Blogs"))!.Value;
        var http = site.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await SiteHost.SignInAsync(http, "alice", "alice-account-password")).StatusCode);
        return new Reader(site, http, id, dev, ithome, blogs);
    }

    /// <summary>Entries arriving in a feed in one refresh: the same date, so only the id orders them.</summary>
    private static async Task ArriveAsync(Reader reader, long feedId, IEnumerable<string> titles)
    {
        await using var connection = await reader.Site.Database.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await EntryStore.UpsertAsync(connection, tx, feedId,
            [.. titles.Select(t => new ParsedEntry { Key = "list-" + t, Title = t, Url = "https://example.com/" + Uri.EscapeDataString(t), Content = "<p>" + t + " body</p>", Published = DateTimeOffset.FromUnixTimeSeconds(1_900_000_000) })],
            e => e, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        await tx.CommitAsync();
    }

    /// <summary>The lines of a list page: each entry's id and whether it shows as read.</summary>
    private static List<(long Id, bool Read)> Lines(string html) =>
        [.. LinePattern().Matches(html).Select(m => (long.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups[1].Value == "read"))];

    private static async Task<string> PageAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        return body;
    }

    /// <summary>Every line of a list, following its "older" links to the end.</summary>
    private static async Task<List<(long Id, bool Read)>> WalkAsync(HttpClient http, string path)
    {
        var all = new List<(long, bool)>();
        for (string? next = path; next is not null;)
        {
            var html = await PageAsync(http, next);
            all.AddRange(Lines(html));
            next = OlderPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;
            Assert.True(all.Count < 10_000, "the older links never end");
        }
        return all;
    }

    private static async Task<List<long>> ExpectedAsync(Reader reader, string where, string order = "DESC")
    {
        await using var connection = await reader.Site.Database.OpenAsync();
        return [.. await connection.QueryAsync<long>(
            $"""
            SELECT e.id FROM subscriptions s JOIN entries e ON e.feed_id = s.feed_id
            WHERE s.user_id = @user AND {where} ORDER BY e.sort_at {order}, e.id {order}
            """, new { user = reader.UserId })];
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Lists_show_whole_articles_for_a_reader_who_asks_and_the_start_of_each_otherwise(DatabaseProvider provider)
    {
        var reader = await StartAsync(provider);
        await using var _ = reader.Site;
        await using (var connection = await reader.Site.Database.OpenAsync())
        await using (var tx = await connection.BeginTransactionAsync())
        {
            var long_ = "<p>" + string.Concat(Enumerable.Repeat("开头的文字。", 60)) + "</p><p>THE END OF THE ARTICLE</p><p><a href=\"https://example.com/more\">more</a></p>";
            await EntryStore.UpsertAsync(connection, tx, reader.DevFeedId, [new ParsedEntry { Key = "whole", Title = "Whole", Url = "https://example.com/whole", Content = long_ }],
                e => e, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            await tx.CommitAsync();
        }
        var excerpts = await PageAsync(reader.Http, "/reader");
        Assert.DoesNotContain("THE END OF THE ARTICLE", excerpts);
        Assert.Contains("class=\"excerpt\"", excerpts);

        await SiteHost.PostFormAsync(reader.Http, "/account", [new("entriesPerPage", "50"), new("listContent", "true"), new("openInNewTab", "true")], handler: "Reading");
        var whole = await PageAsync(reader.Http, "/reader");
        Assert.Matches("class=\"prose whole\"[^>]* data-new-tab=\"true\"", whole);
        Assert.Contains("THE END OF THE ARTICLE", whole);
        // the content sits beside the line's link, not inside it (a link in a link is no HTML)
        Assert.Matches("</a><div class=\"prose whole\"[^>]*><p>开头的文字。", whole);
        Assert.DoesNotContain("class=\"excerpt\"", whole);
        Assert.Contains("name=\"listContent\" value=\"true\" checked=\"checked\"", await PageAsync(reader.Http, "/account"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_video_entry_plays_in_its_page_from_a_player_host_the_pages_policy_frames(DatabaseProvider provider)
    {
        var reader = await StartAsync(provider);
        await using var _ = reader.Site;
        await using (var connection = await reader.Site.Database.OpenAsync())
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await EntryStore.UpsertAsync(connection, tx, reader.DevFeedId,
            [
                new ParsedEntry { Key = "yt", Title = "A video", Url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ", Summary = "<p>the description</p>" },
                new ParsedEntry { Key = "bili", Title = "视频", Url = "https://www.bilibili.com/video/BV1GJ411x7h7", Content = "<p>有播放器</p><iframe src=\"//player.bilibili.com/player.html?bvid=BV1GJ411x7h7\"></iframe>" },
            ], e => Inertia.Feeds.Html.EntryHtml.Sanitize(e), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            await tx.CommitAsync();
        }
        async Task<long> IdAsync(string key)
        {
            await using var connection = await reader.Site.Database.OpenAsync();
            return await connection.ExecuteScalarAsync<long>("SELECT id FROM entries WHERE key = @key", new { key });
        }
        var response = await reader.Http.GetAsync($"/reader/entries/{await IdAsync("yt")}");
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<iframe class=\"player\" src=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ\"", page);
        Assert.Contains("sandbox=\"allow-scripts allow-same-origin allow-popups allow-presentation\"", page);
        // the page's policy lets exactly that player in
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-src https://www.youtube-nocookie.com ", policy);
        // an entry whose content has its player gets no second one
        var bili = await PageAsync(reader.Http, $"/reader/entries/{await IdAsync("bili")}");
        Assert.Single(Regex.Matches(bili, "<iframe"));
        Assert.Contains("https://player.bilibili.com/player.html?bvid=BV1GJ411x7h7&amp;autoplay=0", bili);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_story_through_two_feeds_is_listed_once_and_its_page_names_and_links_the_other_feed(DatabaseProvider provider)
    {
        var reader = await StartAsync(provider);
        await using var _ = reader.Site;
        async Task<long> StoryAsync(long feedId, string url, string title)
        {
            await using var connection = await reader.Site.Database.OpenAsync();
            await using (var tx = await connection.BeginTransactionAsync())
            {
                await EntryStore.UpsertAsync(connection, tx, feedId, [new ParsedEntry { Key = "story", Title = title, Url = url, Content = "<p>" + title + "</p>" }],
                    e => e, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
                await tx.CommitAsync();
            }
            return await connection.ExecuteScalarAsync<long>("SELECT id FROM entries WHERE feed_id = @feedId AND key = 'story'", new { feedId });
        }
        // the same address but for its tracking, its scheme and a "www."
        var first = await StoryAsync(reader.DevFeedId, "https://example.com/big-story?utm_source=dev", "重大新闻");
        var copy = await StoryAsync(reader.ItHomeFeedId, "http://www.example.com/big-story/?utm_medium=rss&from=ithome#top", "重大新闻（转载）");

        foreach (var list in new[] { "/reader", "/reader?show=all", $"/reader?feed={reader.ItHomeFeedId}&show=all" })
        {
            Assert.DoesNotContain(copy, Lines(await PageAsync(reader.Http, list)).Select(l => l.Id));
        }
        var unread = await PageAsync(reader.Http, "/reader");
        Assert.Contains(first, Lines(unread).Select(l => l.Id));
        Assert.Contains("另见于 IT之家", unread);

        var entry = await PageAsync(reader.Http, $"/reader/entries/{first}");
        Assert.Contains($"另见于 <a href=\"/reader?feed={reader.ItHomeFeedId}\">IT之家</a>", entry);
        // the copy was read as it came: opening the story leaves nothing of it unread
        await using var connection = await reader.Site.Database.OpenAsync();
        Assert.True((await ReaderViews.EntryAsync(connection, reader.UserId, copy))!.IsRead);
        Assert.DoesNotContain(await connection.QueryAsync<long>("SELECT entry_id FROM unread_entries WHERE user_id = @UserId", new { reader.UserId }), id => id == first || id == copy);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Reading_settings_set_the_page_size_and_when_entries_are_marked_read(DatabaseProvider provider)
    {
        var reader = await StartAsync(provider);
        await using var _ = reader.Site;
        await ArriveAsync(reader, reader.DevFeedId, Enumerable.Range(0, 30).Select(i => $"Entry {i:00}"));
        Assert.Equal(50, Lines(await PageAsync(reader.Http, "/reader")).Count);

        // 20 a page, marked by hand only: an opened entry stays unread
        Assert.Equal(HttpStatusCode.Redirect, (await SiteHost.PostFormAsync(reader.Http, "/account",
            [new("entriesPerPage", "20"), new("markRead", "never")], handler: "Reading")).StatusCode);
        var page = Lines(await PageAsync(reader.Http, "/reader"));
        Assert.Equal(20, page.Count);
        await PageAsync(reader.Http, $"/reader/entries/{page[0].Id}");
        Assert.False(Lines(await PageAsync(reader.Http, "/reader"))[0].Read);
        // out of range is brought into it; a choice not offered is the default (marked on opening)
        await SiteHost.PostFormAsync(reader.Http, "/account", [new("entriesPerPage", "3"), new("markRead", "sometimes")], handler: "Reading");
        Assert.Equal(10, Lines(await PageAsync(reader.Http, "/reader")).Count);
        await PageAsync(reader.Http, $"/reader/entries/{page[0].Id}");
        Assert.True(Lines(await PageAsync(reader.Http, "/reader?show=all"))[0].Read);

        // on scroll: the list carries the address the script sends what it scrolled past to
        await SiteHost.PostFormAsync(reader.Http, "/account", [new("entriesPerPage", "50"), new("markRead", "scroll"), new("openInNewTab", "true")], handler: "Reading");
        var html = await PageAsync(reader.Http, "/reader");
        Assert.Contains("data-mark-seen=\"/reader?handler=Seen\"", html);
        var token = SiteHost.FormToken(html);
        var bob = await reader.Site.CreateUserAsync("bob", "bob-account-password");
        var bobsFeed = await reader.Site.SubscribePrivateFeedAsync(bob);
        long bobsEntry;
        await using (var connection = await reader.Site.Database.OpenAsync())
        {
            bobsEntry = (await ItemStream.RefsAsync(connection, new StreamFilter { UserId = bob, FeedId = bobsFeed, Limit = 1 }))[0].Id;
        }
        var seen = await reader.Http.PostAsync("/reader?handler=Seen", new FormUrlEncodedContent(
            [new("ids", $"{page[1].Id},{page[2].Id},{bobsEntry},x"), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
        // two of hers marked; bob's entry is none of hers and stays unread for him
        Assert.Equal(2, System.Text.Json.JsonDocument.Parse(await seen.Content.ReadAsStringAsync()).RootElement.GetProperty("marked").GetInt32());
        var after = Lines(await PageAsync(reader.Http, "/reader?show=all")).ToDictionary(l => l.Id, l => l.Read);
        Assert.True(after[page[1].Id] && after[page[2].Id] && !after[page[3].Id]);
        await using (var connection = await reader.Site.Database.OpenAsync())
        {
            Assert.False((await ReaderViews.EntryAsync(connection, bob, bobsEntry))!.IsRead);
        }
        Assert.Contains("data-new-tab=\"true\"", await PageAsync(reader.Http, $"/reader/entries/{page[3].Id}"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_search_between_two_days_finds_the_entries_dated_within_them_in_the_readers_time_zone(DatabaseProvider provider)
    {
        var reader = await StartAsync(provider);
        await using var _ = reader.Site;
        long a, b, c;
        await using (var connection = await reader.Site.Database.OpenAsync())
        {
            await using var tx = await connection.BeginTransactionAsync();
            // 23:30 on 10 June in Shanghai; 00:30 on 11 June there (16:30 UTC the day before); noon on 12 June
            ParsedEntry Dated(string key, string when) => new()
            {
                Key = key,
                Title = "早安 " + key,
                Url = "https://example.com/" + key,
                Content = "<p>早安</p>",
                Published = DateTimeOffset.Parse(when, System.Globalization.CultureInfo.InvariantCulture),
            };
            await EntryStore.UpsertAsync(connection, tx, reader.ItHomeFeedId,
                [Dated("a", "2026-06-10T15:30:00Z"), Dated("b", "2026-06-10T16:30:00Z"), Dated("c", "2026-06-12T12:00:00Z")], e => e, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            await tx.CommitAsync();
            var ids = (await ItemStream.RefsAsync(connection, new StreamFilter { UserId = reader.UserId, Search = "早安", Limit = 10 })).Select(r => r.Id).ToList();
            Assert.Equal(3, ids.Count);
            (c, b, a) = (ids[0], ids[1], ids[2]);
        }
        var q = Uri.EscapeDataString("早安");
        Assert.Equal([c, b, a], Lines(await PageAsync(reader.Http, $"/reader?q={q}")).Select(l => l.Id));
        Assert.Equal([b], Lines(await PageAsync(reader.Http, $"/reader?q={q}&since=2026-06-11&until=2026-06-11")).Select(l => l.Id));
        Assert.Equal([c, b], Lines(await PageAsync(reader.Http, $"/reader?q={q}&since=2026-06-11")).Select(l => l.Id));
        Assert.Equal([a], Lines(await PageAsync(reader.Http, $"/reader?q={q}&until=2026-06-10")).Select(l => l.Id));
        // the unread ones of that day, and a day not written as one (ignored, never an error)
        Assert.Equal([b], Lines(await PageAsync(reader.Http, $"/reader?q={q}&show=unread&since=2026-06-11&until=2026-06-11")).Select(l => l.Id));
        Assert.Equal(3, Lines(await PageAsync(reader.Http, $"/reader?q={q}&since=June")).Count);
        // the filters are kept by the page's links and offered again in the form
        var page = await PageAsync(reader.Http, $"/reader?q={q}&since=2026-06-11");
        Assert.Contains("value=\"2026-06-11\"", page);
        Assert.Contains("since=2026-06-11", page);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Lists_by_feed_category_and_order_page_by_keyset_without_gaps_or_repeats(DatabaseProvider provider)
    {
        var reader = await StartAsync(provider);
        await using var _ = reader.Site;
        // 130 entries of one date: pages of 50 cut through the tie, which the id alone breaks
        await ArriveAsync(reader, reader.DevFeedId, Enumerable.Range(1, 130).Select(i => $"Tied entry {i}"));

        var unread = await WalkAsync(reader.Http, "/reader");
        Assert.Equal(await ExpectedAsync(reader, "TRUE"), unread.Select(l => l.Id));
        Assert.All(unread, l => Assert.False(l.Read));
        Assert.Equal(await ExpectedAsync(reader, "TRUE", "ASC"), (await WalkAsync(reader.Http, "/reader?order=oldest")).Select(l => l.Id));
        Assert.Equal(await ExpectedAsync(reader, $"e.feed_id = {reader.ItHomeFeedId}"), (await WalkAsync(reader.Http, $"/reader?feed={reader.ItHomeFeedId}")).Select(l => l.Id));
        Assert.Equal(await ExpectedAsync(reader, $"e.feed_id = {reader.DevFeedId}"), (await WalkAsync(reader.Http, $"/reader?category={reader.BlogsId}")).Select(l => l.Id));
        // the page says how many are unread, in the feed's scope
        Assert.Contains($"{(await ExpectedAsync(reader, $"e.feed_id = {reader.ItHomeFeedId}")).Count} 篇未读", await PageAsync(reader.Http, $"/reader?feed={reader.ItHomeFeedId}"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Opened_entries_leave_unread_and_show_as_read_in_all_and_starred_ones_in_starred(DatabaseProvider provider)
    {
        var reader = await StartAsync(provider);
        await using var _ = reader.Site;
        var first = Lines(await PageAsync(reader.Http, "/reader"));
        var (opened, starred) = (first[0].Id, first[1].Id);
        await PageAsync(reader.Http, $"/reader/entries/{opened}");
        var star = await SiteHost.PostFormAsync(reader.Http, $"/reader/entries/{starred}", [new("id", starred.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("starred", "true")], handler: "Star");
        Assert.Equal(HttpStatusCode.Redirect, star.StatusCode);

        var unread = await WalkAsync(reader.Http, "/reader");
        Assert.DoesNotContain(opened, unread.Select(l => l.Id));
        // opening the starred one marked it read too
        Assert.DoesNotContain(starred, unread.Select(l => l.Id));
        var all = await WalkAsync(reader.Http, "/reader?show=all");
        Assert.Equal(await ExpectedAsync(reader, "TRUE"), all.Select(l => l.Id));
        Assert.Equal(new[] { opened, starred }.Order(), all.Where(l => l.Read).Select(l => l.Id).Order());
        Assert.Equal([starred], (await WalkAsync(reader.Http, "/reader?show=starred")).Select(l => l.Id));
        await using var connection = await reader.Site.Database.OpenAsync();
        var starredFeed = await connection.ExecuteScalarAsync<long>("SELECT feed_id FROM entries WHERE id = @starred", new { starred });
        var otherFeed = starredFeed == reader.DevFeedId ? reader.ItHomeFeedId : reader.DevFeedId;
        Assert.Equal([starred], (await WalkAsync(reader.Http, $"/reader?show=starred&feed={starredFeed}")).Select(l => l.Id));
        Assert.Empty(await WalkAsync(reader.Http, $"/reader?show=starred&feed={otherFeed}"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_entry_opened_from_a_list_leads_to_its_neighbours_in_that_list_and_back_to_it(DatabaseProvider provider)
    {
        var reader = await StartAsync(provider);
        await using var _ = reader.Site;
        var list = $"/reader?show=all&feed={reader.ItHomeFeedId}&order=oldest";
        var ids = (await WalkAsync(reader.Http, list)).Select(l => l.Id).ToList();
        Assert.True(ids.Count >= 3);
        string Query(long id) => $"/reader/entries/{id}?show=all&amp;feed={reader.ItHomeFeedId}&amp;order=oldest";
        var first = await PageAsync(reader.Http, WebUtility.HtmlDecode(Query(ids[0])));
        Assert.Contains($"href=\"{Query(ids[1])}\" rel=\"next\"", first);
        Assert.DoesNotContain("rel=\"prev\"", first);
        var middle = await PageAsync(reader.Http, WebUtility.HtmlDecode(Query(ids[1])));
        Assert.Contains($"href=\"{Query(ids[0])}\" rel=\"prev\"", middle);
        Assert.Contains($"href=\"{Query(ids[2])}\" rel=\"next\"", middle);
        Assert.Contains($"href=\"{WebUtility.HtmlEncode(list)}\" data-back", middle);
        var last = await PageAsync(reader.Http, WebUtility.HtmlDecode(Query(ids[^1])));
        Assert.DoesNotContain("rel=\"next\"", last);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Search_finds_chinese_and_english_words_in_the_users_feeds(DatabaseProvider provider)
    {
        var reader = await StartAsync(provider);
        await using var _ = reader.Site;
        await ArriveAsync(reader, reader.ItHomeFeedId, ["惯性聚合的第一篇", "Inertia ships keyboard shortcuts"]);
        await using var connection = await reader.Site.Database.OpenAsync();
        async Task<long> IdOf(string title) => await connection.ExecuteScalarAsync<long>("SELECT id FROM entries WHERE title = @title", new { title });

        var chinese = await WalkAsync(reader.Http, "/reader?q=" + Uri.EscapeDataString("惯性"));
        Assert.Contains("<mark>惯性</mark>聚合的第一篇", await PageAsync(reader.Http, "/reader?q=" + Uri.EscapeDataString("惯性")));
        Assert.Equal([await IdOf("惯性聚合的第一篇")], chinese.Select(l => l.Id));
        var english = await WalkAsync(reader.Http, "/reader?q=KEYBOARD");
        Assert.Equal([await IdOf("Inertia ships keyboard shortcuts")], english.Select(l => l.Id));
        // within one feed: the DEV feed holds neither
        Assert.Empty(await WalkAsync(reader.Http, $"/reader?q=keyboard&feed={reader.DevFeedId}"));
        Assert.Contains("没有找到匹配的文章", await PageAsync(reader.Http, $"/reader?q=keyboard&feed={reader.DevFeedId}"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Mark_all_read_goes_no_further_than_the_newest_entry_the_page_showed(DatabaseProvider provider)
    {
        var reader = await StartAsync(provider);
        await using var _ = reader.Site;
        var html = await PageAsync(reader.Http, "/reader");
        var upTo = UpToPattern().Match(html).Groups[1].Value;
        Assert.NotEqual("", upTo);
        // an entry arrives while the page is open
        await ArriveAsync(reader, reader.DevFeedId, ["Arrived after the page"]);
        var mark = await reader.Http.PostAsync("/reader?handler=MarkAllRead", new FormUrlEncodedContent([new("upTo", upTo), new("__RequestVerificationToken", SiteHost.FormToken(html))]));
        Assert.Equal(HttpStatusCode.Redirect, mark.StatusCode);
        var left = await WalkAsync(reader.Http, "/reader");
        Assert.Equal(await ExpectedAsync(reader, "e.title = 'Arrived after the page'"), left.Select(l => l.Id));

        // in one feed's scope only that feed is marked
        await ArriveAsync(reader, reader.ItHomeFeedId, ["IT之家 after"]);
        html = await PageAsync(reader.Http, $"/reader?feed={reader.DevFeedId}");
        var scoped = await reader.Http.PostAsync($"/reader?feed={reader.DevFeedId}&handler=MarkAllRead",
            new FormUrlEncodedContent([new("upTo", UpToPattern().Match(html).Groups[1].Value), new("__RequestVerificationToken", SiteHost.FormToken(html))]));
        Assert.Equal(HttpStatusCode.Redirect, scoped.StatusCode);
        Assert.Equal(await ExpectedAsync(reader, "e.title = 'IT之家 after'"), (await WalkAsync(reader.Http, "/reader")).Select(l => l.Id));
        Assert.Contains("已全部读完", await PageAsync(reader.Http, $"/reader?feed={reader.DevFeedId}"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Another_users_feed_and_category_are_not_found_and_marking_them_read_changes_nothing(DatabaseProvider provider)
    {
        var reader = await StartAsync(provider);
        await using var _ = reader.Site;
        var bob = await reader.Site.CreateUserAsync("bob", "bob-account-password");
        var privateFeed = await reader.Site.SubscribePrivateFeedAsync(bob);
        long bobsCategory;
        await using (var connection = await reader.Site.Database.OpenAsync())
        {
            bobsCategory = await CategoryStore.EnsureAsync(connection, null, bob, "Bob's");
        }
        Assert.Equal(HttpStatusCode.NotFound, (await reader.Http.GetAsync($"/reader?feed={privateFeed}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.Http.GetAsync($"/reader?category={bobsCategory}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.Http.GetAsync($"/reader?show=starred&feed={privateFeed}")).StatusCode);

        long BobsUnread(System.Data.Common.DbConnection c) => c.ExecuteScalar<long>("SELECT COUNT(*) FROM unread_entries WHERE user_id = @bob", new { bob });
        await using var db = await reader.Site.Database.OpenAsync();
        var before = BobsUnread(db);
        Assert.True(before > 0);
        var html = await PageAsync(reader.Http, "/reader");
        foreach (var scope in new[] { $"feed={privateFeed}", $"category={bobsCategory}" })
        {
            var mark = await reader.Http.PostAsync($"/reader?{scope}&handler=MarkAllRead",
                new FormUrlEncodedContent([new("upTo", long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("__RequestVerificationToken", SiteHost.FormToken(html))]));
            Assert.Equal(HttpStatusCode.Redirect, mark.StatusCode);
        }
        Assert.Equal(before, BobsUnread(db));
        // nor did alice's own entries move: the scope matched none of her feeds
        Assert.Equal((await ExpectedAsync(reader, "TRUE")).Count, (await WalkAsync(reader.Http, "/reader")).Count);
        // and a list's page never names bob's private feed
        Assert.DoesNotContain(SiteHost.PrivateToken, await PageAsync(reader.Http, "/reader?show=all"));

        // nor can alice open, star or mark one of its entries, with any list in the address
        var bobsEntry = db.ExecuteScalar<long>("SELECT MIN(entry_id) FROM unread_entries WHERE user_id = @bob", new { bob });
        Assert.Equal(HttpStatusCode.NotFound, (await reader.Http.GetAsync($"/reader/entries/{bobsEntry}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.Http.GetAsync($"/reader/entries/{bobsEntry}?feed={privateFeed}&show=all")).StatusCode);
        var id = bobsEntry.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (handler, fields) in new (string, KeyValuePair<string, string>[])[] { ("Star", [new("id", id), new("starred", "true")]), ("Unread", [new("id", id)]) })
        {
            var refused = await reader.Http.PostAsync($"/reader/entries/{id}?handler={handler}",
                new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", SiteHost.FormToken(html))]));
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }
        Assert.Equal(before, BobsUnread(db));
        Assert.Equal(0L, db.ExecuteScalar<long>("SELECT COUNT(*) FROM entry_states WHERE user_id = @alice", new { alice = reader.UserId }));
    }

    [GeneratedRegex("<li class=\"is-(read|unread)\" data-entry=\"\\d+\">\\s*<a class=\"entry-line\" href=\"/reader/entries/(\\d+)[?\"]")]
    private static partial Regex LinePattern();

    [GeneratedRegex("<a href=\"([^\"]+)\" rel=\"next\">")]
    private static partial Regex OlderPattern();

    [GeneratedRegex("name=\"upTo\" value=\"(\\d+)\"")]
    private static partial Regex UpToPattern();
}
