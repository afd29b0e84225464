using Inertia.Reader.Content;
using Inertia.Reader.Fetching;
using Inertia.Reader.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Inertia.Reader.Tests;

[Collection(PostgresCollection.Name)]
public sealed class IconTests(PostgresServer postgres) : ProviderTest(postgres)
{
    private static readonly byte[] s_png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
    private static readonly byte[] s_ico = [0, 0, 1, 0, 1, 0, 16, 16];

    [Theory]
    [InlineData("Check Point Blog", "C")]
    [InlineData("Java Code Geeks", "J")]
    [InlineData("  «Blog» RSS Feed", "B")]
    [InlineData("阮一峰的网络日志", "阮")]
    [InlineData("éclat", "É")]
    [InlineData("", "?")]
    public void Letter_avatars_take_the_first_letter_and_a_stable_colour(string name, string letter)
    {
        var avatar = LetterAvatar.For(name);
        Assert.Equal(letter, avatar.Letter);
        Assert.Matches("^#[0-9a-f]{6}$", avatar.Color);
        Assert.Equal(avatar, LetterAvatar.For(name));
    }

    [Fact]
    public void Icon_links_are_ranked_before_the_touch_icon_and_favicon_ico()
    {
        const string html = """
            <link rel="apple-touch-icon" href="/touch.png"><link rel="icon" sizes="192x192" href="/big.png">
            <link rel="shortcut icon" href="/fav.png" sizes="32x32"><link rel="stylesheet" href="/s.css">
            """;
        Assert.Equal(
            ["https://s.example/fav.png", "https://s.example/big.png", "https://s.example/touch.png", "https://s.example/favicon.ico"],
            IconLocator.Candidates(html, "https://s.example/blog/"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Icons_come_from_the_page_or_favicon_ico_and_are_stored_per_feed(DatabaseProvider provider)
    {
        await using var server = await FeedServer.StartAsync(app =>
        {
            app.MapGet("/with-link/", () => Results.Content("<html><head><link rel=\"icon\" href=\"/img/i.png\"></head></html>", "text/html"));
            app.MapGet("/img/i.png", () => Results.Bytes(s_png, "application/octet-stream"));
            app.MapGet("/favicon.ico", () => Results.Bytes(s_ico, "text/plain"));
            app.MapGet("/bare/", () => Results.Content("<html></html>", "text/html"));
        });
        var icons = new IconFetcher(FetchingServices.CreateFetcher(new FetchOptions { AllowPrivateNetworks = true }));

        var linked = await icons.FetchAsync(server.Url("/with-link/").ToString());
        Assert.Equal(("image/png", s_png.Length), (linked!.ContentType, linked.Data.Length));
        var fallback = await icons.FetchAsync(server.Url("/bare/").ToString());
        Assert.Equal("image/x-icon", fallback!.ContentType);
        Assert.Equal(server.Url("/favicon.ico").ToString(), fallback.Url);

        await using var db = await NewMigratedDatabaseAsync(provider);
        await using var c = await db.OpenAsync();
        var feed = await FeedStore.EnsureAsync(c, null, "https://f.example/rss", 1);
        await Dapper.SqlMapper.ExecuteAsync(c, "UPDATE feeds SET site_url = 'https://f.example/' WHERE id = @feed", new { feed });
        Assert.Equal([(feed, "https://f.example/")], await IconStore.MissingAsync(c, 10));
        await IconStore.SaveAsync(c, feed, linked, 5);
        await IconStore.SaveAsync(c, feed, fallback, 6);
        Assert.Equal(s_ico, (await IconStore.GetAsync(c, feed))!.Data);
        Assert.Empty(await IconStore.MissingAsync(c, 10));
    }
}
