using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Inertia.Reader.Storage;
using Inertia.Reader.Tests;

namespace Inertia.Web.Tests;

/// <summary>The reader's rules page on both databases: rules made by its form act on arrival and on what is stored, in the reader and the APIs, for their user alone.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ReaderRulesTests(PostgresServer postgres)
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private static async Task<long> SubscribeAsync(SiteHost site, long userId, string fixture)
    {
        var url = site.Feeds.Url(fixture).ToString();
        await using var connection = await site.Database.OpenAsync();
        await SubscriptionStore.SubscribeAsync(connection, null, userId, url, null, null, null, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        return (await SubscriptionStore.FeedByUrlAsync(connection, userId, url))!.Value;
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_rule_added_on_the_page_hides_stored_and_arriving_entries_in_the_reader_and_the_api(DatabaseProvider provider)
    {
        var (site, http, alice) = await SignedInSite.StartAsync(provider, postgres);
        await using var _ = site;
        var ithome = await SubscribeAsync(site, alice, "ithome.xml");
        var bob = await site.CreateUserAsync("bob", "bob-account-password");
        await SubscribeAsync(site, bob, "ithome.xml");
        Assert.Contains("折叠屏", await http.GetStringAsync("/reader"));

        var page = await http.GetStringAsync($"/reader/rules?feed={ithome}");
        Assert.Contains("还没有规则", page);
        // a block rule for the feed, applied at once to what is stored
        var added = await SiteHost.PostFormAsync(http, "/reader/rules",
            [new("action", "block"), new("feed", ithome.ToString()), new("field", "title"), new("match", "words"), new("pattern", "折叠屏\n云厂商"), new("applyNow", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var report = await http.GetStringAsync(added.Headers.Location!.OriginalString);
        Assert.Contains("隐藏 2 篇", report);
        Assert.Contains("云厂商</code>", report);
        var reader = await http.GetStringAsync("/reader?show=all");
        Assert.DoesNotContain("折叠屏", reader);
        Assert.DoesNotContain("云厂商", reader);
        Assert.Contains("开源数据库", reader);

        // a star rule for all feeds, not applied to what is stored: it waits for what arrives
        Assert.Equal(HttpStatusCode.Redirect, (await SiteHost.PostFormAsync(http, "/reader/rules",
            [new("action", "star"), new("feed", "0"), new("field", "any"), new("match", "regex"), new("pattern", @"private\s+diary")])).StatusCode);
        var privateFeed = await site.SubscribePrivateFeedAsync(alice);
        await using (var connection = await site.Database.OpenAsync())
        {
            var starred = await ItemStream.RefsAsync(connection, new StreamFilter { UserId = alice, StarredOnly = true });
            Assert.Single(starred);
            Assert.Equal(privateFeed, (await ItemStream.ItemsAsync(connection, alice, [starred[0].Id]))[0].FeedId);
        }

        // the REST API (account password over Basic) leaves the hidden out and counts without them
        var api = site.Client(null);
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{SignedInSite.Name}:{SignedInSite.Password}")));
        using var entries = JsonDocument.Parse(await api.GetStringAsync($"v1/feeds/{ithome}/entries?limit=100"));
        var titles = entries.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("title").GetString()!).ToList();
        Assert.Equal(entries.RootElement.GetProperty("total").GetInt64(), titles.Count);
        Assert.DoesNotContain(titles, t => t.Contains("折叠屏") || t.Contains("云厂商"));
        Assert.Contains(titles, t => t.Contains("开源数据库"));

        // bob's reader is his own
        var bobHttp = site.Client();
        await SiteHost.SignInAsync(bobHttp, "bob", "bob-account-password");
        Assert.Contains("折叠屏", await bobHttp.GetStringAsync("/reader?show=all"));
        long ruleId;
        await using (var connection = await site.Database.OpenAsync())
        {
            ruleId = (await EntryRuleStore.ListAsync(connection, alice)).Single(r => r.Rule.FeedId == ithome).Rule.Id;
        }
        Assert.Equal(HttpStatusCode.NotFound, (await SiteHost.PostFormAsync(bobHttp, "/reader/rules", [new("id", ruleId.ToString())], handler: "Remove")).StatusCode);
        Assert.Contains("还没有规则", await bobHttp.GetStringAsync("/reader/rules"));

        // removed and applied again: what it hid comes back
        Assert.Equal(HttpStatusCode.Redirect, (await SiteHost.PostFormAsync(http, "/reader/rules", [new("id", ruleId.ToString()), new("feed", ithome.ToString())], handler: "Remove")).StatusCode);
        var again = await SiteHost.PostFormAsync(http, "/reader/rules", [new("feed", ithome.ToString())], handler: "Apply");
        Assert.Contains("恢复显示 2 篇", await http.GetStringAsync(again.Headers.Location!.OriginalString));
        Assert.Contains("折叠屏", await http.GetStringAsync("/reader?show=all"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_bad_pattern_or_another_users_feed_is_refused_with_the_reason_and_the_form_kept(DatabaseProvider provider)
    {
        var (site, http, alice) = await SignedInSite.StartAsync(provider, postgres);
        await using var _ = site;
        var bob = await site.CreateUserAsync("bob", "bob-account-password");
        var bobsFeed = await SubscribeAsync(site, bob, "ithome.xml");

        var backreference = await SiteHost.PostFormAsync(http, "/reader/rules",
            [new("action", "read"), new("feed", "0"), new("field", "title"), new("match", "regex"), new("pattern", @"(\w+) \1")]);
        Assert.Equal(HttpStatusCode.BadRequest, backreference.StatusCode);
        var shown = await backreference.Content.ReadAsStringAsync();
        Assert.Contains("这个模式无法使用", shown);
        Assert.Contains(@"\1</textarea>", shown);

        var blank = await SiteHost.PostFormAsync(http, "/reader/rules", [new("action", "block"), new("feed", "0"), new("match", "words"), new("pattern", " , ")]);
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);

        var notHers = await SiteHost.PostFormAsync(http, "/reader/rules",
            [new("action", "block"), new("feed", bobsFeed.ToString()), new("match", "words"), new("pattern", "折叠屏")]);
        Assert.Equal(HttpStatusCode.BadRequest, notHers.StatusCode);
        Assert.Contains("无法添加这条规则", await notHers.Content.ReadAsStringAsync());
        await using var connection = await site.Database.OpenAsync();
        Assert.Empty(await EntryRuleStore.ListAsync(connection, alice));
    }
}
