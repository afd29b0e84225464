using Inertia.Reader.Fetching;
using Inertia.Reader.Ingest;
using Inertia.Reader.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Inertia.Reader.Tests;

[Collection(PostgresCollection.Name)]
public sealed class AddSubscriptionTests(PostgresServer postgres) : ProviderTest(postgres)
{
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_feed_url_subscribes_a_page_offers_its_feeds_and_anything_else_says_why(DatabaseProvider provider)
    {
        await using var server = await FeedServer.StartAsync(app =>
        {
            app.MapGet("/blog/", () => Results.Content("<html><head><link rel=\"alternate\" type=\"application/atom+xml\" title=\"Atom\" href=\"atom.xml\"></head><body>hi</body></html>", "text/html"));
            app.MapGet("/blog/atom.xml", () => Results.Text("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Blog</title><link href=\"/blog/\"/></feed>", "application/atom+xml"));
            app.MapGet("/old-feed", () => Results.Redirect("/blog/atom.xml", permanent: true));
            app.MapGet("/plain", () => Results.Text("just text", "text/plain"));
        });
        await using var db = await NewMigratedDatabaseAsync(provider);
        long userId;
        await using (var c = await db.OpenAsync())
        {
            userId = (await UserStore.AddAsync(c, "ann", "pw", false, 1))!.Value;
        }
        var fetcher = FetchingServices.CreateFetcher(new FetchOptions { AllowPrivateNetworks = true });

        var page = await AddSubscription.AddAsync(db, fetcher, userId, server.Url("/blog/").ToString());
        Assert.Null(page.SubscribedTo);
        Assert.Equal(server.Url("/blog/atom.xml").ToString(), Assert.Single(page.Candidates).Url);

        var moved = await AddSubscription.AddAsync(db, fetcher, userId, server.Url("/old-feed").ToString(), "Tech");
        Assert.Equal(server.Url("/blog/atom.xml").ToString(), moved.SubscribedTo);
        Assert.False(moved.AlreadySubscribed);
        var again = await AddSubscription.AddAsync(db, fetcher, userId, server.Url("/blog/atom.xml").ToString());
        Assert.True(again.AlreadySubscribed);

        Assert.Contains("neither a feed", (await AddSubscription.AddAsync(db, fetcher, userId, server.Url("/plain").ToString())).Error);
        Assert.Contains("not an http(s) URL", (await AddSubscription.AddAsync(db, fetcher, userId, "ftp://x")).Error);
        await using var check = await db.OpenAsync();
        var subscriptions = await SubscriptionStore.ListAsync(check, userId);
        Assert.Equal(["Tech"], Assert.Single(subscriptions).Categories);
    }
}
