using System.Net;
using Inertia.Reader.Storage;
using Inertia.Reader.Tests;

namespace Inertia.Web.Tests;

/// <summary>Subscribing in the reader by address, on both databases: a feed at once, a site's feeds to choose from, and plain words for what is neither.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ReaderAddTests(PostgresServer postgres)
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private Task<(SiteHost Site, HttpClient Http, long UserId)> StartAsync(DatabaseProvider provider) => SignedInSite.StartAsync(provider, postgres);

    private static async Task<IReadOnlyList<SubscriptionLine>> SubscriptionsAsync(SiteHost site, long userId)
    {
        await using var connection = await site.Database.OpenAsync();
        return await ReaderViews.SubscriptionsAsync(connection, userId);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_feed_address_subscribes_into_the_category_and_opens_its_list(DatabaseProvider provider)
    {
        var (site, http, user) = await StartAsync(provider);
        await using var _ = site;
        var feed = site.Feeds.Url("ithome.xml").ToString();
        var added = await SiteHost.PostFormAsync(http, "/reader/add", [new("url", feed), new("category", "中文科技")]);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var line = Assert.Single(await SubscriptionsAsync(site, user));
        Assert.Equal(feed, line.Url);
        Assert.Equal("中文科技", line.Category);
        Assert.Equal($"/reader?feed={line.FeedId}", added.Headers.Location!.OriginalString);
        // the catalog feed's entries were there already: the list shows them at once
        Assert.Contains("entry-line", await http.GetStringAsync(added.Headers.Location.OriginalString));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_site_offering_two_feeds_lists_both_and_the_one_chosen_is_subscribed(DatabaseProvider provider)
    {
        var (site, http, user) = await StartAsync(provider);
        await using var _ = site;
        var page = await SiteHost.PostFormAsync(http, "/reader/add", [new("url", site.Feeds.Url("blog/").ToString()), new("category", "Blogs")]);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var ithome = site.Feeds.Url("ithome.xml").ToString();
        var simon = site.Feeds.Url("simonwillison.xml").ToString();
        Assert.Contains($"value=\"{ithome}\"", html);
        Assert.Contains($"value=\"{simon}\"", html);
        Assert.Empty(await SubscriptionsAsync(site, user));

        var chosen = await http.PostAsync("/reader/add", new FormUrlEncodedContent(
            [new("url", simon), new("category", "Blogs"), new("__RequestVerificationToken", SiteHost.FormToken(html))]));
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        var line = Assert.Single(await SubscriptionsAsync(site, user));
        Assert.Equal(simon, line.Url);
        Assert.Equal("Blogs", line.Category);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task What_is_not_a_feed_is_said_in_plain_words_and_nothing_is_subscribed(DatabaseProvider provider)
    {
        var (site, http, user) = await StartAsync(provider);
        await using var _ = site;
        foreach (var (url, words) in new[]
        {
            ("not an address", "请填写以 http:// 或 https:// 开头的完整地址"),
            ("ftp://example.com/feed", "请填写以 http:// 或 https:// 开头的完整地址"),
            (site.Feeds.Url("no-such-feed.xml").ToString(), "404"),
        })
        {
            var answer = await SiteHost.PostFormAsync(http, "/reader/add", [new("url", url), new("category", "")]);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var html = await answer.Content.ReadAsStringAsync();
            Assert.Contains("class=\"notice error\" role=\"alert\"", html);
            Assert.Contains(words, html);
        }
        Assert.Empty(await SubscriptionsAsync(site, user));
    }
}
