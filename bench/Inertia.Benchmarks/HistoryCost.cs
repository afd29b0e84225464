using System.Diagnostics;
using System.Net;
using Inertia.Feeds.Model;
using Inertia.Reader.Fetching;
using Inertia.Reader.Refresh;
using Inertia.Reader.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Inertia.Benchmarks;

/// <summary>
/// Whether a fetch costs more as a feed's history grows: two feeds, one with 100 stored entries and one with 100,000, each
/// refreshed 40 times (a document of 20 entries, one of them new each time) through the real refresher and a real HTTP
/// server on loopback. Prints the median and p90 per refresh of each, and their ratio (the bound is 2×).
/// </summary>
public static class HistoryCost
{
    public static async Task RunAsync(DatabaseOptions options)
    {
        var round = 0;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        await using var app = builder.Build();
        // the document: the newest 19 stored entries and one new one, different each round
        app.MapGet("/feed/{name}", (string name) => Results.Text(Document(name, Volatile.Read(ref round)), "application/rss+xml"));
        await app.StartAsync();
        var root = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        await using var db = new Database(options);
        await Migrator.MigrateAsync(db);
        var sizes = new[] { 100, 100_000 };
        var urls = new Dictionary<int, string>();
        foreach (var size in sizes)
        {
            var url = $"{root}/feed/h{size}";
            urls[size] = url;
            long feedId;
            await using (var c = await db.OpenAsync())
            {
                feedId = await FeedStore.EnsureAsync(c, null, url, 1);
            }
            // the history: entries h{size}-0 … h{size}-{size-1}, written in batches as ingest writes them
            for (var start = 0; start < size; start += 5000)
            {
                // parsed from the same markup the document serves, so that what is stored is what a fetch would store
                var entries = Inertia.Feeds.Parsing.FeedParser.ParseText(
                    $"<rss version=\"2.0\"><channel><title>h</title>{string.Concat(Enumerable.Range(start, Math.Min(5000, size - start)).Select(i => Item($"h{size}", i)))}</channel></rss>",
                    new Inertia.Feeds.Parsing.FeedParseOptions { DocumentUrl = url }).Feed!.Entries.Select(e => Inertia.Feeds.Html.EntryHtml.Sanitize(e)).ToList();
                var plan = new WritePlan([.. entries.Select(e => new PlannedWrite(e, Inertia.Reader.Ingest.ContentHash.Of(e), IsNew: true))], 0);
                var rows = plan.ToRows(feedId, 1_000_000 + start, db.Provider);
                await db.Writes.RunAsync((c, tx) => EntryStore.WriteRowsAsync(c, tx, rows, 0));
            }
        }
        var fetcher = FetchingServices.CreateFetcher(new FetchOptions { AllowPrivateNetworks = true, RetryAttempts = 0 });
        var refresher = new FeedRefresher(db, fetcher);
        var times = sizes.ToDictionary(s => s, _ => new List<double>());
        // a first fetch of each (its validators and interval are set), untimed
        Volatile.Write(ref round, -1);
        await refresher.RefreshAllAsync();
        for (var r = 0; r < 45; r++)
        {
            Volatile.Write(ref round, r);
            foreach (var size in sizes)
            {
                var sw = Stopwatch.StartNew();
                var summary = await refresher.RefreshAllAsync(urls[size]);
                if (summary.Ok != 1 || summary.NewEntries != 1)
                {
                    throw new InvalidOperationException($"round {r}, {size}: {summary}");
                }
                if (r >= 5)
                {
                    times[size].Add(sw.Elapsed.TotalMilliseconds);
                }
            }
        }
        foreach (var size in sizes)
        {
            var t = times[size].Order().ToList();
            Console.WriteLine($"| {db.Provider} | {size:N0} stored entries | {t[t.Count / 2]:F1} ms | {t[t.Count * 9 / 10]:F1} ms |");
        }
        var ratio = times[100_000].Order().ElementAt(20) / times[100].Order().ElementAt(20);
        Console.WriteLine($"median ratio (100,000 ÷ 100): {ratio:F2}×");
    }

    private static string Item(string name, int i) =>
        $"<item><guid>{name}-{i}</guid><title>entry {i}</title><description>&lt;p&gt;stored entry {i} of a long history&lt;/p&gt;</description></item>";

    private static string Document(string name, int round)
    {
        var size = int.Parse(name[1..], System.Globalization.CultureInfo.InvariantCulture);
        var items = Enumerable.Range(size - 19, 19).Select(i => Item(name, i));
        return $"<rss version=\"2.0\"><channel><title>{name}</title><item><guid>{name}-new-{round}</guid><title>new {round}</title><description>&lt;p&gt;fresh&lt;/p&gt;</description></item>{string.Concat(items)}</channel></rss>";
    }
}
