using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Inertia.Reader.Storage;
using Inertia.Reader.Tests;

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
}
