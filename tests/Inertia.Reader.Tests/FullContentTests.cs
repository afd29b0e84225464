using Dapper;
using Inertia.Reader.Content;
using Inertia.Reader.Fetching;
using Inertia.Reader.Refresh;
using Inertia.Reader.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Inertia.Reader.Tests;

[Collection(PostgresCollection.Name)]
public sealed class FullContentTests(PostgresServer postgres) : ProviderTest(postgres)
{
    private static readonly string s_article = $$"""
        <html><head><title>Engineering Resilience</title></head><body>
        <nav><a href="/">Home</a> <a href="/about">About us navigation menu</a></nav>
        <article><h1>Engineering Resilience</h1>
        {{string.Concat(Enumerable.Range(1, 8).Select(i => $"<p>Paragraph {i}: stream, validate, batch, insert, report. Retry transient failures with exponential backoff and honour Retry-After, and never let one bad row fail the whole job, so that the system degrades gracefully.</p>"))}}
        <p><img src="/img/figure.png" alt="figure"></p></article>
        <footer>Copyright footer text</footer><script>track()</script></body></html>
        """;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Subscriptions_that_ask_for_it_get_the_extracted_article_instead_of_the_teaser(DatabaseProvider provider)
    {
        await using var server = await FeedServer.StartAsync(app =>
        {
            app.MapGet("/feed", () => Results.Text(
                "<rss version=\"2.0\"><channel><title>Teasers</title><item><guid>1</guid><title>Engineering Resilience</title><link>/article/1</link><description>A teaser.</description></item></channel></rss>",
                "application/rss+xml"));
            app.MapGet("/article/1", () => Results.Content(s_article, "text/html"));
        });
        var fetcher = FetchingServices.CreateFetcher(new FetchOptions { AllowPrivateNetworks = true });
        await using var db = await NewMigratedDatabaseAsync(provider);
        await using (var c = await db.OpenAsync())
        {
            var ann = (await UserStore.AddAsync(c, "ann", "pw", false, 1))!.Value;
            await SubscriptionStore.SubscribeAsync(c, null, ann, server.Url("/feed").ToString(), null, null, null, 1);
            await c.ExecuteAsync("UPDATE subscriptions SET fetch_full_content = TRUE");
        }
        var refresher = new FeedRefresher(db, fetcher) { FullContent = new FullContent(fetcher) };
        Assert.Equal(1, (await refresher.RefreshAllAsync()).NewEntries);

        await using var check = await db.OpenAsync();
        var content = await check.ExecuteScalarAsync<string>("SELECT content FROM entries");
        Assert.Contains("Paragraph 8: stream, validate, batch", content);
        Assert.Contains($"src=\"{server.Url("/img/figure.png")}\"", content);
        Assert.DoesNotContain("navigation menu", content);
        Assert.DoesNotContain("track()", content);
        Assert.Equal("A teaser.", await check.ExecuteScalarAsync<string>("SELECT summary FROM entries"));
    }
}
