using Inertia.Reader.Content;
using Inertia.Reader.Fetching;
using Inertia.Reader.Ingest;
using Inertia.Reader.Refresh;
using Inertia.Reader.Storage;
using Inertia.Reader.WebSub;
using Inertia.Web.Cli;

namespace Inertia.Web.Server;

/// <summary>Builds the web app: the engine's services, background refresh, the WebSub callback, icons and a health check.</summary>
public static class WebServer
{
    public const string DefaultUrls = "http://127.0.0.1:8080";

    public static WebApplication Build(string? urls)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddEnvironmentVariables("INERTIA__");
        builder.WebHost.UseUrls(urls ?? Environment.GetEnvironmentVariable("ASPNETCORE_URLS") ?? DefaultUrls);
        // request-by-request lines from ASP.NET itself bury what the engine reports
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        var settings = ServerSettings.From(builder.Configuration);
        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new Database(DatabaseOptions.FromEnvironment()));
        services.AddFeedFetching(Engine.FetchOptionsFromEnvironment());
        services.AddSingleton(sp => new FullContent(sp.GetRequiredService<FeedFetcher>()));
        services.AddSingleton(sp => new FeedIngest(sp.GetRequiredService<Database>(), sp.GetRequiredService<FullContent>()));
        services.AddSingleton(sp => new FeedRefresher(sp.GetRequiredService<Database>(), sp.GetRequiredService<FeedFetcher>())
        {
            FullContent = sp.GetRequiredService<FullContent>(),
            WebSub = settings.PublicBaseUrl is { } baseUrl ? new HubSubscriber(sp.GetRequiredService<Database>(), sp.GetRequiredService<FeedFetcher>(), baseUrl) : null,
            Concurrency = settings.Concurrency,
        });
        services.AddSingleton(sp => new IconRefresher(sp.GetRequiredService<Database>(), new IconFetcher(sp.GetRequiredService<FeedFetcher>())));
        services.AddSingleton(sp => new WebSubCallback(sp.GetRequiredService<Database>(), sp.GetRequiredService<FeedIngest>()));
        if (settings.RefreshEnabled)
        {
            services.AddHostedService<RefreshService>();
        }

        var app = builder.Build();
        app.MapGet("/healthz", async (Database database, CancellationToken ct) =>
        {
            await using var connection = await database.OpenAsync(ct);
            return Results.Text("ok\n");
        });
        app.MapWebSub();
        app.MapIcons();
        return app;
    }

    /// <summary>Brings the schema up to date, then serves until stopped (Ctrl+C, SIGTERM).</summary>
    public static async Task RunAsync(string? urls, CancellationToken cancellationToken)
    {
        await using var app = Build(urls);
        await Migrator.MigrateAsync(app.Services.GetRequiredService<Database>(), cancellationToken);
        await app.RunAsync(cancellationToken);
    }
}
