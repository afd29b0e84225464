using Inertia.Reader.Content;
using Inertia.Reader.Fetching;
using Inertia.Reader.Ingest;
using Inertia.Reader.Refresh;
using Inertia.Reader.Storage;
using Inertia.Reader.WebSub;

namespace Inertia.Web.Hosting;

/// <summary>The engine's services, composed from the settings the same way for the server and for every command.</summary>
public static class EngineServices
{
    public static IServiceCollection AddEngine(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new Database(sp.GetRequiredService<DatabaseOptions>()));
        services.AddFeedFetching();
        services.AddSingleton(sp => new FullContent(sp.GetRequiredService<FeedFetcher>()));
        services.AddSingleton(sp => new FeedIngest(sp.GetRequiredService<Database>(), sp.GetRequiredService<FullContent>()));
        services.AddSingleton(sp => new InstanceLiveness(sp.GetRequiredService<Database>()));
        services.AddSingleton(sp =>
        {
            var refresh = sp.GetRequiredService<RefreshOptions>();
            var database = sp.GetRequiredService<Database>();
            var fetcher = sp.GetRequiredService<FeedFetcher>();
            return new FeedRefresher(database, fetcher, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<InstanceLiveness>())
            {
                FullContent = sp.GetRequiredService<FullContent>(),
                Log = sp.GetService<ILoggerFactory>()?.CreateLogger<FeedRefresher>(),
                WebSub = sp.GetRequiredService<ServerOptions>().BaseUri is { } baseUrl ? new HubSubscriber(database, fetcher, baseUrl) : null,
                Concurrency = refresh.Concurrency,
                PerHost = refresh.PerHost,
                Lease = TimeSpan.FromSeconds(refresh.LeaseSeconds),
                MinInterval = TimeSpan.FromMinutes(refresh.MinIntervalMinutes),
                MaxInterval = TimeSpan.FromHours(refresh.MaxIntervalHours),
            };
        });
        services.AddSingleton(sp => new IconRefresher(sp.GetRequiredService<Database>(), new IconFetcher(sp.GetRequiredService<FeedFetcher>())));
        services.AddSingleton(sp => new WebSubCallback(sp.GetRequiredService<Database>(), sp.GetRequiredService<FeedIngest>()));
        return services;
    }
}
