using System.Security.Cryptography;
using System.Text;
using Inertia.Reader.Refresh;
using OpenTelemetry.Metrics;

namespace Inertia.Web.Hosting;

/// <summary>
/// Prometheus `/metrics` through OpenTelemetry: the refresher's meter (fetches by outcome, fetch latency, queue lag,
/// entries ingested) and ASP.NET Core's request durations. Readable with the configured bearer token, or from this
/// machine only when there is none; absent when `Metrics:Enabled` is false.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    /// <summary>
    /// Request-duration bucket bounds in seconds: ASP.NET Core's own (5, 10, 25, 50 ms…) cannot tell a 12 ms page from a
    /// 24 ms one, and this server's pages and API calls take 1–30 ms, so the buckets are millisecond-fine up to 50 ms.
    /// </summary>
    public static readonly double[] RequestDurationBounds =
        [0.001, 0.002, 0.003, 0.004, 0.005, 0.0075, 0.01, 0.0125, 0.015, 0.0175, 0.02, 0.025, 0.03, 0.04, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    public static IServiceCollection AddMetricsExport(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(RefreshMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddView("http.server.request.duration", new ExplicitBucketHistogramConfiguration { Boundaries = RequestDurationBounds })
            .AddPrometheusExporter());
        return services;
    }

    public static void MapMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(Path, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (context, next) =>
        {
            // read per request: the settings are validated after the app is composed
            var options = context.RequestServices.GetRequiredService<MetricsOptions>();
            if (!options.Enabled || !Allowed(context, options))
            {
                context.Response.StatusCode = options.Enabled ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound;
                return;
            }
            await next(context);
        }), optionsName: null);
    }

    internal static bool Allowed(HttpContext context, MetricsOptions options)
    {
        if (options.Token is { Length: > 0 } token)
        {
            var header = context.Request.Headers.Authorization.ToString();
            return header.StartsWith("Bearer ", StringComparison.Ordinal)
                && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[7..].Trim()), Encoding.UTF8.GetBytes(token));
        }
        // behind a proxy the forwarded address is the client's, so a proxied request is not taken for a local one
        return context.Connection.RemoteIpAddress is { } address && System.Net.IPAddress.IsLoopback(address);
    }
}
