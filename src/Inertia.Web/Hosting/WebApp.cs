using Inertia.Reader.Storage;
using Inertia.Web.Public;

namespace Inertia.Web.Hosting;

/// <summary>Builds and runs the web app: the settings, the engine, background refresh and maintenance, and every face.</summary>
public static class WebApp
{
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <summary>The app over a configuration (the server's, or a test's), listening where <paramref name="urls"/> says.</summary>
    public static WebApplication Build(IConfiguration configuration, string? urls)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        builder.Configuration.AddConfiguration(configuration);
        builder.WebHost.UseUrls(urls ?? configuration["URLS"] ?? DefaultUrls);
        // request-by-request lines from ASP.NET itself bury what the engine reports
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        var services = builder.Services;
        services.AddSettings(configuration);
        services.AddEngine();
        services.AddHostedService<RefreshService>();
        services.AddHostedService<MaintenanceService>();
        services.AddSingleton<RefreshHealth>();

        var app = builder.Build();
        app.MapHealth();
        app.MapWebSub();
        app.MapIcons();
        return app;
    }

    /// <summary>
    /// `inertia` and `inertia serve`: validates the settings (a bad one is one line and exit 2), brings the schema up to
    /// date, serves until stopped (Ctrl+C, SIGTERM), and prints the address to open.
    /// </summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> settingsTokens, string? urls, CancellationToken cancellationToken)
    {
        if (Settings.FirstUnknown(settingsTokens) is { } unknown)
        {
            Console.Error.WriteLine(unknown.StartsWith('-')
                ? $"inertia: unknown option '{unknown}' (settings are given as --Section:Key=value)"
                : $"inertia: unknown command '{unknown}' (run 'inertia --help' for the commands)");
            return 2;
        }
        WebApplication app;
        try
        {
            app = Build(Settings.Build(settingsTokens), urls);
            Settings.ValidateAll(app.Services);
        }
        catch (SettingsException ex)
        {
            Console.Error.WriteLine($"inertia: {ex.Message}");
            return 2;
        }
        await using (app)
        {
            var database = app.Services.GetRequiredService<Database>();
            try
            {
                await Migrator.MigrateAsync(database, cancellationToken);
                await app.StartAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or IOException or System.Net.Sockets.SocketException)
            {
                Console.Error.WriteLine($"inertia: {Settings.Explain(ex).Message}");
                return 1;
            }
            foreach (var address in app.Urls)
            {
                Console.WriteLine($"Inertia is serving at {address}/ (data: {database.Location})");
            }
            await app.WaitForShutdownAsync(cancellationToken);
        }
        return 0;
    }
}
