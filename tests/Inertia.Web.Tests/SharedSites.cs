using Inertia.Reader.Storage;
using Inertia.Reader.Tests;

namespace Inertia.Web.Tests;

/// <summary>
/// One <see cref="SiteHost"/> per provider for a test class whose tests only read (the public pages): started on first
/// use, with an administrator, a reader who subscribes to the private feed, and every feed refreshed.
/// </summary>
public sealed class SharedSites : IAsyncLifetime
{
    public const string Reader = "reader";
    public const string ReaderPassword = "reader-password-1";

    private readonly Dictionary<DatabaseProvider, Task<SiteHost>> _hosts = [];
    private readonly Lock _lock = new();

    public Task<SiteHost> GetAsync(DatabaseProvider provider, PostgresServer postgres)
    {
        lock (_lock)
        {
            if (!_hosts.TryGetValue(provider, out var host))
            {
                _hosts[provider] = host = StartAsync(provider, postgres);
            }
            return host;
        }
    }

    private static async Task<SiteHost> StartAsync(DatabaseProvider provider, PostgresServer postgres)
    {
        var host = await SiteHost.StartAsync(provider, provider == DatabaseProvider.Postgres ? postgres.CreateDatabase() : null);
        await host.CreateUserAsync("admin", "admin-password-1", admin: true);
        var reader = await host.CreateUserAsync(Reader, ReaderPassword);
        await host.SubscribePrivateFeedAsync(reader);
        return host;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts.Values)
        {
            await (await host).DisposeAsync();
        }
    }
}
