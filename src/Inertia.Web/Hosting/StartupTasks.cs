using Inertia.Reader.Storage;
using Inertia.Web.Accounts;
using Inertia.Web.Public;
using Microsoft.AspNetCore.Identity;

namespace Inertia.Web.Hosting;

/// <summary>What runs once before the server takes requests: the catalog file loaded, and the first administrator from the settings.</summary>
public static class StartupTasks
{
    public static async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("Inertia.Startup");
        var database = services.GetRequiredService<Database>();
        var time = services.GetRequiredService<TimeProvider>();
        var catalog = services.GetRequiredService<CatalogOptions>();
        if (File.Exists(catalog.File))
        {
            // the catalog may name RSSHub routes (rsshub://ROUTE), expanded against the configured instance
            var rssHub = services.GetRequiredService<Chinese.ChineseOptions>().RssHub;
            var sync = await CatalogStore.SyncAsync(database, await File.ReadAllTextAsync(catalog.File, cancellationToken), time.GetUtcNow().ToUnixTimeSeconds(), cancellationToken,
                url => Inertia.Feeds.Urls.RssHubAddress.Expand(url, rssHub));
            log.LogInformation("catalog {File}: {Added} feeds added, {Known} already there, {Removed} kept removed, {Invalid} invalid outlines",
                catalog.File, sync.Added, sync.Known, sync.Removed, sync.Invalid.Count);
            foreach (var problem in sync.Invalid)
            {
                log.LogWarning("catalog {File} line {Line}: {Reason}", catalog.File, problem.Line, problem.Reason);
            }
        }
        else
        {
            log.LogWarning("catalog {File} not found: the public site shows no recommended feeds", catalog.File);
        }

        var admin = services.GetRequiredService<AdminOptions>();
        if (admin.Name is { Length: > 0 } name && admin.Password is { Length: > 0 } password && !await services.GetRequiredService<SetupState>().HasUsersAsync(cancellationToken))
        {
            await using var scope = services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var result = await users.CreateAsync(new AppUser { UserName = name.Trim(), IsAdmin = true }, password);
            if (result.Succeeded)
            {
                log.LogInformation("administrator {Name} created from the settings", name);
            }
            else
            {
                log.LogError("administrator {Name} not created: {Errors}", name, string.Join("; ", result.Errors.Select(e => e.Description)));
            }
        }
    }
}
