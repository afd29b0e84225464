using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Inertia.Reader.Storage;
using Inertia.Reader.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace Inertia.Web.Tests;

/// <summary>The Miniflux REST API over HTTP on both databases: its authentication, shapes, filters, marks, errors, and another user's ids.</summary>
[Collection(PostgresCollection.Name)]
public sealed class MinifluxTests(PostgresServer postgres)
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private sealed record Client(SiteHost Site, GoogleReaderClient Reader, long UserId)
    {
        public HttpClient Http(string? basic = null, string? token = null)
        {
            var http = Site.Client(null);
            if (basic is not null)
            {
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(basic)));
            }
            else
            {
                http.DefaultRequestHeaders.Add("X-Auth-Token", token ?? Reader.Password);
            }
            return http;
        }

        public async Task<JsonElement> JsonAsync(string path)
        {
            var response = await Http().GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
            return JsonDocument.Parse(body).RootElement;
        }

        public Task<HttpResponseMessage> PutAsync(string path, string json) =>
            Http().PutAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

        public Task<HttpResponseMessage> PostAsync(string path, string body, string type = "application/json") =>
            Http().PostAsync(path, new StringContent(body, Encoding.UTF8, type));

        /// <summary>The call's reply, which must have this status, as JSON (null for an empty body).</summary>
        public static async Task<JsonElement?> ExpectAsync(HttpStatusCode status, Task<HttpResponseMessage> call, string what)
        {
            var response = await call;
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{what}: {(int)response.StatusCode} {body}");
            return body.Length == 0 ? null : JsonDocument.Parse(body).RootElement.Clone();
        }

        /// <summary>A refusal: this status and Miniflux's error shape.</summary>
        public static async Task RefusedAsync(HttpStatusCode status, Task<HttpResponseMessage> call, string what)
        {
            var reply = await ExpectAsync(status, call, what);
            Assert.True(reply?.GetProperty("error_message").ValueKind == JsonValueKind.String, $"{what}: no error_message");
        }
    }

    private async Task<Client> StartAsync(DatabaseProvider provider, SiteHost? existing = null, string name = "alice")
    {
        var site = existing ?? await SiteHost.StartAsync(provider, provider == DatabaseProvider.Postgres ? postgres.CreateDatabase() : null);
        var id = await site.CreateUserAsync(name, name + "-account-password");
        var reader = await GoogleReaderClient.SignInAsync(site, id, name);
        await reader.EditAsync("reader/api/0/subscription/edit", ("ac", "subscribe"), ("s", "feed/" + site.Feeds.Url("dev-community.xml")), ("a", "user/-/label/Blogs"));
        await reader.EditAsync("reader/api/0/subscription/edit", ("ac", "subscribe"), ("s", "feed/" + site.Feeds.Url("ithome.xml")));
        return new Client(site, reader, id);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Token_and_basic_auth_with_either_password_work_and_nothing_else_does(DatabaseProvider provider)
    {
        var alice = await StartAsync(provider);
        await using var _ = alice.Site;
        Assert.Equal("alice", (await alice.JsonAsync("v1/me")).GetProperty("username").GetString());
        foreach (var basic in new[] { $"alice:{alice.Reader.Password}", "alice:alice-account-password" })
        {
            Assert.Equal(HttpStatusCode.OK, (await alice.Http(basic).GetAsync("v1/me")).StatusCode);
        }
        foreach (var client in new[] { alice.Http("alice:wrong"), alice.Http($"bob:{alice.Reader.Password}"), alice.Http(token: "nope") })
        {
            var refused = await client.GetAsync("v1/feeds");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("Access Unauthorized", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error_message").GetString());
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Feeds_categories_and_entries_have_Minifluxs_shapes_and_filters(DatabaseProvider provider)
    {
        var alice = await StartAsync(provider);
        await using var _ = alice.Site;
        var category = Assert.Single((await alice.JsonAsync("v1/categories")).EnumerateArray());
        Assert.Equal("Blogs", category.GetProperty("title").GetString());
        var feeds = (await alice.JsonAsync("v1/feeds")).EnumerateArray().ToList();
        Assert.Equal(2, feeds.Count);
        var dev = feeds.Single(f => f.GetProperty("title").GetString() == "DEV Community");
        Assert.Equal(category.GetProperty("id").GetInt64(), dev.GetProperty("category").GetProperty("id").GetInt64());
        Assert.EndsWith("dev-community.xml", dev.GetProperty("feed_url").GetString());
        var devId = dev.GetProperty("id").GetInt64();

        var page = await alice.JsonAsync($"v1/feeds/{devId}/entries?order=published_at&direction=desc&limit=5");
        Assert.Equal(24, page.GetProperty("total").GetInt64());
        var entries = page.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(5, entries.Count);
        var dates = entries.Select(e => DateTimeOffset.Parse(e.GetProperty("published_at").GetString()!)).ToList();
        Assert.Equal(dates.OrderDescending(), dates);
        Assert.All(entries, e =>
        {
            Assert.Equal("unread", e.GetProperty("status").GetString());
            Assert.Equal(devId, e.GetProperty("feed_id").GetInt64());
            Assert.Equal(JsonValueKind.False, e.GetProperty("starred").ValueKind);
            Assert.Equal("DEV Community", e.GetProperty("feed").GetProperty("title").GetString());
        });

        var all = await alice.JsonAsync("v1/entries?status=unread&limit=100&order=id&direction=asc");
        var ids = all.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(all.GetProperty("total").GetInt64(), ids.Count);
        var after = await alice.JsonAsync($"v1/entries?order=id&direction=asc&after_entry_id={ids[4]}&limit=3");
        Assert.Equal(ids.Skip(5).Take(3), after.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
        var offset = await alice.JsonAsync("v1/entries?order=id&direction=asc&offset=2&limit=2");
        Assert.Equal(ids.Skip(2).Take(2), offset.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
        var inCategory = await alice.JsonAsync($"v1/categories/{category.GetProperty("id").GetInt64()}/entries?limit=1");
        Assert.Equal(24, inCategory.GetProperty("total").GetInt64());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Status_and_bookmark_changes_show_in_the_other_APIs_at_once(DatabaseProvider provider)
    {
        var alice = await StartAsync(provider);
        await using var _ = alice.Site;
        var ids = (await alice.JsonAsync("v1/entries?status=unread&limit=100")).GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToList();
        var before = await alice.Reader.UnreadAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await alice.PutAsync("v1/entries", $$"""{"entry_ids":[{{ids[0]}},{{ids[1]}}],"status":"read"}""")).StatusCode);
        Assert.Equal(before - 2, await alice.Reader.UnreadAsync());
        Assert.Equal(before - 2, (await alice.JsonAsync("v1/entries?status=unread&limit=1")).GetProperty("total").GetInt64());
        Assert.Equal("read", (await alice.JsonAsync($"v1/entries/{ids[0]}")).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await alice.Http().PutAsync($"v1/entries/{ids[2]}/bookmark", null)).StatusCode);
        Assert.Equal([ids[2]], await alice.Reader.AllIdsAsync("s=user/-/state/com.google/starred", 10));
        Assert.Equal(1, (await alice.JsonAsync("v1/entries?starred=true")).GetProperty("total").GetInt64());
        Assert.Equal(HttpStatusCode.NoContent, (await alice.Http().PutAsync($"v1/entries/{ids[2]}/bookmark", null)).StatusCode);
        Assert.Empty(await alice.Reader.AllIdsAsync("s=user/-/state/com.google/starred", 10));
        var counters = await alice.JsonAsync("v1/feeds/counters");
        Assert.Equal(before - 2, counters.GetProperty("unreads").EnumerateObject().Sum(p => p.Value.GetInt64()));
        Assert.Equal(2, counters.GetProperty("reads").EnumerateObject().Sum(p => p.Value.GetInt64()));
        await using var connection = await alice.Site.Database.OpenAsync();
        Assert.Equal(before - 2, await ReadState.ExactUnreadCountAsync(connection, alice.UserId));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Another_users_ids_and_bad_input_get_Minifluxs_errors_never_a_500(DatabaseProvider provider)
    {
        var alice = await StartAsync(provider);
        await using var _ = alice.Site;
        var aliceIds = (await alice.JsonAsync("v1/entries?limit=100")).GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToList();
        var aliceFeed = (await alice.JsonAsync("v1/feeds"))[0].GetProperty("id").GetInt64();
        var bobId = await alice.Site.CreateUserAsync("bob", "bob-account-password");
        var bob = new Client(alice.Site, await GoogleReaderClient.SignInAsync(alice.Site, bobId, "bob"), bobId);

        async Task Expect(HttpStatusCode status, Task<HttpResponseMessage> call, string what)
        {
            var response = await call;
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{what}: {(int)response.StatusCode} {body}");
            Assert.Equal(JsonValueKind.String, JsonDocument.Parse(body).RootElement.GetProperty("error_message").ValueKind);
        }
        await Expect(HttpStatusCode.NotFound, bob.Http().GetAsync($"v1/entries/{aliceIds[0]}"), "another user's entry");
        await Expect(HttpStatusCode.NotFound, bob.Http().GetAsync($"v1/feeds/{aliceFeed}"), "another user's feed");
        await Expect(HttpStatusCode.NotFound, bob.Http().GetAsync($"v1/feeds/{aliceFeed}/entries"), "another user's feed's entries");
        await Expect(HttpStatusCode.NotFound, bob.PutAsync("v1/entries", $$"""{"entry_ids":[{{aliceIds[0]}}],"status":"read"}"""), "marking another user's entry");
        await Expect(HttpStatusCode.NotFound, bob.Http().PutAsync($"v1/entries/{aliceIds[0]}/bookmark", null), "starring another user's entry");
        Assert.Equal(0, (await bob.JsonAsync("v1/entries")).GetProperty("total").GetInt64());
        Assert.Equal(aliceIds.Count, (await alice.JsonAsync("v1/entries?status=unread")).GetProperty("total").GetInt64());

        await Expect(HttpStatusCode.BadRequest, alice.Http().GetAsync("v1/entries/abc"), "id not a number");
        await Expect(HttpStatusCode.BadRequest, alice.Http().GetAsync("v1/entries?status=gone"), "unknown status");
        await Expect(HttpStatusCode.BadRequest, alice.Http().GetAsync("v1/entries?limit=many"), "limit not a number");
        await Expect(HttpStatusCode.BadRequest, alice.Http().GetAsync("v1/entries?direction=sideways"), "unknown direction");
        await Expect(HttpStatusCode.BadRequest, alice.Http().GetAsync("v1/entries?offset=-1"), "negative offset");
        await Expect(HttpStatusCode.BadRequest, alice.PutAsync("v1/entries", "{not json"), "body not JSON");
        await Expect(HttpStatusCode.BadRequest, alice.PutAsync("v1/entries", """{"entry_ids":[],"status":"read"}"""), "no ids");
        await Expect(HttpStatusCode.BadRequest, alice.PutAsync("v1/entries", """{"entry_ids":[1],"status":"maybe"}"""), "unknown status in body");
        await Expect(HttpStatusCode.NotFound, alice.Http().GetAsync("v1/nothing/here"), "unknown path");
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Feeds_and_categories_are_created_renamed_refreshed_marked_read_and_deleted(DatabaseProvider provider)
    {
        var alice = await StartAsync(provider);
        await using var _ = alice.Site;
        var created = await Client.ExpectAsync(HttpStatusCode.Created, alice.PostAsync("v1/categories", """{"title":"Tech"}"""), "new category");
        var tech = created!.Value.GetProperty("id").GetInt64();
        Assert.Equal("Tech", created.Value.GetProperty("title").GetString());
        await Client.RefusedAsync(HttpStatusCode.BadRequest, alice.PostAsync("v1/categories", """{"title":"Tech"}"""), "a category of the same title");
        await Client.RefusedAsync(HttpStatusCode.BadRequest, alice.PostAsync("v1/categories", """{"title":"   "}"""), "an empty title");
        var renamed = await Client.ExpectAsync(HttpStatusCode.Created, alice.PutAsync($"v1/categories/{tech}", """{"title":"Tech news"}"""), "rename");
        Assert.Equal("Tech news", renamed!.Value.GetProperty("title").GetString());
        await Client.RefusedAsync(HttpStatusCode.BadRequest, alice.PutAsync($"v1/categories/{tech}", """{"title":"Blogs"}"""), "rename onto another category");

        var simon = alice.Site.Feeds.Url("simonwillison.xml").ToString();
        var added = await Client.ExpectAsync(HttpStatusCode.Created, alice.PostAsync("v1/feeds", $$"""{"feed_url":"{{simon}}","category_id":{{tech}}}"""), "new feed");
        var feedId = added!.Value.GetProperty("feed_id").GetInt64();
        await Client.RefusedAsync(HttpStatusCode.BadRequest, alice.PostAsync("v1/feeds", $$"""{"feed_url":"{{simon}}","category_id":{{tech}}}"""), "the same feed again");
        await Client.RefusedAsync(HttpStatusCode.BadRequest, alice.PostAsync("v1/feeds", $$"""{"feed_url":"{{alice.Site.Feeds.Url("blog/")}}"}"""), "a page, not a feed");
        await Client.RefusedAsync(HttpStatusCode.BadRequest, alice.PostAsync("v1/feeds", """{"feed_url":"http://127.0.0.1:1/feed.xml"}"""), "a feed that cannot be reached");
        await Client.RefusedAsync(HttpStatusCode.BadRequest, alice.PostAsync("v1/feeds", """{"feed_url":"javascript:alert(1)"}"""), "no http URL");
        await Client.RefusedAsync(HttpStatusCode.BadRequest, alice.PostAsync("v1/feeds", $$"""{"feed_url":"{{alice.Site.Feeds.Url("hn-ask.xml")}}","category_id":999999}"""), "an unknown category");
        var inTech = (await alice.JsonAsync($"v1/categories/{tech}/feeds")).EnumerateArray().ToList();
        Assert.Equal(feedId, Assert.Single(inTech).GetProperty("id").GetInt64());
        // the catalog had fetched the feed: its entries are there, unread, in every API
        var simonUnread = (await alice.JsonAsync($"v1/feeds/{feedId}/entries?status=unread&limit=1")).GetProperty("total").GetInt64();
        Assert.True(simonUnread > 0);
        Assert.Equal((await alice.JsonAsync("v1/entries?status=unread&limit=1")).GetProperty("total").GetInt64(), await alice.Reader.UnreadAsync());

        var updated = await Client.ExpectAsync(HttpStatusCode.Created, alice.PutAsync($"v1/feeds/{feedId}", """{"title":"Simon W.","category_id":0}"""), "update");
        Assert.Equal("Simon W.", updated!.Value.GetProperty("title").GetString());
        Assert.Equal(0, updated.Value.GetProperty("category").GetProperty("id").GetInt64());
        await Client.RefusedAsync(HttpStatusCode.BadRequest, alice.PutAsync($"v1/feeds/{feedId}", """{"title":""}"""), "an empty title");
        await Client.ExpectAsync(HttpStatusCode.Created, alice.PutAsync($"v1/feeds/{feedId}", $$"""{"category_id":{{tech}}}"""), "back into Tech news");

        await using (var connection = await alice.Site.Database.OpenAsync())
        {
            await Client.ExpectAsync(HttpStatusCode.NoContent, alice.PutAsync($"v1/feeds/{feedId}/refresh", ""), "refresh one feed");
            Assert.Equal(0, await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT next_fetch_at FROM feeds WHERE id = @feedId", new { feedId }));
            await Client.ExpectAsync(HttpStatusCode.NoContent, alice.PutAsync("v1/feeds/refresh", ""), "refresh all");
            await Client.ExpectAsync(HttpStatusCode.NoContent, alice.PutAsync($"v1/categories/{tech}/refresh", ""), "refresh a category");
        }

        var before = await alice.Reader.UnreadAsync();
        await Client.ExpectAsync(HttpStatusCode.NoContent, alice.PutAsync($"v1/feeds/{feedId}/mark-all-as-read", ""), "mark a feed read");
        Assert.Equal(0, (await alice.JsonAsync($"v1/feeds/{feedId}/entries?status=unread&limit=1")).GetProperty("total").GetInt64());
        Assert.Equal(before - simonUnread, await alice.Reader.UnreadAsync());
        var blogs = (await alice.JsonAsync("v1/categories")).EnumerateArray().Single(c => c.GetProperty("title").GetString() == "Blogs").GetProperty("id").GetInt64();
        await Client.ExpectAsync(HttpStatusCode.NoContent, alice.PutAsync($"v1/categories/{blogs}/mark-all-as-read", ""), "mark a category read");
        Assert.Equal(0, (await alice.JsonAsync($"v1/categories/{blogs}/entries?status=unread&limit=1")).GetProperty("total").GetInt64());
        Assert.True(await alice.Reader.UnreadAsync() > 0, "ithome.xml is in no category and stays unread");
        var bobId = await alice.Site.CreateUserAsync("bob", "bob-account-password");
        await Client.RefusedAsync(HttpStatusCode.Forbidden, alice.PutAsync($"v1/users/{bobId}/mark-all-as-read", ""), "marking another user's entries");
        await Client.ExpectAsync(HttpStatusCode.NoContent, alice.PutAsync($"v1/users/{alice.UserId}/mark-all-as-read", ""), "mark everything read");
        Assert.Equal(0, await alice.Reader.UnreadAsync());
        await using (var connection = await alice.Site.Database.OpenAsync())
        {
            Assert.Equal(0, await ReadState.ExactUnreadCountAsync(connection, alice.UserId));
        }

        await Client.ExpectAsync(HttpStatusCode.NoContent, alice.Http().DeleteAsync($"v1/categories/{tech}"), "delete a category");
        Assert.DoesNotContain((await alice.JsonAsync("v1/categories")).EnumerateArray(), c => c.GetProperty("id").GetInt64() == tech);
        Assert.Equal(0, (await alice.JsonAsync($"v1/feeds/{feedId}")).GetProperty("category").GetProperty("id").GetInt64());
        await Client.ExpectAsync(HttpStatusCode.NoContent, alice.Http().DeleteAsync($"v1/feeds/{feedId}"), "unsubscribe");
        await Client.RefusedAsync(HttpStatusCode.NotFound, alice.Http().GetAsync($"v1/feeds/{feedId}"), "the feed after unsubscribing");
        await Client.RefusedAsync(HttpStatusCode.NotFound, alice.Http().DeleteAsync($"v1/feeds/{feedId}"), "unsubscribing twice");
        await Client.RefusedAsync(HttpStatusCode.NotFound, alice.Http().DeleteAsync($"v1/categories/{tech}"), "deleting a category twice");
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Opml_export_and_import_discovery_icons_and_search_work_for_the_caller_alone(DatabaseProvider provider)
    {
        var alice = await StartAsync(provider);
        await using var _ = alice.Site;
        var bobId = await alice.Site.CreateUserAsync("bob", "bob-account-password");
        var bob = new Client(alice.Site, await GoogleReaderClient.SignInAsync(alice.Site, bobId, "bob"), bobId);

        var exported = await alice.Http().GetStringAsync("v1/export");
        Assert.Contains("<opml", exported);
        Assert.Contains(alice.Site.Feeds.Url("dev-community.xml").ToString(), exported);
        var opml = $"""
            <?xml version="1.0"?>
            <opml version="2.0"><head><title>mine</title></head><body>
            <outline text="IT之家" xmlUrl="{alice.Site.Feeds.Url("ithome.xml")}"/>
            <outline text="Ask HN" xmlUrl="{alice.Site.Feeds.Url("hn-ask.xml")}"/>
            <outline text="bad" xmlUrl="javascript:alert(1)"/>
            </body></opml>
            """;
        var imported = await Client.ExpectAsync(HttpStatusCode.Created, alice.PostAsync("v1/import", opml, "application/xml"), "import");
        Assert.Equal(1, imported!.Value.GetProperty("imported").GetInt32());
        Assert.Equal(1, imported.Value.GetProperty("already_subscribed").GetInt32());
        Assert.Equal(5, Assert.Single(imported.Value.GetProperty("invalid").EnumerateArray()).GetProperty("line").GetInt32());
        Assert.Equal(3, (await alice.JsonAsync("v1/feeds")).GetArrayLength());
        Assert.Equal(0, (await bob.JsonAsync("v1/feeds")).GetArrayLength());
        await Client.RefusedAsync(HttpStatusCode.BadRequest, alice.PostAsync("v1/import", "this is no OPML", "application/xml"), "not OPML");
        await Client.RefusedAsync(HttpStatusCode.BadRequest, alice.PostAsync("v1/import", "", "application/xml"), "an empty body");

        var offered = (await Client.ExpectAsync(HttpStatusCode.OK, alice.PostAsync("v1/discover", $$"""{"url":"{{alice.Site.Feeds.Url("blog/")}}"}"""), "discover a page"))!.Value;
        Assert.Equal([alice.Site.Feeds.Url("ithome.xml").ToString(), alice.Site.Feeds.Url("simonwillison.xml").ToString()],
            offered.EnumerateArray().Select(f => f.GetProperty("url").GetString()).Order());
        Assert.Contains(offered.EnumerateArray(), f => f.GetProperty("title").GetString() == "IT之家");
        var itself = (await Client.ExpectAsync(HttpStatusCode.OK, alice.PostAsync("v1/discover", $$"""{"url":"{{alice.Site.Feeds.Url("ithome.xml")}}"}"""), "discover a feed"))!.Value;
        Assert.Equal("rss", Assert.Single(itself.EnumerateArray()).GetProperty("type").GetString());
        await Client.RefusedAsync(HttpStatusCode.NotFound, alice.PostAsync("v1/discover", """{"url":"http://127.0.0.1:1/"}"""), "nothing there");
        await Client.RefusedAsync(HttpStatusCode.BadRequest, alice.PostAsync("v1/discover", """{"url":"ftp://example.org/"}"""), "not http");

        var dev = (await alice.JsonAsync("v1/feeds")).EnumerateArray().Single(f => f.GetProperty("title").GetString() == "DEV Community").GetProperty("id").GetInt64();
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        await using (var connection = await alice.Site.Database.OpenAsync())
        {
            await IconStore.SaveAsync(connection, dev, new Inertia.Reader.Content.SiteIcon("https://dev.to/favicon.png", "image/png", png), 1);
        }
        foreach (var path in new[] { $"v1/feeds/{dev}/icon", $"v1/icons/{dev}" })
        {
            var icon = await alice.JsonAsync(path);
            Assert.Equal("image/png", icon.GetProperty("mime_type").GetString());
            Assert.Equal("image/png;base64," + Convert.ToBase64String(png), icon.GetProperty("data").GetString());
            await Client.RefusedAsync(HttpStatusCode.NotFound, bob.Http().GetAsync(path), "another user's feed's icon");
        }
        var ithome = (await alice.JsonAsync("v1/feeds")).EnumerateArray().Single(f => f.GetProperty("feed_url").GetString()!.EndsWith("ithome.xml")).GetProperty("id").GetInt64();
        await Client.RefusedAsync(HttpStatusCode.NotFound, alice.Http().GetAsync($"v1/feeds/{ithome}/icon"), "a feed with no icon");

        // search: an English word and two Chinese characters from titles the feeds carry
        var first = (await alice.JsonAsync($"v1/feeds/{dev}/entries?limit=1")).GetProperty("entries")[0];
        var word = first.GetProperty("title").GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries).First(w => w.Length >= 5 && w.All(char.IsLetter));
        var chinese = (await alice.JsonAsync($"v1/feeds/{ithome}/entries?limit=1")).GetProperty("entries")[0];
        var title = chinese.GetProperty("title").GetString()!;
        var at = title.Select((c, i) => (c, i)).First(x => x.c >= '\u4e00' && x.c <= '\u9fff' && x.i + 1 < title.Length && title[x.i + 1] >= '\u4e00' && title[x.i + 1] <= '\u9fff').i;
        var all = (await alice.JsonAsync("v1/entries?limit=1")).GetProperty("total").GetInt64();
        foreach (var (query, expected) in new[] { (word, first.GetProperty("id").GetInt64()), (title.Substring(at, 2), chinese.GetProperty("id").GetInt64()) })
        {
            var found = await alice.JsonAsync($"v1/entries?search={Uri.EscapeDataString(query)}&limit=100");
            Assert.Contains(expected, found.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
            Assert.InRange(found.GetProperty("total").GetInt64(), 1, all - 1);
            Assert.Equal(found.GetProperty("total").GetInt64(), found.GetProperty("entries").GetArrayLength());
            Assert.Equal(0, (await bob.JsonAsync($"v1/entries?search={Uri.EscapeDataString(query)}")).GetProperty("total").GetInt64());
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Another_users_feeds_and_categories_cannot_be_changed(DatabaseProvider provider)
    {
        var alice = await StartAsync(provider);
        await using var _ = alice.Site;
        var feed = (await alice.JsonAsync("v1/feeds"))[0].GetProperty("id").GetInt64();
        var category = (await alice.JsonAsync("v1/categories"))[0].GetProperty("id").GetInt64();
        var unread = await alice.Reader.UnreadAsync();
        var bobId = await alice.Site.CreateUserAsync("bob", "bob-account-password");
        var bob = new Client(alice.Site, await GoogleReaderClient.SignInAsync(alice.Site, bobId, "bob"), bobId);
        await Client.RefusedAsync(HttpStatusCode.NotFound, bob.PutAsync($"v1/feeds/{feed}", """{"title":"mine now"}"""), "retitling another user's feed");
        await Client.RefusedAsync(HttpStatusCode.NotFound, bob.Http().DeleteAsync($"v1/feeds/{feed}"), "unsubscribing another user");
        await Client.RefusedAsync(HttpStatusCode.NotFound, bob.PutAsync($"v1/feeds/{feed}/refresh", ""), "refreshing another user's feed");
        await Client.RefusedAsync(HttpStatusCode.NotFound, bob.PutAsync($"v1/feeds/{feed}/mark-all-as-read", ""), "marking another user's feed");
        await Client.RefusedAsync(HttpStatusCode.NotFound, bob.Http().GetAsync($"v1/feeds/{feed}/entries/1"), "another user's feed's entry");
        await Client.RefusedAsync(HttpStatusCode.NotFound, bob.PutAsync($"v1/categories/{category}", """{"title":"mine now"}"""), "renaming another user's category");
        await Client.RefusedAsync(HttpStatusCode.NotFound, bob.Http().DeleteAsync($"v1/categories/{category}"), "deleting another user's category");
        await Client.RefusedAsync(HttpStatusCode.NotFound, bob.Http().GetAsync($"v1/categories/{category}/feeds"), "another user's category's feeds");
        await Client.RefusedAsync(HttpStatusCode.NotFound, bob.PutAsync($"v1/categories/{category}/mark-all-as-read", ""), "marking another user's category");
        await Client.RefusedAsync(HttpStatusCode.BadRequest, bob.PostAsync("v1/feeds", $$"""{"feed_url":"{{alice.Site.Feeds.Url("hn-ask.xml")}}","category_id":{{category}}}"""), "a feed into another user's category");
        await Client.RefusedAsync(HttpStatusCode.BadRequest, bob.PostAsync("v1/feeds", "[1,2"), "a body that is no JSON");
        Assert.Equal(unread, await alice.Reader.UnreadAsync());
        Assert.Equal("Blogs", (await alice.JsonAsync("v1/categories"))[0].GetProperty("title").GetString());
        Assert.Equal(2, (await alice.JsonAsync("v1/feeds")).GetArrayLength());
        Assert.Equal(0, (await bob.JsonAsync("v1/feeds")).GetArrayLength());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_every_v1_endpoint_in_Minifluxs_names()
    {
        await using var site = await SiteHost.StartAsync(refresh: false);
        var response = await site.Client(null).GetAsync("api/openapi/miniflux.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var paths = document.GetProperty("paths");
        var mapped = site.App.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/v1/", StringComparison.Ordinal) == true && !e.RoutePattern.RawText.Contains("**"))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (e.RoutePattern.RawText!, m.ToLowerInvariant())))
            .ToList();
        Assert.True(mapped.Count >= 30, $"{mapped.Count} endpoints");
        foreach (var (path, method) in mapped)
        {
            var operation = paths.TryGetProperty(path, out var item) && item.TryGetProperty(method, out var found) ? found : default;
            Assert.True(operation.ValueKind == JsonValueKind.Object, $"{method} {path} is not in the document");
            Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()), $"{method} {path} has no summary");
        }
        var entry = document.GetProperty("components").GetProperty("schemas").GetProperty("Entry").GetProperty("properties");
        foreach (var name in new[] { "id", "feed_id", "published_at", "reading_time", "starred", "status" })
        {
            Assert.True(entry.TryGetProperty(name, out _), $"Entry has no {name}");
        }
        Assert.Contains(paths.GetProperty("/v1/entries").GetProperty("get").GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "search");
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("token", out _));
        var reference = await site.Client(null).GetAsync("api/reference");
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.DoesNotContain("unsafe-inline", reference.Headers.GetValues("Content-Security-Policy").Single().Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.OK, (await site.Client(null).GetAsync("api/reference/scalar.js")).StatusCode);
    }
}
