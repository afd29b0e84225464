using System.Net;
using Inertia.Reader.Storage;
using Inertia.Reader.Tests;

namespace Inertia.Web.Tests;

/// <summary>A site on either database with one user, alice, signed in: what the reader's tests start from.</summary>
public static class SignedInSite
{
    public const string Name = "alice", Password = "alice-account-password";

    public static async Task<(SiteHost Site, HttpClient Http, long UserId)> StartAsync(DatabaseProvider provider, PostgresServer postgres)
    {
        var site = await SiteHost.StartAsync(provider, provider == DatabaseProvider.Postgres ? postgres.CreateDatabase() : null);
        var id = await site.CreateUserAsync(Name, Password);
        var http = site.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await SiteHost.SignInAsync(http, Name, Password)).StatusCode);
        return (site, http, id);
    }
}
