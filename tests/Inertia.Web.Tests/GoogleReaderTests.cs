using System.Net;
using System.Text.Json;
using Inertia.Reader.Storage;
using Inertia.Reader.Tests;

namespace Inertia.Web.Tests;

/// <summary>The Google Reader API over HTTP on both databases: sign-in, streams, marks, subscriptions, labels, and what a hostile or careless client sends.</summary>
[Collection(PostgresCollection.Name)]
public sealed class GoogleReaderTests(PostgresServer postgres)
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private async Task<(SiteHost Site, GoogleReaderClient Alice, long AliceId)> StartAsync(DatabaseProvider provider, params string[] feeds)
    {
        var site = await SiteHost.StartAsync(provider, provider == DatabaseProvider.Postgres ? postgres.CreateDatabase() : null);
        var id = await site.CreateUserAsync("alice", "alice-account-password");
        var alice = await GoogleReaderClient.SignInAsync(site, id, "alice");
        foreach (var feed in feeds)
        {
            await alice.EditAsync("reader/api/0/subscription/edit", ("ac", "subscribe"), ("s", "feed/" + site.Feeds.Url(feed)), ("a", "user/-/label/Tech"));
        }
        return (site, alice, id);
    }

    private static async Task<long> ExactUnreadAsync(SiteHost site, long userId)
    {
        await using var connection = await site.Database.OpenAsync();
        return await ReadState.ExactUnreadCountAsync(connection, userId);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ClientLogin_takes_an_API_password_only_and_answers_in_lines_or_json(DatabaseProvider provider)
    {
        var (site, alice, _) = await StartAsync(provider);
        await using var _ = site;
        var http = site.Client(null);
        var lines = await (await http.GetAsync($"{GoogleReaderClient.Base}accounts/ClientLogin?Email=alice&Passwd={alice.Password}")).Content.ReadAsStringAsync();
        Assert.Matches("^SID=.+\nLSID=.+\nAuth=.+\n$", lines);
        var json = JsonDocument.Parse(await (await http.PostAsync(GoogleReaderClient.Base + "accounts/ClientLogin",
            new FormUrlEncodedContent([new("Email", "alice"), new("Passwd", alice.Password), new("output", "json")]))).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(alice.Auth, json.GetProperty("Auth").GetString());

        // the account password, another name, a wrong password: refused, in ClientLogin's own words
        foreach (var (email, password) in new[] { ("alice", "alice-account-password"), ("bob", alice.Password), ("alice", alice.Password + "x") })
        {
            var refused = await http.PostAsync(GoogleReaderClient.Base + "accounts/ClientLogin", new FormUrlEncodedContent([new("Email", email), new("Passwd", password)]));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains("Error=BadAuthentication", await refused.Content.ReadAsStringAsync());
        }
        // the token is bare (no line ending); an Auth token that is not one is 401
        Assert.Matches("^[0-9a-f]{40}$", alice.Token);
        var request = new HttpRequestMessage(HttpMethod.Get, GoogleReaderClient.Base + "reader/api/0/user-info");
        request.Headers.TryAddWithoutValidation("Authorization", "undefined");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(request)).StatusCode);
        var info = await alice.JsonAsync("reader/api/0/user-info");
        Assert.Equal("alice", info.GetProperty("userName").GetString());
        Assert.Equal(JsonValueKind.String, info.GetProperty("userId").ValueKind);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Labels_on_single_items_are_kept_listed_streamed_marked_renamed_and_removed_for_their_user_alone(DatabaseProvider provider)
    {
        var (site, alice, aliceId) = await StartAsync(provider, "dev-community.xml");
        await using var _ = site;
        await alice.EditAsync("reader/api/0/subscription/edit", ("ac", "subscribe"), ("s", "feed/" + site.Feeds.Url("ithome.xml")));
        var items = (await alice.JsonAsync("reader/api/0/stream/contents/user/-/state/com.google/reading-list?n=100")).GetProperty("items").EnumerateArray().ToList();
        string Origin(JsonElement i) => i.GetProperty("origin").GetProperty("title").GetString()!;
        var dev = items.Where(i => Origin(i) != "IT之家").Select(i => i.GetProperty("id").GetString()!).Take(2).ToList();
        var ithome = items.First(i => Origin(i) == "IT之家").GetProperty("id").GetString()!;
        string[] later = [.. dev, ithome];
        const string Later = "user/-/label/稍后读";
        async Task<List<string>> StreamAsync(string label) =>
            [.. (await alice.JsonAsync("reader/api/0/stream/contents/" + Uri.EscapeDataString(label).Replace("%2F", "/") + "?n=100")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];

        await alice.EditAsync("reader/api/0/edit-tag", [.. later.Select(i => ("i", i)), ("a", Later)]);
        Assert.Equal(later.Order(), (await StreamAsync(Later)).Order());
        var labelled = (await alice.JsonAsync("reader/api/0/stream/items/contents?" + string.Join("&", later.Select(i => "i=" + Uri.EscapeDataString(i))))).GetProperty("items");
        Assert.All(labelled.EnumerateArray(), i => Assert.Contains(Later, i.GetProperty("categories").EnumerateArray().Select(c => c.GetString())));
        var tags = (await alice.JsonAsync("reader/api/0/tag/list")).GetProperty("tags").EnumerateArray().ToList();
        Assert.Contains(tags, t => t.GetProperty("id").GetString() == Later && t.GetProperty("type").GetString() == "tag");
        Assert.Contains(tags, t => t.GetProperty("id").GetString() == "user/-/label/Tech" && t.GetProperty("type").GetString() == "folder");

        // a label named as a category: the category's feeds and the entry so labelled
        var tech = (await StreamAsync("user/-/label/Tech")).Count;
        await alice.EditAsync("reader/api/0/edit-tag", ("i", ithome), ("a", "user/-/label/Tech"));
        var techNow = await StreamAsync("user/-/label/Tech");
        Assert.Equal(tech + 1, techNow.Count);
        Assert.Contains(ithome, techNow);

        // bob labels alice's entries: nothing of his is made, nothing of hers changes
        var bobId = await site.CreateUserAsync("bob", "bob-account-password");
        var bob = await GoogleReaderClient.SignInAsync(site, bobId, "bob");
        await bob.EditAsync("reader/api/0/edit-tag", [.. later.Select(i => ("i", i)), ("a", "user/-/label/Mine"), ("r", Later)]);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync("reader/api/0/stream/contents/user/-/label/Mine")).StatusCode);
        Assert.Equal(later.Order(), (await StreamAsync(Later)).Order());

        // mark the label read: its entries only
        var unread = await alice.UnreadAsync();
        await alice.EditAsync("reader/api/0/mark-all-as-read", ("s", Later));
        Assert.Equal(unread - 3, await alice.UnreadAsync());
        Assert.Equal(await ExactUnreadAsync(site, aliceId), await alice.UnreadAsync());

        // off one entry, renamed, then disabled
        await alice.EditAsync("reader/api/0/edit-tag", ("i", ithome), ("r", Later));
        Assert.Equal(dev.Order(), (await StreamAsync(Later)).Order());
        await alice.EditAsync("reader/api/0/rename-tag", ("s", Later), ("dest", "user/-/label/Later"));
        Assert.Equal(dev.Order(), (await StreamAsync("user/-/label/Later")).Order());
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync("reader/api/0/stream/contents/" + Uri.EscapeDataString(Later).Replace("%2F", "/"))).StatusCode);
        await alice.EditAsync("reader/api/0/disable-tag", ("s", "user/-/label/Later"));
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync("reader/api/0/stream/contents/user/-/label/Later")).StatusCode);
        Assert.Equal(items.Count, (await alice.JsonAsync("reader/api/0/stream/contents/user/-/state/com.google/reading-list?n=100")).GetProperty("items").GetArrayLength());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_revoked_password_stops_working_at_once(DatabaseProvider provider)
    {
        var (site, alice, aliceId) = await StartAsync(provider);
        await using var _ = site;
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("reader/api/0/tag/list")).StatusCode);
        await using (var connection = await site.Database.OpenAsync())
        {
            var password = Assert.Single(await ApiPasswordStore.ListAsync(connection, aliceId));
            Assert.Equal("test app", password.Label);
            Assert.NotNull(password.LastUsedAt);
            Assert.True(await ApiPasswordStore.RevokeAsync(connection, aliceId, password.Id));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await alice.GetAsync("reader/api/0/tag/list")).StatusCode);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Items_carry_the_shapes_and_types_apps_parse(DatabaseProvider provider)
    {
        var (site, alice, _) = await StartAsync(provider, "dev-community.xml");
        await using var _ = site;
        var contents = await alice.JsonAsync("reader/api/0/stream/contents/user/-/state/com.google/reading-list?n=5");
        Assert.Equal(JsonValueKind.String, contents.GetProperty("continuation").ValueKind);
        var items = contents.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(5, items.Count);
        foreach (var item in items)
        {
            Assert.Matches("^tag:google.com,2005:reader/item/[0-9a-f]{16}$", item.GetProperty("id").GetString());
            Assert.Matches("^[0-9]{13}$", item.GetProperty("crawlTimeMsec").GetString());
            Assert.Matches("^[0-9]{16}$", item.GetProperty("timestampUsec").GetString());
            Assert.Equal(JsonValueKind.Number, item.GetProperty("published").ValueKind);
            Assert.Equal(JsonValueKind.Number, item.GetProperty("updated").ValueKind);
            Assert.Equal(JsonValueKind.String, item.GetProperty("title").ValueKind);
            Assert.StartsWith("https://", item.GetProperty("canonical")[0].GetProperty("href").GetString());
            Assert.StartsWith("https://", item.GetProperty("alternate")[0].GetProperty("href").GetString());
            var categories = item.GetProperty("categories").EnumerateArray().Select(c => c.GetString()).ToList();
            Assert.Contains("user/-/state/com.google/reading-list", categories);
            Assert.Contains("user/-/label/Tech", categories);
            Assert.DoesNotContain("user/-/state/com.google/read", categories);
            Assert.Matches("^feed/[0-9]+$", item.GetProperty("origin").GetProperty("streamId").GetString());
            Assert.Equal("DEV Community", item.GetProperty("origin").GetProperty("title").GetString());
            Assert.Equal(JsonValueKind.String, item.GetProperty("summary").GetProperty("content").ValueKind);
            Assert.Equal(JsonValueKind.String, item.GetProperty("author").ValueKind);
            Assert.Equal(JsonValueKind.Array, item.GetProperty("enclosure").ValueKind);
        }
        // newest first by date; r=o oldest first
        var stamps = items.Select(i => long.Parse(i.GetProperty("timestampUsec").GetString()!)).ToList();
        Assert.Equal(stamps.OrderDescending(), stamps);
        var oldest = await alice.JsonAsync("reader/api/0/stream/contents?s=user/-/label/Tech&r=o&n=3");
        var oldStamps = oldest.GetProperty("items").EnumerateArray().Select(i => long.Parse(i.GetProperty("timestampUsec").GetString()!)).ToList();
        Assert.Equal(oldStamps.Order(), oldStamps);
        Assert.True(oldStamps[^1] <= stamps[^1]);

        // item refs: decimal ids as strings, the same entries as the long ids
        var refs = await alice.JsonAsync("reader/api/0/stream/items/ids?s=user/-/state/com.google/reading-list&n=5");
        var decimals = refs.GetProperty("itemRefs").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();
        Assert.Equal(items.Select(i => Convert.ToInt64(i.GetProperty("id").GetString()![^16..], 16).ToString()), decimals);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Continuations_page_through_everything_once_while_entries_arrive(DatabaseProvider provider)
    {
        var (site, alice, aliceId) = await StartAsync(provider, "dev-community.xml");
        await using var _ = site;
        var first = await alice.JsonAsync("reader/api/0/stream/items/ids?s=user/-/state/com.google/reading-list&n=7");
        var seen = first.GetProperty("itemRefs").EnumerateArray().Select(r => long.Parse(r.GetProperty("id").GetString()!)).ToList();
        var continuation = first.GetProperty("continuation").GetString()!;
        // new entries arrive between pages: a new subscription's
        await alice.EditAsync("reader/api/0/subscription/edit", ("ac", "subscribe"), ("s", "feed/" + site.Feeds.Url("ithome.xml")));
        while (continuation is not null)
        {
            var page = await alice.JsonAsync($"reader/api/0/stream/items/ids?s=user/-/state/com.google/reading-list&n=7&c={Uri.EscapeDataString(continuation)}");
            seen.AddRange(page.GetProperty("itemRefs").EnumerateArray().Select(r => long.Parse(r.GetProperty("id").GetString()!)));
            continuation = page.TryGetProperty("continuation", out var c) ? c.GetString() : null;
        }
        Assert.Equal(seen.Count, seen.Distinct().Count());
        var all = await alice.AllIdsAsync("s=user/-/state/com.google/reading-list", 1000);
        // every entry of the first feed was given once; the new feed's older entries may follow in the same walk
        var devOnly = await alice.AllIdsAsync("s=feed/" + Uri.EscapeDataString(site.Feeds.Url("dev-community.xml").ToString()), 1000);
        Assert.Subset(seen.ToHashSet(), devOnly.ToHashSet());
        Assert.Equal(await ExactUnreadAsync(site, aliceId), all.Count);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Edit_tag_takes_every_id_form_and_the_counters_follow(DatabaseProvider provider)
    {
        var (site, alice, aliceId) = await StartAsync(provider, "dev-community.xml");
        await using var _ = site;
        var ids = await alice.AllIdsAsync("s=user/-/state/com.google/reading-list", 100);
        var before = await alice.UnreadAsync();
        Assert.Equal(ids.Count, before);
        var forms = new[] { $"tag:google.com,2005:reader/item/{ids[0]:x16}", $"tag:google.com,2005:reader/item/{ids[1]:x}", $"{ids[2]:x16}", $"{ids[3]}" };
        await alice.EditAsync("reader/api/0/edit-tag", [.. forms.Select(f => ("i", f)), ("a", "user/-/state/com.google/read")]);
        Assert.Equal(before - 4, await alice.UnreadAsync());
        Assert.Equal(before - 4, await ExactUnreadAsync(site, aliceId));
        Assert.Equal(before - 4, await alice.UnreadAsync("user/-/label/Tech"));
        var unread = await alice.AllIdsAsync("s=user/-/state/com.google/reading-list&xt=user/-/state/com.google/read", 100);
        Assert.DoesNotContain(ids[0], unread);
        var read = await alice.AllIdsAsync("s=user/-/state/com.google/read", 100);
        Assert.Equal(ids.Take(4).Order(), read.Order());

        // kept-unread and removing read both bring an entry back; starring shows in the starred stream
        await alice.EditAsync("reader/api/0/edit-tag", ("i", $"{ids[0]}"), ("a", "user/-/state/com.google/kept-unread"), ("r", "user/-/state/com.google/read"));
        await alice.EditAsync("reader/api/0/edit-tag", ("i", $"{ids[1]}"), ("r", "user/-/state/com.google/read"));
        await alice.EditAsync("reader/api/0/edit-tag", ("i", $"{ids[5]}"), ("a", "user/-/state/com.google/starred"));
        Assert.Equal(before - 2, await alice.UnreadAsync());
        Assert.Equal([ids[5]], await alice.AllIdsAsync("s=user/-/state/com.google/starred", 100));
        var starredItem = await alice.JsonAsync($"reader/api/0/stream/items/contents?i={ids[5]}");
        Assert.Contains("user/-/state/com.google/starred", starredItem.GetProperty("items")[0].GetProperty("categories").EnumerateArray().Select(c => c.GetString()));

        // the same state in the web reader's storage
        await using var connection = await site.Database.OpenAsync();
        var entry = await ReaderViews.EntryAsync(connection, aliceId, ids[5]);
        Assert.True(entry!.IsStarred);
        Assert.True((await ReaderViews.EntryAsync(connection, aliceId, ids[2]))!.IsRead);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Mark_all_as_read_stops_at_ts_and_leaves_later_arrivals_unread(DatabaseProvider provider)
    {
        var (site, alice, aliceId) = await StartAsync(provider, "dev-community.xml");
        await using var _ = site;
        var devCount = await alice.UnreadAsync();
        // a timestamp before anything arrived marks nothing; in microseconds, as some apps send it
        await alice.EditAsync("reader/api/0/mark-all-as-read", ("s", "user/-/state/com.google/reading-list"), ("ts", "1000000000000000"));
        Assert.Equal(devCount, await alice.UnreadAsync());
        var ts = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1).ToString();
        await Task.Delay(2100);
        await alice.EditAsync("reader/api/0/subscription/edit", ("ac", "subscribe"), ("s", "feed/" + site.Feeds.Url("ithome.xml")));
        var total = await alice.UnreadAsync();
        Assert.True(total > devCount);
        await alice.EditAsync("reader/api/0/mark-all-as-read", ("s", "user/-/state/com.google/reading-list"), ("ts", ts));
        // ithome's entries were stored by the catalog's refresh before ts: they are older arrivals and are marked too;
        // an entry that arrives after ts stays unread
        Assert.Equal(0, await alice.UnreadAsync());
        Assert.Equal(0, await ExactUnreadAsync(site, aliceId));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Subscriptions_and_labels_are_edited_renamed_and_removed(DatabaseProvider provider)
    {
        var (site, alice, _) = await StartAsync(provider, "dev-community.xml");
        await using var _ = site;
        var list = await alice.JsonAsync("reader/api/0/subscription/list?output=json");
        var sub = Assert.Single(list.GetProperty("subscriptions").EnumerateArray());
        var feed = sub.GetProperty("id").GetString()!;
        Assert.Equal("DEV Community", sub.GetProperty("title").GetString());
        Assert.Equal(site.Feeds.Url("dev-community.xml").ToString(), sub.GetProperty("url").GetString());
        Assert.Equal("user/-/label/Tech", sub.GetProperty("categories")[0].GetProperty("id").GetString());

        await alice.EditAsync("reader/api/0/subscription/edit", ("ac", "edit"), ("s", feed), ("t", "开发者社区"), ("a", "user/-/label/博客"));
        sub = (await alice.JsonAsync("reader/api/0/subscription/list")).GetProperty("subscriptions")[0];
        Assert.Equal("开发者社区", sub.GetProperty("title").GetString());
        Assert.Equal("博客", sub.GetProperty("categories")[0].GetProperty("label").GetString());

        await alice.EditAsync("reader/api/0/rename-tag", ("s", "user/-/label/博客"), ("dest", "user/-/label/Blogs"));
        var tags = (await alice.JsonAsync("reader/api/0/tag/list")).GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("id").GetString()).ToList();
        Assert.Contains("user/-/label/Blogs", tags);
        Assert.DoesNotContain("user/-/label/博客", tags);
        await alice.EditAsync("reader/api/0/disable-tag", ("s", "user/-/label/Blogs"));
        sub = (await alice.JsonAsync("reader/api/0/subscription/list")).GetProperty("subscriptions")[0];
        Assert.Empty(sub.GetProperty("categories").EnumerateArray());

        var added = await alice.PostAsync("reader/api/0/subscription/quickadd", [new("quickadd", site.Feeds.Url("ithome.xml").ToString()), new("T", alice.Token)]);
        var quick = JsonDocument.Parse(await added.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, quick.GetProperty("numResults").GetInt32());
        Assert.StartsWith("feed/", quick.GetProperty("streamId").GetString());

        var opml = await (await alice.GetAsync("reader/api/0/subscription/export")).Content.ReadAsStringAsync();
        Assert.Contains("ithome.xml", opml);
        await alice.EditAsync("reader/api/0/subscription/edit", ("ac", "unsubscribe"), ("s", feed));
        Assert.Single((await alice.JsonAsync("reader/api/0/subscription/list")).GetProperty("subscriptions").EnumerateArray());
        var import = await alice.SendAsync(HttpMethod.Post, $"reader/api/0/subscription/import?T={alice.Token}", new StringContent(opml.Replace("ithome.xml", "dev-community.xml")));
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        Assert.Contains("imported 1", await import.Content.ReadAsStringAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task The_edit_token_alone_authenticates_and_a_wrong_one_is_refused(DatabaseProvider provider)
    {
        var (site, alice, _) = await StartAsync(provider, "dev-community.xml");
        await using var _ = site;
        var id = (await alice.AllIdsAsync("s=user/-/state/com.google/reading-list", 1))[0];
        // Liferea: POST stream/items/contents with T in the body and no Authorization header
        var liferea = await alice.PostAsync("reader/api/0/stream/items/contents", [new("i", id.ToString()), new("T", alice.Token + "\n")], authorized: false);
        Assert.Equal(HttpStatusCode.OK, liferea.StatusCode);
        Assert.Single(JsonDocument.Parse(await liferea.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray());
        // Liferea 1.14 sends its ClientLogin Auth token as T, for reads and marks alike
        var authAsT = await alice.PostAsync("reader/api/0/stream/items/contents", [new("i", id.ToString()), new("T", alice.Auth)], authorized: false);
        Assert.Equal(HttpStatusCode.OK, authAsT.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alice.PostAsync("reader/api/0/edit-tag", [new("i", id.ToString()), new("a", "user/-/state/com.google/starred"), new("T", alice.Auth)], authorized: false)).StatusCode);
        Assert.Contains(id, await alice.AllIdsAsync("s=user/-/state/com.google/starred", 10));
        // T from the query and from a header
        Assert.Equal(HttpStatusCode.OK, (await alice.SendAsync(HttpMethod.Post, $"reader/api/0/edit-tag?T={alice.Token}",
            new FormUrlEncodedContent([new("i", id.ToString()), new("a", "user/-/state/com.google/read")]))).StatusCode);
        var withHeader = new StringContent("i=" + id + "&r=user/-/state/com.google/read", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        withHeader.Headers.Add("T", alice.Token);
        Assert.Equal(HttpStatusCode.OK, (await alice.SendAsync(HttpMethod.Post, "reader/api/0/edit-tag", withHeader)).StatusCode);
        // an app that sends no T with its header: done
        Assert.Equal(HttpStatusCode.OK, (await alice.PostAsync("reader/api/0/edit-tag", [new("i", id.ToString()), new("a", "user/-/state/com.google/read")])).StatusCode);
        // a stale or foreign T: 401 with Google-Bad-Token, and nothing changes
        var stale = await alice.PostAsync("reader/api/0/edit-tag", [new("i", id.ToString()), new("r", "user/-/state/com.google/read"), new("T", new string('0', 40))]);
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        Assert.Equal("true", stale.Headers.GetValues("Google-Bad-Token").Single());
        Assert.Contains(id, await alice.AllIdsAsync("s=user/-/state/com.google/read", 100));
        // a T that is nobody's, alone
        Assert.Equal(HttpStatusCode.Unauthorized, (await alice.PostAsync("reader/api/0/stream/items/contents", [new("i", id.ToString()), new("T", "nobody")], authorized: false)).StatusCode);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Another_users_ids_and_streams_give_nothing_of_theirs(DatabaseProvider provider)
    {
        var (site, alice, aliceId) = await StartAsync(provider, "dev-community.xml");
        await using var _ = site;
        var privateFeed = await site.SubscribePrivateFeedAsync(aliceId);
        var aliceIds = await alice.AllIdsAsync("s=user/-/state/com.google/reading-list", 1000);
        await alice.EditAsync("reader/api/0/edit-tag", ("i", aliceIds[0].ToString()), ("a", "user/-/state/com.google/starred"));
        var bobId = await site.CreateUserAsync("bob", "bob-account-password");
        var bob = await GoogleReaderClient.SignInAsync(site, bobId, "bob");

        var contents = await bob.JsonAsync("reader/api/0/stream/items/contents?" + string.Join("&", aliceIds.Select(i => "i=" + i)));
        Assert.Empty(contents.GetProperty("items").EnumerateArray());
        Assert.Empty(await bob.AllIdsAsync("s=user/-/state/com.google/reading-list", 1000));
        Assert.Empty(await bob.AllIdsAsync("s=user/-/state/com.google/starred", 1000));
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"reader/api/0/stream/contents/feed/{privateFeed}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"reader/atom/feed/{privateFeed}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await bob.GetAsync($"reader/api/0/stream/contents/user/{aliceId}/state/com.google/starred")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync("reader/api/0/stream/contents/user/-/label/Tech")).StatusCode);
        var mark = await bob.PostAsync("reader/api/0/edit-tag", [new("i", aliceIds[1].ToString()), new("a", "user/-/state/com.google/read"), new("T", bob.Token)]);
        Assert.Equal(HttpStatusCode.NotFound, mark.StatusCode);
        var unsubscribe = await bob.PostAsync("reader/api/0/subscription/edit", [new("ac", "unsubscribe"), new("s", $"feed/{privateFeed}"), new("T", bob.Token)]);
        Assert.Equal(HttpStatusCode.NotFound, unsubscribe.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.PostAsync("reader/api/0/rename-tag", [new("s", "user/-/label/Tech"), new("dest", "user/-/label/Mine"), new("T", bob.Token)])).StatusCode);
        // Alice's state is untouched
        Assert.Equal(aliceIds.Count, await ExactUnreadAsync(site, aliceId));
        Assert.Contains("user/-/label/Tech", (await alice.JsonAsync("reader/api/0/tag/list")).GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        // Alice's token is no key to Bob's account, nor his to hers
        var crossed = await bob.PostAsync("reader/api/0/edit-tag", [new("i", aliceIds[1].ToString()), new("a", "user/-/state/com.google/read"), new("T", alice.Token)]);
        Assert.Equal(HttpStatusCode.Unauthorized, crossed.StatusCode);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Bad_parameters_get_a_clear_4xx_never_a_500(DatabaseProvider provider)
    {
        var (site, alice, _) = await StartAsync(provider, "dev-community.xml");
        await using var _ = site;
        async Task Expect(HttpStatusCode status, Task<HttpResponseMessage> call, string what)
        {
            var response = await call;
            Assert.True(response.StatusCode == status, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        await Expect(HttpStatusCode.BadRequest, alice.GetAsync("reader/api/0/stream/items/contents?i=not-an-id"), "malformed id");
        await Expect(HttpStatusCode.BadRequest, alice.GetAsync("reader/api/0/stream/items/contents?i=tag:google.com,2005:reader/item/zz"), "malformed long id");
        await Expect(HttpStatusCode.BadRequest, alice.GetAsync("reader/api/0/stream/items/contents?i=-5"), "negative id");
        await Expect(HttpStatusCode.BadRequest, alice.GetAsync("reader/api/0/stream/items/ids?s=user/-/state/com.google/nothing"), "unknown state");
        await Expect(HttpStatusCode.BadRequest, alice.GetAsync("reader/api/0/stream/items/ids?s=feed/javascript:alert(1)"), "feed that is no URL");
        await Expect(HttpStatusCode.BadRequest, alice.GetAsync("reader/api/0/stream/items/ids?s=user/-/state/com.google/reading-list&n=abc"), "n not a number");
        await Expect(HttpStatusCode.BadRequest, alice.GetAsync("reader/api/0/stream/items/ids?s=user/-/state/com.google/reading-list&c=garbage"), "continuation not ours");
        await Expect(HttpStatusCode.BadRequest, alice.GetAsync("reader/api/0/stream/contents/feed/1?ot=yesterday"), "ot not a number");
        await Expect(HttpStatusCode.MethodNotAllowed, alice.GetAsync("reader/api/0/edit-tag?i=1&a=user/-/state/com.google/read"), "write by GET");
        await Expect(HttpStatusCode.BadRequest, alice.PostAsync("reader/api/0/edit-tag", [new("a", "user/-/state/com.google/read"), new("T", alice.Token)]), "no id");
        await Expect(HttpStatusCode.BadRequest, alice.PostAsync("reader/api/0/mark-all-as-read", [new("s", "bogus"), new("T", alice.Token)]), "mark-all of no stream");
        await Expect(HttpStatusCode.BadRequest, alice.PostAsync("reader/api/0/subscription/edit", [new("ac", "explode"), new("s", "feed/1"), new("T", alice.Token)]), "unknown action");
        await Expect(HttpStatusCode.Unauthorized, alice.GetAsync("reader/api/0/unread-count", authorized: false), "no credentials");
        await Expect(HttpStatusCode.BadRequest, alice.GetAsync("reader/api/0/stream/contents/user/-/label/a%00b"), "NUL in a stream id");
        await Expect(HttpStatusCode.BadRequest, alice.PostAsync("reader/api/0/subscription/edit", [new("ac", "edit"), new("s", "feed/1"), new("t", "a\0b"), new("T", alice.Token)]), "NUL in a title");
        // huge and negative n are clamped, repeated parameters take the first
        var huge = await alice.JsonAsync("reader/api/0/stream/items/ids?s=user/-/state/com.google/reading-list&n=99999999999&n=1");
        Assert.Equal(24, huge.GetProperty("itemRefs").GetArrayLength());
        var negative = await alice.JsonAsync("reader/api/0/stream/contents?n=-3");
        Assert.Single(negative.GetProperty("items").EnumerateArray());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Random_parameters_at_every_endpoint_never_give_a_500(DatabaseProvider provider)
    {
        var (site, alice, _) = await StartAsync(provider, "dev-community.xml");
        await using var _ = site;
        string[] endpoints = ["accounts/ClientLogin", "reader/api/0/token", "reader/api/0/user-info", "reader/api/0/tag/list", "reader/api/0/unread-count",
            "reader/api/0/rename-tag", "reader/api/0/disable-tag", "reader/api/0/subscription/list", "reader/api/0/subscription/edit",
            "reader/api/0/subscription/quickadd", "reader/api/0/subscription/export", "reader/api/0/stream/contents/user/-/state/com.google/reading-list",
            "reader/api/0/stream/items/ids", "reader/api/0/stream/items/contents", "reader/api/0/edit-tag", "reader/api/0/mark-all-as-read", "reader/atom/feed/1"];
        string[] names = ["s", "i", "a", "r", "n", "c", "ot", "nt", "xt", "it", "ts", "ac", "t", "dest", "quickadd", "output", "Email", "Passwd", "T"];
        string[] values = ["", "-1", "0", "1", "99999999999999999999", "feed/", "feed/1", "user/-/label/", "user/-/state/com.google/read", "user/1/label/x",
            "tag:google.com,2005:reader/item/", "tag:google.com,2005:reader/item/ffffffffffffffff", "%", "\u0000", "惯性", "<script>", "o", "1-1", "9223372036854775807-1",
            new string('x', 5000), alice.Token];
        var random = new Random(20261202);
        for (var round = 0; round < 400; round++)
        {
            var endpoint = endpoints[random.Next(endpoints.Length)];
            var fields = Enumerable.Range(0, random.Next(6)).Select(_ => new KeyValuePair<string, string>(names[random.Next(names.Length)], values[random.Next(values.Length)])).ToList();
            var query = string.Join("&", fields.Take(random.Next(fields.Count + 1)).Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
            var response = random.Next(2) == 0
                ? await alice.GetAsync($"{endpoint}?{query}", authorized: random.Next(5) > 0)
                : await alice.PostAsync($"{endpoint}?{query}", fields, authorized: random.Next(5) > 0);
            Assert.True((int)response.StatusCode < 500, $"{endpoint}?{query} with {string.Join("&", fields)}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
