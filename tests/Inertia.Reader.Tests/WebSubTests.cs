using System.Collections.Concurrent;
using System.Text;
using Dapper;
using Inertia.Reader.Fetching;
using Inertia.Reader.Ingest;
using Inertia.Reader.Refresh;
using Inertia.Reader.Storage;
using Inertia.Reader.WebSub;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Inertia.Reader.Tests;

/// <summary>WebSub against a real hub on 127.0.0.1: subscribe, verify intent, signed pushes ingested at once, on both providers.</summary>
[Collection(PostgresCollection.Name)]
public sealed class WebSubTests(PostgresServer postgres) : ProviderTest(postgres)
{
    private static readonly Uri s_publicBase = new("https://reader.example/");

    // the test hubs speak https, with a certificate this fetcher trusts: a hub secret is only ever sent over https
    private static FeedFetcher Fetcher() => FetchingServices.CreateFetcher(
        new FetchOptions { AllowPrivateNetworks = true, RetryAttempts = 0, AttemptTimeout = TimeSpan.FromSeconds(5) }, FeedServer.LoopbackCertificate);

    private static string Feed(string self, string hub, params string[] keys) =>
        $"""<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Pushed</title><atom:link rel="self" href="{self}"/><atom:link rel="hub" href="{hub}"/>""" +
        string.Concat(keys.Select(k => $"<item><guid>{k}</guid><title>Title {k}</title><description>&lt;p&gt;{k}&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;</description></item>")) +
        "</channel></rss>";

    /// <summary>A site whose feed names a hub on the same server; the hub records each request and answers with <paramref name="hubStatus"/>.</summary>
    private static Task<FeedServer> SiteWithHubAsync(ConcurrentQueue<Dictionary<string, string>> requests, int hubStatus, bool https = true) => FeedServer.StartAsync(app =>
    {
        app.MapGet("/feed", (HttpContext c) =>
        {
            if (c.Request.Headers.IfNoneMatch == "\"v1\"")
            {
                return Results.StatusCode(304);
            }
            c.Response.Headers.ETag = "\"v1\"";
            var root = $"{c.Request.Scheme}://{c.Request.Host}";
            return Results.Text(Feed($"{root}/feed", $"{root}/hub", "a", "b"), "application/rss+xml");
        });
        app.MapPost("/hub", async (HttpContext c) =>
        {
            var form = await c.Request.ReadFormAsync();
            requests.Enqueue(form.ToDictionary(f => f.Key, f => f.Value.ToString()));
            return Results.StatusCode(hubStatus);
        });
    }, https);

    /// <summary>The site's feed in the database, and a refresher that subscribes at hubs with callbacks under the public base.</summary>
    private static async Task<(long FeedId, FeedRefresher Refresher)> FeedWithHubSubscriberAsync(Database db, FeedServer site)
    {
        long feedId;
        await using (var c = await db.OpenAsync())
        {
            feedId = await FeedStore.EnsureAsync(c, null, site.Url("/feed").ToString(), 1);
        }
        var fetcher = Fetcher();
        return (feedId, new FeedRefresher(db, fetcher) { WebSub = new HubSubscriber(db, fetcher, s_publicBase) });
    }

