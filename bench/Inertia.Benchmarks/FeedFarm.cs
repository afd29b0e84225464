using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Inertia.Benchmarks;

/// <summary>
/// A feed farm for refresh benchmarks: N feeds of 20 entries (~2 KB of HTML each) served from 127.0.0.1–127.0.0.64 (64 hosts,
/// so per-host politeness limits apply as they would on the web), honouring If-None-Match with 304.
/// FARM_SHARED_GUIDS=K gives every item of every K-th feed the same guid (the CMS bug real feeds have); FARM_NO_ETAG=1 sends
/// no validators, so that every refresh downloads and parses every feed again (what must then be written is nothing).
/// </summary>
public static class FeedFarm
{
    public const int Hosts = 64;

    private static readonly int s_sharedGuids = int.TryParse(Environment.GetEnvironmentVariable("FARM_SHARED_GUIDS"), out var k) && k > 0 ? k : 0;
    private static readonly bool s_noEtag = Environment.GetEnvironmentVariable("FARM_NO_ETAG") == "1";

    public static string FeedUrl(int n, int port) => $"http://127.0.0.{1 + (n % Hosts)}:{port}/feed/{n}";

    public static async Task RunAsync(int feeds, int port, CancellationToken stop)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o =>
        {
            for (var h = 1; h <= Hosts; h++)
            {
                o.Listen(IPAddress.Parse($"127.0.0.{h}"), port);
            }
        });
        var app = builder.Build();
        var cache = new ConcurrentDictionary<int, byte[]>();
        app.MapGet("/feed/{n:int}", (int n, HttpContext c) =>
        {
            if (n < 0 || n >= feeds)
            {
                return Results.NotFound();
            }
            var etag = $"\"farm-{n}\"";
            if (!s_noEtag && c.Request.Headers.IfNoneMatch == etag)
            {
                return Results.StatusCode(304);
            }
            if (!s_noEtag)
            {
                c.Response.Headers.ETag = etag;
            }
            return Results.Bytes(cache.GetOrAdd(n, Document), "application/rss+xml; charset=utf-8");
        });
        await app.RunAsync(stop);
    }

    public static string Opml(int feeds, int port)
    {
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<opml version=\"2.0\"><head><title>farm</title></head><body>\n");
        for (var n = 0; n < feeds; n++)
        {
            sb.Append("<outline type=\"rss\" text=\"Farm ").Append(n).Append("\" xmlUrl=\"").Append(FeedUrl(n, port)).Append("\"/>\n");
        }
        return sb.Append("</body></opml>\n").ToString();
    }

    internal static byte[] Document(int n)
    {
        var random = new Random(n);
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>");
        sb.Append("<title>Farm feed ").Append(n).Append("</title><link>https://farm").Append(n).Append(".example/</link><description>d</description>\n");
        for (var e = 0; e < 20; e++)
        {
            sb.Append("<item><title>Entry ").Append(e).Append(" of feed ").Append(n).Append("</title><link>https://farm").Append(n).Append(".example/").Append(e).Append("</link>");
            var guid = s_sharedGuids > 0 && n % s_sharedGuids == 0 ? $"farm-{n}" : $"farm-{n}-{e}";
            sb.Append("<guid>").Append(guid).Append("</guid><pubDate>").Append(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero).AddHours(random.Next(0, 600)).ToString("r")).Append("</pubDate>");
            sb.Append("<content:encoded><![CDATA[");
            for (var p = 0; p < 6; p++)
            {
                sb.Append("<p>Paragraph ").Append(p).Append(" with <a href=\"/post/").Append(e).Append("\">a link</a>, <strong>some emphasis</strong> and enough words to weigh about three hundred bytes per paragraph of real-looking article text, 惯性聚合 高效追踪.</p>");
            }
            sb.Append("<img src=\"/img/").Append(e).Append(".jpg\" alt=\"figure\"></p>]]></content:encoded></item>\n");
        }
        return Encoding.UTF8.GetBytes(sb.Append("</channel></rss>\n").ToString());
    }
}
