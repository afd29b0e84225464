using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Inertia.Reader.Storage;
using Inertia.Reader.Tests;

namespace Inertia.Web.Tests;

/// <summary>A user's starred entries as an Atom feed and a JSON Feed at a secret address made in settings, renewed and revoked, on both databases.</summary>
[Collection(PostgresCollection.Name)]
public sealed partial class StarredFeedTests(PostgresServer postgres)
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [GeneratedRegex("/feeds/starred/([A-Za-z0-9_-]+)/atom.xml")]
    private static partial Regex AtomAddress();

    [Theory, MemberData(nameof(Providers))]
    public async Task The_starred_feed_holds_the_starred_entries_at_its_address_until_it_is_renewed_or_revoked(DatabaseProvider provider)
    {
        var (site, http, user) = await SignedInSite.StartAsync(provider, postgres);
        await using var _ = site;
        var url = site.Feeds.Url("ruanyifeng.xml").ToString();
        IReadOnlyList<StreamRef> entries;
        await using (var connection = await site.Database.OpenAsync())
        {
            await SubscriptionStore.SubscribeAsync(connection, null, user, url, null, null, null, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            var feed = (await SubscriptionStore.FeedByUrlAsync(connection, user, url))!.Value;
            entries = await ItemStream.RefsAsync(connection, new StreamFilter { UserId = user, FeedId = feed, Limit = 3 });
        }
        Assert.Equal(3, entries.Count);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await ReadState.SetStarredAsync(site.Database, user, entries[0].Id, true, now);
        await ReadState.SetStarredAsync(site.Database, user, entries[2].Id, true, now);

        // no address until one is made
        Assert.DoesNotContain("/feeds/starred/", await http.GetStringAsync("/account"));
        Assert.Equal(HttpStatusCode.Redirect, (await SiteHost.PostFormAsync(http, "/account", [], handler: "StarredFeed")).StatusCode);
        var token = AtomAddress().Match(await http.GetStringAsync("/account")).Groups[1].Value;
        Assert.NotEmpty(token);

        // read by anyone with the address, no sign-in: the two starred entries and nothing else
        var stranger = site.Client();
        var atom = await stranger.GetAsync($"/feeds/starred/{token}/atom.xml");
        Assert.Equal("application/atom+xml", atom.Content.Headers.ContentType!.MediaType);
        Assert.Contains("private", atom.Headers.CacheControl!.ToString());
        XNamespace ns = "http://www.w3.org/2005/Atom";
        var document = XDocument.Parse(await atom.Content.ReadAsStringAsync());
        Assert.Equal(["/reader/entries/" + entries[0].Id, "/reader/entries/" + entries[2].Id],
            document.Root!.Elements(ns + "entry").Select(e => new Uri(e.Element(ns + "id")!.Value).AbsolutePath));
        var json = JsonDocument.Parse(await stranger.GetStringAsync($"/feeds/starred/{token}/feed.json")).RootElement;
        Assert.Equal("https://jsonfeed.org/version/1.1", json.GetProperty("version").GetString());
        Assert.Equal(2, json.GetProperty("items").GetArrayLength());
        Assert.Contains("alice", json.GetProperty("title").GetString());

        // a new address: the old one stops answering; revoked: none answers
        await SiteHost.PostFormAsync(http, "/account", [], handler: "StarredFeed");
        var renewed = AtomAddress().Match(await http.GetStringAsync("/account")).Groups[1].Value;
        Assert.NotEqual(token, renewed);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/feeds/starred/{token}/atom.xml")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync($"/feeds/starred/{renewed}/feed.json")).StatusCode);
        await SiteHost.PostFormAsync(http, "/account", [new("revoke", "true")], handler: "StarredFeed");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/feeds/starred/{renewed}/feed.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync("/feeds/starred/not-a-token/atom.xml")).StatusCode);
    }
}
