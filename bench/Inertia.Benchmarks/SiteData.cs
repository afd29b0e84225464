using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dapper;
using Inertia.Feeds.Model;
using Inertia.Reader.Ingest;
using Inertia.Reader.Storage;

namespace Inertia.Benchmarks;

/// <summary>
/// A public site at scale for the page benchmarks: FEEDS feeds (the first 50 in a catalog of five topics, the others marked
/// public) of ENTRIES entries each, written through the real ingest path (sanitizing, excerpts, the search index), dated
/// over the last two years. Deterministic: the same arguments give the same site.
/// </summary>
public static class SiteData
{
    private static readonly string[] s_topics = ["安全 / Security", "AI", "云与开发 / Cloud & dev", "中文科技 / Chinese tech", "博客 / Blogs"];

    private static readonly string[] s_words =
        ["feed", "reader", "阅读", "订阅", "security", "安全", "cloud", "云", "database", "数据库", "latency", "性能", "release", "发布", "model", "模型",
         "kernel", "内核", "browser", "浏览器", "privacy", "隐私", "network", "网络", "storage", "存储", "search", "搜索", "index", "索引"];

    public static async Task RunAsync(DatabaseOptions options, int feeds, int entriesPerFeed)
    {
        var database = new Database(options);
        await Migrator.MigrateAsync(database);
        var ingest = new FeedIngest(database, null);
        var now = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        await using (var connection = await database.OpenAsync())
        {
            for (var t = 0; t < s_topics.Length; t++)
            {
                await connection.ExecuteAsync("INSERT INTO catalog_groups (title, position) VALUES (@title, @t) ON CONFLICT (title) DO NOTHING", new { title = s_topics[t], t });
            }
        }
        long written = 0;
        for (var f = 0; f < feeds; f++)
        {
            var url = $"https://feed{f}.bench.example/rss";
            long feedId;
            await using (var connection = await database.OpenAsync())
            {
                feedId = await FeedStore.EnsureAsync(connection, null, url, now.ToUnixTimeSeconds());
                await connection.ExecuteAsync(
                    """
                    UPDATE feeds SET title = @title, site_url = @site, description = @description, last_fetched_at = @now,
                        next_fetch_at = @next, is_public = @isPublic WHERE id = @feedId
                    """,
                    new
                    {
                        feedId,
                        title = Title(f),
                        site = $"https://feed{f}.bench.example/",
                        description = $"Feed {f} of the page benchmark: writing about {Word(f)} and {Word(f + 7)}.",
                        now = now.ToUnixTimeSeconds(),
                        next = now.AddYears(1).ToUnixTimeSeconds(),
                        isPublic = f >= 50,
                    });
                if (f < 50)
                {
                    await connection.ExecuteAsync(
                        """
                        INSERT INTO catalog_feeds (feed_id, group_id, title, position, added_at)
                        SELECT @feedId, id, @title, @f, @now FROM catalog_groups WHERE title = @topic ON CONFLICT DO NOTHING
                        """, new { feedId, title = Title(f), f, now = now.ToUnixTimeSeconds(), topic = s_topics[f % s_topics.Length] });
                }
            }
            var random = new Random(f);
            var entries = new List<ParsedEntry>(entriesPerFeed);
            for (var e = 0; e < entriesPerFeed; e++)
            {
                entries.Add(new ParsedEntry
                {
                    Key = $"bench-{f}-{e}",
                    Id = $"https://feed{f}.bench.example/posts/{e}",
                    Url = $"https://feed{f}.bench.example/posts/{e}",
                    Title = $"{Word(random.Next())} {Word(random.Next())}: notes on {Word(random.Next())} ({f}/{e})",
                    Author = $"Author {random.Next(1, 40)}",
                    Published = now.AddMinutes(-random.Next(0, 2 * 365 * 24 * 60)),
                    Content = Content(random, f, e),
                });
            }
            var result = await ingest.IngestAsync(feedId, new ParsedFeed { Format = FeedFormat.Rss, Title = Title(f), Entries = entries }, now.ToUnixTimeSeconds());
            written += result.Inserted;
            if ((f + 1) % 100 == 0)
            {
                Console.WriteLine($"{f + 1} feeds, {written:N0} entries, {clock.Elapsed.TotalSeconds:F0} s");
            }
        }
        Console.WriteLine($"done: {feeds} feeds, {written:N0} entries in {clock.Elapsed.TotalSeconds:F0} s ({database.Location})");
    }

    private static string Title(int f) => f % 3 == 0 ? $"技术博客 {f}" : $"Bench Feed {f}";

    private static string Word(int n) => s_words[(n & int.MaxValue) % s_words.Length];

    // about 1.5 KB of article HTML: paragraphs, a link, emphasis, a list, an image
    private static string Content(Random random, int f, int e)
    {
        var sb = new StringBuilder();
        for (var p = 0; p < 4; p++)
        {
            sb.Append("<p>");
            for (var w = 0; w < 40; w++)
            {
                sb.Append(Word(random.Next())).Append(' ');
            }
            sb.Append("<a href=\"https://feed").Append(f.ToString(CultureInfo.InvariantCulture)).Append(".bench.example/posts/").Append(random.Next(0, 500)).Append("\">link</a> <strong>")
                .Append(Word(random.Next())).Append("</strong>.</p>");
        }
        sb.Append("<ul><li>").Append(Word(e)).Append("</li><li>").Append(Word(e + 1)).Append("</li></ul><img src=\"https://feed").Append(f).Append(".bench.example/img/").Append(e).Append(".jpg\" alt=\"\">");
        return sb.ToString();
    }
}
