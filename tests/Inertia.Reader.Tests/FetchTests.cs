using System.IO.Compression;
using System.Text;
using Inertia.Feeds.Parsing;
using Inertia.Reader.Fetching;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Inertia.Reader.Tests;

/// <summary>The fetcher against a real HTTP server on loopback, one hostile or awkward server behaviour per test.</summary>
public sealed class FetchTests
{
    private const string Rss = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>惯性聚合</title><item><title>Новости</title><guid>1</guid></item></channel></rss>";

    private static readonly FetchOptions s_fast = new()
    {
        AllowPrivateNetworks = true,
        RetryBaseDelay = TimeSpan.FromMilliseconds(50),
        AttemptTimeout = TimeSpan.FromSeconds(2),
        TotalTimeout = TimeSpan.FromSeconds(4),
        MaxBodyBytes = 1024 * 1024,
    };

    private static FeedFetcher Fetcher(FetchOptions? options = null) => FetchingServices.CreateFetcher(options ?? s_fast);

    [Fact]
    public async Task A_second_fetch_with_the_validators_gets_304_and_no_body()
    {
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/feed", (HttpContext c) =>
        {
            if (c.Request.Headers.IfNoneMatch == "\"v1\"")
            {
                return Results.StatusCode(304);
            }
            c.Response.Headers.ETag = "\"v1\"";
            c.Response.Headers.LastModified = "Sat, 13 Jun 2026 10:00:00 GMT";
            return Results.Text(Rss, "application/rss+xml");
        }));
        var fetcher = Fetcher();
        var first = await fetcher.FetchAsync(server.Url("/feed"));
        Assert.Equal(FetchOutcome.Fetched, first.Outcome);
        Assert.Equal("\"v1\"", first.ETag);
        Assert.Equal("Sat, 13 Jun 2026 10:00:00 GMT", first.LastModified);
        var second = await fetcher.FetchAsync(server.Url("/feed"), first.ETag, first.LastModified);
        Assert.Equal(FetchOutcome.NotModified, second.Outcome);
        Assert.Null(second.Body);
    }

    [Fact]
    public async Task Permanent_redirects_are_reported_and_temporary_ones_are_not()
    {
        await using var server = await FeedServer.StartAsync(app =>
        {
            app.MapGet("/old", () => Results.Redirect("/new", permanent: true));
            app.MapGet("/temp", () => Results.Redirect("/new", permanent: false));
            app.MapGet("/new", () => Results.Text(Rss, "application/rss+xml"));
        });
        var fetcher = Fetcher();
        var moved = await fetcher.FetchAsync(server.Url("/old"));
        Assert.Equal(FetchOutcome.Fetched, moved.Outcome);
        Assert.Equal(server.Url("/new"), moved.MovedPermanentlyTo);
        var temporary = await fetcher.FetchAsync(server.Url("/temp"));
        Assert.Equal(FetchOutcome.Fetched, temporary.Outcome);
        Assert.Null(temporary.MovedPermanentlyTo);
    }

    [Fact]
    public async Task A_redirect_loop_fails_with_a_clear_reason()
    {
        await using var server = await FeedServer.StartAsync(app =>
        {
            app.MapGet("/a", () => Results.Redirect("/b"));
            app.MapGet("/b", () => Results.Redirect("/a"));
        });
        var result = await Fetcher().FetchAsync(server.Url("/a"));
        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Contains("redirect loop", result.Reason);
    }

    [Fact]
    public async Task Not_found_fails_without_retrying_and_gone_says_gone()
    {
        await using var server = await FeedServer.StartAsync(app =>
        {
            app.MapGet("/missing", () => Results.NotFound());
            app.MapGet("/gone", () => Results.StatusCode(410));
        });
        var fetcher = Fetcher();
        var missing = await fetcher.FetchAsync(server.Url("/missing"));
        Assert.Equal(FetchOutcome.Failed, missing.Outcome);
        Assert.Equal(404, missing.StatusCode);
        Assert.Equal(1, server.HitsOn("/missing"));
        var gone = await fetcher.FetchAsync(server.Url("/gone"));
        Assert.Equal(FetchOutcome.Gone, gone.Outcome);
    }

    [Fact]
    public async Task Service_unavailable_is_retried_after_the_time_retry_after_asks_for()
    {
        var calls = 0;
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/busy", (HttpContext c) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                c.Response.Headers.RetryAfter = "1";
                return Results.StatusCode(503);
            }
            return Results.Text(Rss, "application/rss+xml");
        }));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await Fetcher().FetchAsync(server.Url("/busy"));
        Assert.Equal(FetchOutcome.Fetched, result.Outcome);
        Assert.Equal(2, server.HitsOn("/busy"));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {clock.Elapsed}");
    }

    [Fact]
    public async Task Too_many_requests_with_a_long_retry_after_is_left_to_the_scheduler()
    {
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/limited", (HttpContext c) =>
        {
            c.Response.Headers.RetryAfter = "3600";
            return Results.StatusCode(429);
        }));
        var result = await Fetcher().FetchAsync(server.Url("/limited"));
        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Equal(TimeSpan.FromHours(1), result.RetryAfter);
        Assert.Equal(1, server.HitsOn("/limited"));
    }

    [Fact]
    public async Task A_server_that_never_answers_fails_within_the_timeout()
    {
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/hang", async (HttpContext c) =>
        {
            await Task.Delay(Timeout.Infinite, c.RequestAborted).ContinueWith(_ => { });
            return Results.Ok();
        }));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await Fetcher(s_fast with { RetryAttempts = 0 }).FetchAsync(server.Url("/hang"));
        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Contains("within", result.Reason);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_server_dripping_a_byte_a_second_is_cut_off_at_the_total_deadline()
    {
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/drip", async (HttpContext c) =>
        {
            c.Response.ContentType = "application/rss+xml";
            try
            {
                foreach (var b in Encoding.UTF8.GetBytes(Rss))
                {
                    await c.Response.Body.WriteAsync(new[] { b }, c.RequestAborted);
                    await c.Response.Body.FlushAsync(c.RequestAborted);
                    await Task.Delay(1000, c.RequestAborted);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await Fetcher().FetchAsync(server.Url("/drip"));
        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_declared_two_gigabyte_body_is_refused_before_reading_and_an_endless_one_at_the_cap()
    {
        await using var server = await FeedServer.StartAsync(app =>
        {
            app.MapGet("/huge", (HttpContext c) =>
            {
                c.Response.ContentLength = 2L * 1024 * 1024 * 1024;
                return c.Response.Body.WriteAsync(new byte[1024]).AsTask();
            });
            app.MapGet("/endless", async (HttpContext c) =>
            {
                var chunk = new byte[64 * 1024];
                try
                {
                    for (var i = 0; i < 100_000; i++)
                    {
                        await c.Response.Body.WriteAsync(chunk, c.RequestAborted);
                    }
                }
                catch (Exception ex) when (ex is OperationCanceledException or IOException)
                {
                }
            });
        });
        var fetcher = Fetcher();
        var huge = await fetcher.FetchAsync(server.Url("/huge"));
        Assert.Equal(FetchOutcome.Failed, huge.Outcome);
        Assert.Contains("over the limit", huge.Reason);
        var endless = await fetcher.FetchAsync(server.Url("/endless"));
        Assert.Equal(FetchOutcome.Failed, endless.Outcome);
        Assert.Contains("over the limit", endless.Reason);
    }

    [Fact]
    public async Task A_gzip_bomb_stops_at_the_decompressed_size_cap()
    {
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 100; i++)
            {
                gzip.Write(zeros);
            }
        }
        var bomb = compressed.ToArray();
        Assert.True(bomb.Length < 1024 * 1024); // 100 MB of zeros in well under 1 MB
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/bomb", (HttpContext c) =>
        {
            c.Response.Headers.ContentEncoding = "gzip";
            c.Response.ContentType = "application/rss+xml";
            return c.Response.Body.WriteAsync(bomb).AsTask();
        }));
        var result = await Fetcher().FetchAsync(server.Url("/bomb"));
        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Contains("after decompression", result.Reason);
    }

    [Fact]
    public async Task The_address_guard_refuses_loopback_unless_configured_and_the_server_never_sees_a_request()
    {
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/feed", () => Results.Text(Rss, "application/rss+xml")));
        var result = await Fetcher(s_fast with { AllowPrivateNetworks = false }).FetchAsync(server.Url("/feed"));
        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Contains("loopback", result.Reason);
        Assert.Equal(0, server.HitsOn("/feed"));
    }

    [Fact]
    public async Task A_wrong_content_type_and_a_contradicting_charset_still_give_the_right_text()
    {
        await using var server = await FeedServer.StartAsync(app =>
        {
            app.MapGet("/html-type", () => Results.Text(Rss, "text/html"));
            app.MapGet("/wrong-charset", () => Results.Bytes(Encoding.UTF8.GetBytes(Rss), "text/xml; charset=windows-1251"));
        });
        var fetcher = Fetcher();
        foreach (var path in new[] { "/html-type", "/wrong-charset" })
        {
            var fetched = await fetcher.FetchAsync(server.Url(path));
            Assert.Equal(FetchOutcome.Fetched, fetched.Outcome);
            var feed = FeedParser.Parse(fetched.Body!, new FeedParseOptions { ContentType = fetched.ContentType }).Feed!;
            Assert.Equal("惯性聚合", feed.Title);
            Assert.Equal("Новости", feed.Entries[0].Title);
        }
    }

    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("10.1.2.3", "private")]
    [InlineData("172.20.0.1", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("::1", "loopback")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("fd00::1", "private (unique local)")]
    [InlineData("::ffff:10.0.0.1", "private")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("198.18.0.1", "reserved (benchmarking)")]
    [InlineData("93.184.216.34", null)]
    [InlineData("2606:4700::1111", null)]
    // IPv6 forms that carry an IPv4 address are judged by that address
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("::ffff:192.168.0.1", "private")]
    [InlineData("64:ff9b::a00:1", "private (NAT64 of 10.0.0.1)")]
    [InlineData("64:ff9b::7f00:1", "loopback (NAT64 of 127.0.0.1)")]
    [InlineData("64:ff9b:1::a9fe:a9fe", "link-local (NAT64 of 169.254.169.254)")]
    [InlineData("2002:a00:1::1", "private (6to4 of 10.0.0.1)")]
    [InlineData("2002:c0a8:101::1", "private (6to4 of 192.168.1.1)")]
    [InlineData("2001:0:4136:e378:8000:63bf:f5ff:fffe", "private (Teredo of 10.0.0.1)")]
    [InlineData("::10.0.0.1", "private (IPv4-compatible IPv6 of 10.0.0.1)")]
    [InlineData("64:ff9b::5db8:d822", null)]
    [InlineData("2002:5db8:d822::1", null)]
    public void The_guard_names_what_it_refuses(string address, string? refusal) =>
        Assert.Equal(refusal, AddressGuard.Refusal(System.Net.IPAddress.Parse(address)));

    [Fact]
    public async Task Through_a_proxy_the_target_address_is_judged_and_a_private_one_never_reaches_the_proxy()
    {
        // a forward proxy on loopback that answers every request itself (no internet needed to see the public one pass)
        await using var proxy = await FeedServer.StartAsync(app => app.MapFallback((HttpContext c) => Results.Text(Rss, "application/rss+xml")));
        var fetcher = Fetcher(s_fast with { AllowPrivateNetworks = false, Proxy = proxy.Root.ToString(), RetryAttempts = 0 });

        var refused = await fetcher.FetchAsync(new Uri("http://10.0.0.1/feed"));
        Assert.Equal(FetchOutcome.Failed, refused.Outcome);
        Assert.Contains("private", refused.Reason);
        var loopback = await fetcher.FetchAsync(new Uri("http://127.0.0.1:9/feed"));
        Assert.Contains("loopback", loopback.Reason);
        Assert.Empty(proxy.Hits);

        var allowed = await fetcher.FetchAsync(new Uri("http://93.184.216.34/feed"));
        Assert.Equal(FetchOutcome.Fetched, allowed.Outcome);
        Assert.Equal(1, proxy.HitsOn("/feed"));
    }
}
