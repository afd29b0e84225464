using Inertia.Web.Tests;

namespace Inertia.Browser.Tests;

/// <summary>
/// The site the read-mostly browser tests share (SQLite): every fixture feed refreshed, an administrator, and a reader who
/// subscribes to the private feed. Tests that change accounts start a site of their own.
/// </summary>
public sealed class BrowserSite : IAsyncLifetime
{
    public const string Admin = "admin";
    public const string AdminPassword = "admin-password-1";
    public const string Reader = "reader";
    public const string ReaderPassword = "reader-password-1";

    public SiteHost Site { get; private set; } = null!;

    public Uri Root => Site.Root;

    public async Task InitializeAsync()
    {
        Site = await SiteHost.StartAsync();
        var admin = await Site.CreateUserAsync(Admin, AdminPassword, admin: true);
        // the administrator reads a few catalog feeds, so that the reader's pages have something in them
        await using (var connection = await Site.Database.OpenAsync())
        {
            foreach (var feed in new[] { "dev-community.xml", "ruanyifeng.xml", "ithome.xml" })
            {
                await Inertia.Reader.Storage.SubscriptionStore.SubscribeAsync(connection, null, admin, Site.Feeds.Url(feed).ToString(), null, null, null, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            }
        }
        await Site.SubscribePrivateFeedAsync(await Site.CreateUserAsync(Reader, ReaderPassword));
    }

    public async Task DisposeAsync() => await Site.DisposeAsync();
}