    private static async Task<long> Scalar(Database db, string sql, object? args = null)
    {
        await using var c = await db.OpenAsync();
        return await c.ExecuteScalarAsync<long>(sql, args);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_feed_naming_a_hub_is_subscribed_verified_and_its_signed_pushes_are_ingested_at_once(DatabaseProvider provider)
    {
        var requests = new ConcurrentQueue<Dictionary<string, string>>();
        await using var site = await SiteWithHubAsync(requests, 202);
        await using var db = await NewMigratedDatabaseAsync(provider);
        var (feedId, refresher) = await FeedWithHubSubscriberAsync(db, site);
        await refresher.RefreshAllAsync();

        var request = Assert.Single(requests);
        var topic = site.Url("/feed").ToString();
        Assert.Equal("subscribe", request["hub.mode"]);
        Assert.Equal(topic, request["hub.topic"]);
        // the callback carries an unguessable token of this subscription
        var prefix = $"https://reader.example/websub/{feedId}/";
        Assert.StartsWith(prefix, request["hub.callback"]);
        var token = request["hub.callback"][prefix.Length..];
        Assert.Matches("^[0-9a-f]{32}$", token);
        Assert.Equal("864000", request["hub.lease_seconds"]);
        var secret = request["hub.secret"];
        Assert.Equal(64, secret.Length);

        // a second poll while the hub has not verified yet asks nothing again
        await refresher.RefreshAllAsync();
        Assert.Single(requests);

        var callback = new WebSubCallback(db, new FeedIngest(db));
        Assert.Equal(404, (await callback.VerifyAsync(feedId, token, "subscribe", "https://other.example/feed", "c0", "100", null)).Status);
        Assert.Equal(404, (await callback.VerifyAsync(feedId + 1, token, "subscribe", topic, "c0", "100", null)).Status);
        Assert.Equal(404, (await callback.VerifyAsync(feedId, token, "subscribe", topic, "", "100", null)).Status);
        // a verification or a push at another token is refused: the feed's id alone opens nothing
        Assert.Equal(404, (await callback.VerifyAsync(feedId, "0123456789abcdef0123456789abcdef", "subscribe", topic, "c1", "100", null)).Status);
        var verified = await callback.VerifyAsync(feedId, token, "subscribe", topic, "challenge-1", "86400", null);
        Assert.Equal((200, "challenge-1"), (verified.Status, verified.Body));
        Assert.Equal("active", await StateAsync(db, feedId));

        var root = site.Root.ToString().TrimEnd('/');
        var push = Encoding.UTF8.GetBytes(Feed(topic, root + "/hub", "a", "b", "pushed"));
        Assert.Equal(404, (await callback.ReceiveAsync(feedId, "0123456789abcdef0123456789abcdef", push, "application/rss+xml", PushSignature.Sign(push, secret))).Status);
        var accepted = await callback.ReceiveAsync(feedId, token, push, "application/rss+xml", PushSignature.Sign(push, secret));
        Assert.Equal(204, accepted.Status);
        Assert.Equal(1, await Scalar(db, "SELECT COUNT(*) FROM entries WHERE feed_id = @feedId AND key = 'pushed'", new { feedId }));
        // pushed HTML is sanitized like polled HTML
        Assert.Equal(0, await Scalar(db, "SELECT COUNT(*) FROM entries WHERE content LIKE '%<script%' OR summary LIKE '%<script%'"));
        // the same push again (a hub retry, or push plus poll) adds nothing
        await callback.ReceiveAsync(feedId, token, push, "application/rss+xml", PushSignature.Sign(push, secret));
        Assert.Equal(3, await Scalar(db, "SELECT COUNT(*) FROM entries WHERE feed_id = @feedId", new { feedId }));

        // forged, unsigned and wrongly keyed pushes are acknowledged and ignored
        var forged = Encoding.UTF8.GetBytes(Feed(topic, root + "/hub", "forged"));
        Assert.Equal(202, (await callback.ReceiveAsync(feedId, token, forged, "application/rss+xml", PushSignature.Sign(push, secret))).Status);
        Assert.Equal(202, (await callback.ReceiveAsync(feedId, token, forged, "application/rss+xml", null)).Status);
        Assert.Equal(202, (await callback.ReceiveAsync(feedId, token, forged, "application/rss+xml", PushSignature.Sign(forged, "not-the-secret"))).Status);
        Assert.Equal(0, await Scalar(db, "SELECT COUNT(*) FROM entries WHERE key = 'forged'"));
        // a signed push that is not a feed is refused with a reason; one for a feed we never subscribed to is told to stop
        var junk = "<html>no</html>"u8.ToArray();
        Assert.Equal(400, (await callback.ReceiveAsync(feedId, token, junk, "text/html", PushSignature.Sign(junk, secret))).Status);
        Assert.Equal(410, (await callback.ReceiveAsync(feedId + 1, token, push, "application/rss+xml", PushSignature.Sign(push, secret))).Status);

        // unsubscribing: confirmed for a topic we do not hold, refused for the one we do
        Assert.Equal(200, (await callback.VerifyAsync(feedId, token, "unsubscribe", "https://other.example/feed", "u1", null, null)).Status);
        Assert.Equal(404, (await callback.VerifyAsync(feedId, token, "unsubscribe", topic, "u2", null, null)).Status);

        // an active subscription is not ended by a denial (anyone could send one): it is believed only while a request is pending
        Assert.Equal(404, (await callback.VerifyAsync(feedId, token, "denied", topic, null, null, "forged")).Status);
        Assert.Equal("active", await StateAsync(db, feedId));
        await using (var c = await db.OpenAsync())
        {
            await c.ExecuteAsync("UPDATE websub_subscriptions SET state = 'requested' WHERE feed_id = @feedId", new { feedId });
        }
        // a denial of a pending request is recorded in words, and pushes stop being accepted
        Assert.Equal(200, (await callback.VerifyAsync(feedId, token, "denied", topic, null, null, "topic not allowed")).Status);
        Assert.Equal("denied", await StateAsync(db, feedId));
        await using (var c = await db.OpenAsync())
        {
            Assert.Contains("topic not allowed", await c.ExecuteScalarAsync<string>("SELECT last_error FROM websub_subscriptions WHERE feed_id = @feedId", new { feedId }));
        }
        Assert.Equal(410, (await callback.ReceiveAsync(feedId, token, push, "application/rss+xml", PushSignature.Sign(push, secret))).Status);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_hub_that_refuses_is_recorded_in_words_and_not_asked_again_at_once(DatabaseProvider provider)
    {
        var requests = new ConcurrentQueue<Dictionary<string, string>>();
        await using var site = await SiteWithHubAsync(requests, 400);
        await using var db = await NewMigratedDatabaseAsync(provider);
        var (feedId, refresher) = await FeedWithHubSubscriberAsync(db, site);
        var summary = await refresher.RefreshAllAsync();
        Assert.Equal((1, 2), (summary.Ok, summary.NewEntries)); // the poll itself is unaffected
        Assert.Equal("failed", await StateAsync(db, feedId));
        await using (var c = await db.OpenAsync())
        {
            var error = await c.ExecuteScalarAsync<string>("SELECT last_error FROM websub_subscriptions WHERE feed_id = @feedId", new { feedId });
            Assert.Contains("refused the subscription: HTTP 400", error);
        }
        await refresher.RefreshAllAsync();
        Assert.Single(requests);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_lease_about_to_run_out_is_renewed_even_while_the_feed_answers_304(DatabaseProvider provider)
    {
        var requests = new ConcurrentQueue<Dictionary<string, string>>();
        await using var site = await SiteWithHubAsync(requests, 202);
        await using var db = await NewMigratedDatabaseAsync(provider);
        var (feedId, refresher) = await FeedWithHubSubscriberAsync(db, site);
        await refresher.RefreshAllAsync();
        var first = Assert.Single(requests);
        var token = first["hub.callback"].Split('/')[^1];
        var callback = new WebSubCallback(db, new FeedIngest(db));
        // a hub that grants a lease of a minute: well inside the day before expiry when renewal is due
        Assert.Equal(200, (await callback.VerifyAsync(feedId, token, "subscribe", first["hub.topic"], "c", "60", null)).Status);

        var summary = await refresher.RefreshAllAsync();
        Assert.Equal(1, summary.NotModified);
        Assert.Equal(2, requests.Count);
        var renewal = requests.Last();
        Assert.Equal((first["hub.topic"], first["hub.callback"]), (renewal["hub.topic"], renewal["hub.callback"]));
        // the renewal keeps the secret, so pushes signed before the hub confirms it still count
        Assert.Equal(first["hub.secret"], renewal["hub.secret"]);
    }

    [Fact]
    public void A_push_signature_matches_only_the_right_key_method_and_body()
    {
        var body = "<feed/>"u8.ToArray();
        var hex = (byte[] digest) => Convert.ToHexStringLower(digest);
        var key = "s3cret"u8.ToArray();
        Assert.True(PushSignature.Matches("sha1=" + hex(System.Security.Cryptography.HMACSHA1.HashData(key, body)), body, "s3cret"));
        Assert.True(PushSignature.Matches("sha256=" + hex(System.Security.Cryptography.HMACSHA256.HashData(key, body)), body, "s3cret"));
        Assert.True(PushSignature.Matches("SHA512=" + Convert.ToHexString(System.Security.Cryptography.HMACSHA512.HashData(key, body)), body, "s3cret"));
        Assert.True(PushSignature.Matches(PushSignature.Sign(body, "s3cret"), body, "s3cret"));
        Assert.False(PushSignature.Matches(PushSignature.Sign(body, "s3cret"), "<feed />"u8, "s3cret"));
        Assert.False(PushSignature.Matches(PushSignature.Sign(body, "other"), body, "s3cret"));
        Assert.False(PushSignature.Matches("md5=" + hex(System.Security.Cryptography.HMACMD5.HashData(key, body)), body, "s3cret"));
        Assert.False(PushSignature.Matches("sha256=zz", body, "s3cret"));
        Assert.False(PushSignature.Matches("sha256=", body, "s3cret"));
        Assert.False(PushSignature.Matches("=abcd", body, "s3cret"));
        Assert.False(PushSignature.Matches(null, body, "s3cret"));
    }

    private static async Task<string?> StateAsync(Database db, long feedId)
    {
        await using var c = await db.OpenAsync();
        return await c.ExecuteScalarAsync<string>("SELECT state FROM websub_subscriptions WHERE feed_id = @feedId", new { feedId });
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_http_hub_gets_no_secret_and_its_pushes_only_make_the_feed_due(DatabaseProvider provider)
    {
        var requests = new ConcurrentQueue<Dictionary<string, string>>();
        await using var site = await SiteWithHubAsync(requests, 202, https: false);
        await using var db = await NewMigratedDatabaseAsync(provider);
        var (feedId, refresher) = await FeedWithHubSubscriberAsync(db, site);
        await refresher.RefreshAllAsync();
        var request = Assert.Single(requests);
        Assert.False(request.ContainsKey("hub.secret"), "a secret sent in clear text would sign nothing");
        var token = request["hub.callback"].Split('/')[^1];
        var callback = new WebSubCallback(db, new FeedIngest(db));
        Assert.Equal(200, (await callback.VerifyAsync(feedId, token, "subscribe", request["hub.topic"], "c", "86400", null)).Status);
        Assert.NotEqual(0, await Scalar(db, "SELECT next_fetch_at FROM feeds WHERE id = @feedId", new { feedId }));

        // anyone on the path could forge an unsigned push: its body is not ingested, the feed is polled instead
        var forged = Encoding.UTF8.GetBytes(Feed(request["hub.topic"], "http://x/hub", "forged"));
        var answer = await callback.ReceiveAsync(feedId, token, forged, "application/rss+xml", null);
        Assert.Equal(202, answer.Status);
        Assert.Equal(0, await Scalar(db, "SELECT COUNT(*) FROM entries WHERE key = 'forged'"));
        Assert.Equal(0, await Scalar(db, "SELECT next_fetch_at FROM feeds WHERE id = @feedId", new { feedId }));
    }
}
