using System.Net;
using Dapper;
using Inertia.Reader.Storage;
using Inertia.Reader.Tests;

namespace Inertia.Web.Tests;

/// <summary>The administrator's refresh queue, on both databases: counts, failing feeds with their reasons, retry; closed to other users.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AdminRefreshTests(PostgresServer postgres)
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Theory, MemberData(nameof(Providers))]
    public async Task The_queue_shows_the_failing_feed_with_its_reason_and_a_retry_or_restart_makes_it_due_now(DatabaseProvider provider)
    {
        await using var site = await SiteHost.StartAsync(provider, provider == DatabaseProvider.Postgres ? postgres.CreateDatabase() : null);
        await site.CreateUserAsync("root", "root-password-1", admin: true);
        await site.CreateUserAsync("bob", "bob-password-1");
        var admin = site.Client();
        await SiteHost.SignInAsync(admin, "root", "root-password-1");
        var dead = await site.FeedIdAsync(SiteHost.DeadFeedTitle);

        // the start-up refresh could not reach it: it is listed with what went wrong, in words
        var page = await admin.GetStringAsync("/admin/refresh");
        Assert.Contains(SiteHost.DeadFeedTitle, page);
        Assert.Contains("127.0.0.1:1/schneier.xml", page);
        Assert.Contains("上次尝试", page);

        // a stopped feed starts again with its failures forgotten; either way it is due at once
        await using (var connection = await site.Database.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE feeds SET disabled_reason = 'gone (HTTP 410)', error_count = 9 WHERE id = @dead", new { dead });
        }
        Assert.Contains("重新启用", await admin.GetStringAsync("/admin/refresh"));
        var retried = await SiteHost.PostFormAsync(admin, "/admin/refresh", [new("feed", dead.ToString())], handler: "Retry");
        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        await using (var connection = await site.Database.OpenAsync())
        {
            var row = await connection.QuerySingleAsync<(long NextFetchAt, string? DisabledReason, int ErrorCount)>(
                "SELECT next_fetch_at, disabled_reason, error_count FROM feeds WHERE id = @dead", new { dead });
            Assert.Equal((0L, (string?)null, 0), row);
        }
        Assert.Contains("订阅源即将重试", await admin.GetStringAsync(retried.Headers.Location!.OriginalString));
        // no such feed: not found (the queue has no failing feed left to post from: the users page's token serves)
        var token = SiteHost.FormToken(await admin.GetStringAsync("/admin/users"));
        var missing = await admin.PostAsync("/admin/refresh?handler=Retry", new FormUrlEncodedContent([new("feed", "987654"), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        // not an administrator: no queue
        var bob = site.Client();
        await SiteHost.SignInAsync(bob, "bob", "bob-password-1");
        var denied = await bob.GetAsync("/admin/refresh");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/status/403", denied.Headers.Location!.OriginalString);
    }
}
