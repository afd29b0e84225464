using Inertia.Reader.Storage;
using Inertia.Web.Accounts;
using Inertia.Web.Api.Fever;
using Inertia.Web.Api.GoogleReader;
using Inertia.Web.Api.Miniflux;
using Inertia.Web.Public;
using Inertia.Web.Reader;
using Microsoft.AspNetCore.HttpOverrides;

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
            // the pages are found in the application's assembly: ours, also when a test process hosts the app
            ApplicationName = typeof(WebApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = StaticAssets.Root,
        });
        builder.Configuration.AddConfiguration(configuration);
        builder.WebHost.UseUrls(urls ?? configuration["URLS"] ?? DefaultUrls);
        // the server header says nothing an attacker could use
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        // request-by-request lines from ASP.NET itself bury what the engine reports; the address is printed once, by us
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        // a failed fetch is logged once by the refresher, naming the feed and the reason; the HTTP client's and the retry
        // pipeline's own lines (each with a stack trace) would repeat it three times
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.None);
        // keys are kept unencrypted in the database, the database being the secret to guard (docs/operations.md)
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        var services = builder.Services;
        services.AddSettings(configuration);
        services.AddEngine();
        services.AddHostedService<RefreshService>();
        services.AddHostedService<MaintenanceService>();
        services.AddSingleton<RefreshHealth>();
        services.AddSingleton<RefreshSignal>();
        services.AddSingleton<ImportRunner>();
        services.AddHostedService(provider => provider.GetRequiredService<ImportRunner>());
        services.AddMinifluxOpenApi();
        services.AddSingleton<SetupState>();
        services.AddScoped<DateText>();
        Chinese.ChineseServices.AddChineseConversion(services);
        Media.MediaProxyEndpoint.AddMediaProxy(services);

        services.AddDatabaseKeyRing();
        services.AddRazorPages(o => o.RootDirectory = "/");
        // Chinese is written as characters, not as &#x…; entities (three bytes a character instead of eight)
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddLanguages();
        services.AddAccounts();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "inertia-csrf";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.HeaderName = "RequestVerificationToken";
        });
        services.AddOutputCache(o => o.AddPolicy(PublicPageCache.Name, new PublicPageCache()));
        services.AddOptions<ForwardedHeadersOptions>().Configure<ServerOptions>((o, server) =>
        {
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var network in server.ProxyNetworks())
            {
                o.KnownIPNetworks.Add(network);
            }
            // only the configured proxies are believed; with none, no forwarded header is (empty lists would mean "any")
            o.ForwardedHeaders = o.KnownIPNetworks.Count == 0 ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
        });
        services.AddMetricsExport();
        services.AddInertiaResponseCompression();

        var app = builder.Build();
        // a setting that cannot be used is one line, before any middleware reads one
        Settings.ValidateAll(app.Services);
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        app.UseResponseCompression();
        // pages get the site's own error and not-found pages; the engine's endpoints and the APIs keep their bare statuses
        app.UseWhen(context => IsPage(context.Request.Path), page =>
        {
            page.UseExceptionHandler("/status/500");
            page.UseStatusCodePagesWithReExecute("/status/{0}");
        });
        app.UseInertiaStaticFiles();
        app.UseLanguageAndThemeSwitches();
        app.UseRouting();
        app.UseAuthentication();
        app.UseUserPreferences();
        app.UseRequestLocalization();
        app.UseSetupGate();
        app.UseRateLimiter();
        app.UseOutputCache();
        app.UseConditionalGet(context => IsPublic(context.Request.Path));
        app.UseAntiforgery();
        app.UseAuthorization();

        app.MapRazorPages();
        app.MapHealth();
        app.MapMetrics();
        app.MapWebSub();
        app.MapIcons();
        Reader.SubscribeLinks.MapSubscribeLinks(app);
        Media.MediaProxyEndpoint.MapMediaProxy(app);
        app.MapSiteFiles();
        app.MapStarredFeeds();
        app.MapPasskeys();
        app.MapGoogleReader();
        app.MapFever();
        app.MapMiniflux();
        app.MapOpenApi(MinifluxOpenApi.Path);
        app.MapMinifluxReference();
        return app;
    }

    /// <summary>What runs before the app takes requests: the schema brought up to date, then <see cref="StartupTasks"/>.</summary>
    public static async Task PrepareAsync(WebApplication app, CancellationToken cancellationToken)
    {
        await Migrator.MigrateAsync(app.Services.GetRequiredService<Database>(), cancellationToken);
        await StartupTasks.RunAsync(app.Services, cancellationToken);
    }

    /// <summary>Paths of the engine and the APIs: not pages, never given an HTML error page.</summary>
    private static bool IsPage(PathString path) =>
        !(path.StartsWithSegments("/api") || path.StartsWithSegments("/v1") || path.StartsWithSegments("/fever") || path.StartsWithSegments("/websub")
            || path.StartsWithSegments("/icons") || path.StartsWithSegments("/proxy") || path.StartsWithSegments("/healthz") || path.StartsWithSegments(MetricsEndpoint.Path)
            || path.StartsWithSegments("/static") || path.StartsWithSegments("/signin/passkey") || path.StartsWithSegments("/account/passkeys"));

    /// <summary>The public site's pages and feeds, answered with ETags.</summary>
    private static bool IsPublic(PathString path) =>
        path == "/" || path.StartsWithSegments("/feeds") || path.StartsWithSegments("/articles") || path == "/atom.xml"
            || path == "/sitemap.xml" || path == "/robots.txt";

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
                await PrepareAsync(app, cancellationToken);
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
