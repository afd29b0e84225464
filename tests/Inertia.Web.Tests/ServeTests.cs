using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using Inertia.Reader.Storage;
using Inertia.Reader.Tests;
using Inertia.Reader.WebSub;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Inertia.Web.Tests;

/// <summary>`inertia serve` as a real process: background refresh, WebSub over HTTP, icons; and two servers sharing one database.</summary>
[Collection(PostgresCollection.Name)]
public sealed partial class ServeTests(PostgresServer postgres) : IDisposable
{
    private static readonly byte[] s_png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0];
    private readonly string _dir = Directory.CreateTempSubdirectory("inertia-serve-").FullName;
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    public void Dispose()
    {
        _client.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private (Database Database, Dictionary<string, string> Environment) NewDatabase(DatabaseProvider provider)
    {
        var connectionString = provider == DatabaseProvider.Postgres ? postgres.CreateDatabase() : $"Data Source={Path.Combine(_dir, "inertia.db")}";
        var environment = new Dictionary<string, string>
        {
            ["INERTIA__Database__Provider"] = provider == DatabaseProvider.Postgres ? "postgres" : "sqlite",
            ["INERTIA__Database__ConnectionString"] = connectionString,
        };
        return (new Database(new DatabaseOptions { Provider = provider, ConnectionString = connectionString }), environment);
    }

    private static async Task<long> ScalarAsync(Database db, string sql, object? args = null)
    {
        await using var c = await db.OpenAsync();
        return await c.ExecuteScalarAsync<long>(sql, args);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan within, Func<string> whatWasSeen)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < within, $"still waiting after {within.TotalSeconds} s:\n{whatWasSeen()}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task The_server_refreshes_in_the_background_subscribes_at_the_hub_and_takes_unsigned_pushes_as_a_cue_to_poll()
    {
        var hubRequests = new ConcurrentQueue<Dictionary<string, string>>();
        await using var site = await FeedServer.StartAsync(app =>
        {
            app.MapGet("/feed", (HttpContext c) => Results.Text(Rss($"http://{c.Request.Host}", "first"), "application/rss+xml"));
            app.MapGet("/plain", () => Results.Text("""<rss version="2.0"><channel><title>Zebra News</title><item><guid>z</guid><title>Z</title></item></channel></rss>""", "application/rss+xml"));
            app.MapGet("/site/", () => Results.Text("""<html><head><link rel="icon" href="/i.png"></head></html>""", "text/html"));
            app.MapGet("/i.png", () => Results.Bytes(s_png, "application/octet-stream"));
            app.MapPost("/hub", async (HttpContext c) =>
            {
                hubRequests.Enqueue((await c.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString()));
                return Results.StatusCode(202);
            });
        });
        var (db, environment) = NewDatabase(DatabaseProvider.Sqlite);
        await using var _ = db;
        await Migrator.MigrateAsync(db);
        long feedId, plainId;
        await using (var c = await db.OpenAsync())
        {
            feedId = await FeedStore.EnsureAsync(c, null, site.Url("/feed").ToString(), 1);
            plainId = await FeedStore.EnsureAsync(c, null, site.Url("/plain").ToString(), 1);
            // icons are served for public feeds (and to a feed's subscribers)
            await c.ExecuteAsync("UPDATE feeds SET is_public = TRUE");
        }
        var port = ServeProcess.FreePort();
        environment["INERTIA__Server__PublicBaseUrl"] = $"http://127.0.0.1:{port}";
        using var server = new ServeProcess(_dir, port, environment);
        await server.WaitUntilReadyAsync(_client);

        // nobody ran `inertia refresh`: the background service fetched both feeds and asked the hub
        await WaitForAsync(() => Task.FromResult(!hubRequests.IsEmpty), TimeSpan.FromSeconds(60), () => server.Output);
        Assert.Equal(2, await ScalarAsync(db, "SELECT COUNT(*) FROM entries"));
        var request = Assert.Single(hubRequests);
        var topic = site.Url("/feed").ToString();
        Assert.Equal(topic, request["hub.topic"]);
        // the callback is the feed's and an unguessable token's; a hub on http:// is given no secret (it would travel in clear)
        Assert.Matches($"^http://127\\.0\\.0\\.1:{port}/websub/{feedId}/[0-9a-f]{{32}}$", request["hub.callback"]);
        Assert.False(request.ContainsKey("hub.secret"));

        // the hub verifies intent: a wrong topic is refused, the right one gets its challenge back; another token opens nothing
        var callback = new Uri(request["hub.callback"]);
        var wrong = await _client.GetAsync(new Uri(callback, $"?hub.mode=subscribe&hub.topic={Uri.EscapeDataString("http://elsewhere.example/")}&hub.challenge=abc"));
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        var guessed = new Uri(server.Root, $"websub/{feedId}/0123456789abcdef0123456789abcdef");
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync(new Uri(guessed, $"?hub.mode=subscribe&hub.topic={Uri.EscapeDataString(topic)}&hub.challenge=x"))).StatusCode);
        var verify = await _client.GetAsync(new Uri(callback, $"?hub.mode=subscribe&hub.topic={Uri.EscapeDataString(topic)}&hub.challenge=ch%20123&hub.lease_seconds=3600"));
        Assert.Equal((HttpStatusCode.OK, "ch 123"), (verify.StatusCode, await verify.Content.ReadAsStringAsync()));

        // an unsigned push is not ingested (anyone on the path could have written it): the server polls the feed at once instead
        var polled = site.HitsOn("/feed");
        var forged = Encoding.UTF8.GetBytes(Rss(site.Root.ToString().TrimEnd('/'), "forged"));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(callback, forged, PushSignature.Sign(forged, "guessed"))).StatusCode);
        await WaitForAsync(() => Task.FromResult(site.HitsOn("/feed") > polled), TimeSpan.FromSeconds(30), () => server.Output);
        Assert.Equal(0, await ScalarAsync(db, "SELECT COUNT(*) FROM entries WHERE key = 'forged'"));
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(guessed, forged, "sha256=00")).StatusCode);
        // a push larger than any feed may be is refused while it is read
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await PostAsync(callback, new byte[21 * 1024 * 1024], "sha256=00")).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await PostAsync(new Uri(server.Root, "websub/987654/0123456789abcdef0123456789abcdef"), forged, "sha256=00")).StatusCode);

        // icons: the site's own, found by the background pass; a letter avatar for a feed without a site; 404 for no feed
        HttpResponseMessage icon = null!;
        await WaitForAsync(async () =>
        {
            icon = await _client.GetAsync(new Uri(server.Root, $"icons/{feedId}"));
            return icon.Content.Headers.ContentType?.MediaType == "image/png";
        }, TimeSpan.FromSeconds(60), () => server.Output);
        Assert.Equal(s_png, await icon.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", icon.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("sandbox", icon.Headers.GetValues("Content-Security-Policy").Single());
        var avatar = await _client.GetAsync(new Uri(server.Root, $"icons/{plainId}"));
        Assert.Equal("image/svg+xml", avatar.Content.Headers.ContentType?.MediaType);
        Assert.Contains(">Z</text>", await avatar.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync(new Uri(server.Root, "icons/987654"))).StatusCode);
    }

    private static string Rss(string root, params string[] keys) =>
        $"""<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Hubbed</title><link>{root}/site/</link><atom:link rel="self" href="{root}/feed"/><atom:link rel="hub" href="{root}/hub"/>""" +
        string.Concat(keys.Select(k => $"<item><guid>{k}</guid><title>{k}</title></item>")) + "</channel></rss>";

    private Task<HttpResponseMessage> PostAsync(Uri url, byte[] body, string signature)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/rss+xml");
        var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        message.Headers.TryAddWithoutValidation("X-Hub-Signature", signature);
        return _client.SendAsync(message);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_servers_on_one_database_refresh_1000_feeds_and_each_feed_is_fetched_exactly_once(DatabaseProvider provider)
    {
        const int Feeds = 1000;
        // responses wait until more requests are in flight than one process may send to one host (2): both servers are at work at once
        var inFlight = 0;
        var bothAtWork = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var farm = await FeedServer.StartAsync(app => app.MapGet("/f/{n:int}", async (int n) =>
        {
            if (Interlocked.Increment(ref inFlight) > 2)
            {
                bothAtWork.TrySetResult();
            }
            await bothAtWork.Task.WaitAsync(TimeSpan.FromSeconds(60));
            Interlocked.Decrement(ref inFlight);
            return Results.Text($"""<rss version="2.0"><channel><title>F{n}</title><item><guid>{n}-a</guid><title>A</title></item><item><guid>{n}-b</guid><title>B</title></item></channel></rss>""", "application/rss+xml");
        }));
        var (db, environment) = NewDatabase(provider);
        await using var _ = db;
        await Migrator.MigrateAsync(db);
        await using (var c = await db.OpenAsync())
        {
            await using var tx = await c.BeginTransactionAsync();
            for (var i = 0; i < Feeds; i++)
            {
                await FeedStore.EnsureAsync(c, tx, farm.Url($"/f/{i}").ToString(), 1);
            }
            await tx.CommitAsync();
        }

        using var first = new ServeProcess(_dir, ServeProcess.FreePort(), environment);
        using var second = new ServeProcess(_dir, ServeProcess.FreePort(), environment);
        string Seen() => $"hits on {farm.Hits.Count} paths\n--- first:\n{first.Output}\n--- second:\n{second.Output}";
        await WaitForAsync(() => Task.FromResult(Refreshed(first) + Refreshed(second) >= Feeds), TimeSpan.FromSeconds(240), Seen);
        // a few more passes of both: nothing is due, so nothing more is fetched
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.True(bothAtWork.Task.IsCompletedSuccessfully, Seen());
        Assert.True(Refreshed(first) > 0 && Refreshed(second) > 0, Seen());
        Assert.Equal(Feeds, Refreshed(first) + Refreshed(second));
        Assert.Equal(Feeds, farm.Hits.Count);
        Assert.All(farm.Hits, hit => Assert.Equal(1, hit.Value));
        Assert.Equal(2 * Feeds, await ScalarAsync(db, "SELECT COUNT(*) FROM entries"));
        Assert.Equal(Feeds, await ScalarAsync(db, "SELECT COUNT(*) FROM feeds WHERE last_fetched_at IS NOT NULL AND error_count = 0 AND lease_owner IS NULL"));
    }

    // the feeds a server says it refreshed, summed over its passes
    private static int Refreshed(ServeProcess server) =>
        RefreshedLine().Matches(server.Output).Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

    [GeneratedRegex(@"refreshed (\d+) feeds")]
    private static partial Regex RefreshedLine();
}
