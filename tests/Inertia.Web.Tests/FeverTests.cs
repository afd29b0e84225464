using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Inertia.Reader.Storage;
using Inertia.Reader.Tests;

namespace Inertia.Web.Tests;

/// <summary>The Fever API over HTTP on both databases: its key, its replies' shapes and types, paging, marks, and one state shared with Google Reader.</summary>
[Collection(PostgresCollection.Name)]
public sealed class FeverTests(PostgresServer postgres)
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private sealed record Fever(SiteHost Site, string Key, GoogleReaderClient Reader, long UserId)
    {
        public async Task<JsonElement> CallAsync(string query, bool inBody = true, string? key = null)
        {
            var http = Site.Client(null);
            var response = inBody
                ? await http.PostAsync($"fever/?api&{query}", new FormUrlEncodedContent([new("api_key", key ?? Key)]))
                : await http.GetAsync($"api/fever.php?api&api_key={key ?? Key}&{query}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {(int)response.StatusCode} {body}");
            var json = JsonDocument.Parse(body).RootElement;
            Assert.Equal(3, json.GetProperty("api_version").GetInt32());
            return json;
        }
    }

    private async Task<Fever> StartAsync(DatabaseProvider provider, string name = "alice", SiteHost? existing = null)
    {
        var site = existing ?? await SiteHost.StartAsync(provider, provider == DatabaseProvider.Postgres ? postgres.CreateDatabase() : null);
        var id = await site.CreateUserAsync(name, name + "-account-password");
        var reader = await GoogleReaderClient.SignInAsync(site, id, name);
        await reader.EditAsync("reader/api/0/subscription/edit", ("ac", "subscribe"), ("s", "feed/" + site.Feeds.Url("dev-community.xml")), ("a", "user/-/label/Blogs"));
        await reader.EditAsync("reader/api/0/subscription/edit", ("ac", "subscribe"), ("s", "feed/" + site.Feeds.Url("ithome.xml")));
        var key = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes($"{name}:{reader.Password}")));
        return new Fever(site, key, reader, id);
    }

    private static List<long> Ids(JsonElement reply, string name) =>
        reply.GetProperty(name).GetString() is { Length: > 0 } text ? [.. text.Split(',').Select(long.Parse)] : [];

    [Theory, MemberData(nameof(Providers))]
    public async Task The_key_is_md5_of_name_and_API_password_from_body_or_query(DatabaseProvider provider)
    {
        var fever = await StartAsync(provider);
        await using var _ = fever.Site;
        var ok = await fever.CallAsync("");
        Assert.Equal(1, ok.GetProperty("auth").GetInt32());
        Assert.True(ok.GetProperty("last_refreshed_on_time").GetInt64() > 0);
        Assert.Equal(1, (await fever.CallAsync("", inBody: false)).GetProperty("auth").GetInt32());
        var accountKey = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes("alice:alice-account-password")));
        foreach (var bad in new[] { accountKey, new string('0', 32), "short" })
        {
            var refused = await fever.CallAsync("items", key: bad);
            Assert.Equal(0, refused.GetProperty("auth").GetInt32());
            Assert.False(refused.TryGetProperty("items", out var _));
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Groups_feeds_and_items_have_Fevers_shapes_and_page_by_id(DatabaseProvider provider)
    {
        var fever = await StartAsync(provider);
        await using var _ = fever.Site;
        var groups = await fever.CallAsync("groups");
        // the category, and the group of the feed in none (IT之家): every feed is in a group
        var listed = groups.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(["Blogs", Inertia.Web.Api.Fever.FeverMarks.UncategorizedTitle], listed.Select(g => g.GetProperty("title").GetString()));
        Assert.All(listed, g => Assert.Equal(JsonValueKind.Number, g.GetProperty("id").ValueKind));
        var links = groups.GetProperty("feeds_groups").EnumerateArray().ToList();
        Assert.Equal(2, links.Count);
        Assert.All(links, l => Assert.Equal(JsonValueKind.String, l.GetProperty("feed_ids").ValueKind));
        Assert.Equal(listed.Select(g => g.GetProperty("id").GetInt64()).Order(), links.Select(l => l.GetProperty("group_id").GetInt64()).Order());

        var feeds = (await fever.CallAsync("feeds")).GetProperty("feeds").EnumerateArray().ToList();
        Assert.Equal(2, feeds.Count);
        foreach (var feed in feeds)
        {
            foreach (var number in new[] { "id", "favicon_id", "is_spark", "last_updated_on_time" })
            {
                Assert.Equal(JsonValueKind.Number, feed.GetProperty(number).ValueKind);
            }
            Assert.Equal(JsonValueKind.String, feed.GetProperty("title").ValueKind);
            Assert.StartsWith("http", feed.GetProperty("url").GetString());
        }
        Assert.Contains(feeds, f => f.GetProperty("title").GetString() == "IT之家");

        // since_id pages upward 50 at a time until nothing is left; every id once
        var all = new List<long>();
        var since = 0L;
        var total = -1L;
        while (true)
        {
            var page = await fever.CallAsync($"items&since_id={since}");
            var items = page.GetProperty("items").EnumerateArray().ToList();
            if (items.Count == 0)
            {
                break;
            }
            Assert.True(items.Count <= 50);
            foreach (var item in items)
            {
                foreach (var number in new[] { "id", "feed_id", "is_saved", "is_read", "created_on_time" })
                {
                    Assert.Equal(JsonValueKind.Number, item.GetProperty(number).ValueKind);
                }
                Assert.Equal(JsonValueKind.String, item.GetProperty("html").ValueKind);
            }
            all.AddRange(items.Select(i => i.GetProperty("id").GetInt64()));
            since = all[^1];
            total = page.GetProperty("total_items").GetInt64();
        }
        Assert.Equal(all.Order(), all);
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(all.Count, total);
        var fromMiddle = (await fever.CallAsync($"items&since_id={all[10]}")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64());
        Assert.Equal(all.Skip(11), fromMiddle);
        var unread = Ids(await fever.CallAsync("unread_item_ids"), "unread_item_ids");
        Assert.Equal(all, unread);

        // max_id pages downward; with_ids picks
        var down = (await fever.CallAsync($"items&max_id={all[^1]}")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(all.Take(all.Count - 1).Reverse().Take(50), down);
        var picked = (await fever.CallAsync($"items&with_ids={all[2]},{all[0]}")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
        Assert.Equal([all[2], all[0]], picked);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Marks_in_Fever_show_in_Google_Reader_and_the_reader_at_once(DatabaseProvider provider)
    {
        var fever = await StartAsync(provider);
        await using var _ = fever.Site;
        var unread = Ids(await fever.CallAsync("unread_item_ids"), "unread_item_ids");
        var total = unread.Count;
        await fever.CallAsync($"mark=item&as=read&id={unread[0]}");
        await fever.CallAsync($"mark=item&as=saved&id={unread[1]}");
        Assert.Equal(total - 1, await fever.Reader.UnreadAsync());
        Assert.Equal([unread[1]], Ids(await fever.CallAsync("saved_item_ids"), "saved_item_ids"));
        Assert.Equal([unread[1]], await fever.Reader.AllIdsAsync("s=user/-/state/com.google/starred", 10));
        // and back: Google Reader's mark shows in Fever
        await fever.Reader.EditAsync("reader/api/0/edit-tag", ("i", unread[0].ToString()), ("r", "user/-/state/com.google/read"));
        Assert.Contains(unread[0], Ids(await fever.CallAsync("unread_item_ids"), "unread_item_ids"));
        await fever.CallAsync($"mark=item&as=unsaved&id={unread[1]}");
        Assert.Empty(Ids(await fever.CallAsync("saved_item_ids"), "saved_item_ids"));

        // a feed, then everything (group 0), up to "before"
        var feeds = (await fever.CallAsync("feeds")).GetProperty("feeds").EnumerateArray().ToList();
        var ithome = feeds.Single(f => f.GetProperty("title").GetString() == "IT之家").GetProperty("id").GetInt64();
        await fever.CallAsync($"mark=feed&as=read&id={ithome}&before={DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 5}");
        var items = (await fever.CallAsync($"items&with_ids={string.Join(",", unread.Take(50))}")).GetProperty("items").EnumerateArray().ToList();
        Assert.All(items.Where(i => i.GetProperty("feed_id").GetInt64() == ithome), i => Assert.Equal(1, i.GetProperty("is_read").GetInt32()));
        await fever.CallAsync("mark=group&as=read&id=0&before=1000");
        Assert.NotEqual(0, await fever.Reader.UnreadAsync());
        await fever.CallAsync($"mark=group&as=read&id=0&before={DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 5}");
        Assert.Empty(Ids(await fever.CallAsync("unread_item_ids"), "unread_item_ids"));
        await using var connection = await fever.Site.Database.OpenAsync();
        Assert.Equal(0, await ReadState.ExactUnreadCountAsync(connection, fever.UserId));
        Assert.Equal(0, await ReadState.UnreadCountAsync(connection, fever.UserId));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Another_users_items_feeds_and_groups_are_out_of_reach(DatabaseProvider provider)
    {
        var alice = await StartAsync(provider);
        await using var _ = alice.Site;
        var aliceIds = Ids(await alice.CallAsync("unread_item_ids"), "unread_item_ids");
        var aliceGroup = (await alice.CallAsync("groups")).GetProperty("groups")[0].GetProperty("id").GetInt64();
        var privateFeed = await alice.Site.SubscribePrivateFeedAsync(alice.UserId);
        var bobId = await alice.Site.CreateUserAsync("bob", "bob-account-password");
        var bobReader = await GoogleReaderClient.SignInAsync(alice.Site, bobId, "bob");
        var bob = new Fever(alice.Site, Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes($"bob:{bobReader.Password}"))), bobReader, bobId);

        Assert.Empty((await bob.CallAsync($"items&with_ids={string.Join(",", aliceIds.Take(50))}")).GetProperty("items").EnumerateArray());
        Assert.Empty((await bob.CallAsync("items&since_id=0")).GetProperty("items").EnumerateArray());
        Assert.Empty((await bob.CallAsync("feeds")).GetProperty("feeds").EnumerateArray());
        foreach (var query in new[] { $"mark=item&as=read&id={aliceIds[0]}", $"mark=item&as=saved&id={aliceIds[0]}", $"mark=feed&as=read&id={privateFeed}", $"mark=group&as=read&id={aliceGroup}" })
        {
            var response = await alice.Site.Client(null).PostAsync($"fever/?api&{query}", new FormUrlEncodedContent([new("api_key", bob.Key)]));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(1, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("auth").GetInt32());
        }
        Assert.Equal(aliceIds, Ids(await alice.CallAsync("unread_item_ids"), "unread_item_ids").Where(aliceIds.Contains));
        Assert.Empty(Ids(await alice.CallAsync("saved_item_ids"), "saved_item_ids"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Random_parameters_never_give_a_500(DatabaseProvider provider)
    {
        var fever = await StartAsync(provider);
        await using var _ = fever.Site;
        string[] names = ["items", "feeds", "groups", "favicons", "links", "unread_item_ids", "saved_item_ids", "since_id", "max_id", "with_ids", "mark", "as", "id", "before", "api_key"];
        string[] values = ["", "0", "-1", "1", "99999999999999999999", "1,2,3", "a,b", ",,,", "item", "feed", "group", "read", "unread", "saved", "unsaved", "惯性", "%", "\u0001", fever.Key, new string('9', 3000)];
        var random = new Random(20261202);
        var http = fever.Site.Client(null);
        for (var round = 0; round < 300; round++)
        {
            var fields = Enumerable.Range(0, random.Next(6)).Select(_ => new KeyValuePair<string, string>(names[random.Next(names.Length)], values[random.Next(values.Length)])).ToList();
            fields.Add(new("api_key", random.Next(4) == 0 ? "wrong" : fever.Key));
            var query = string.Join("&", fields.Take(random.Next(fields.Count)).Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
            var response = random.Next(2) == 0 ? await http.GetAsync($"api/fever.php?api&{query}") : await http.PostAsync($"fever/?api&{query}", new FormUrlEncodedContent(fields));
            Assert.True((int)response.StatusCode < 500, $"{query} / {string.Join("&", fields)}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        }
    }
}
