using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Inertia.Web.Server;

/// <summary>What `inertia serve` reads from `INERTIA__*` (see docs/configuration.md).</summary>
public sealed record ServerSettings
{
    /// <summary>`INERTIA__Server__PublicBaseUrl`: where the internet reaches this server; WebSub needs it for callbacks. None: poll only.</summary>
    public Uri? PublicBaseUrl { get; init; }
    /// <summary>`INERTIA__Refresh__PollSeconds`: the longest sleep between looks for due feeds.</summary>
    public TimeSpan Poll { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>`INERTIA__Refresh__Concurrency`: feeds fetched at once by this process.</summary>
    public int Concurrency { get; init; } = 16;
    /// <summary>`INERTIA__Refresh__Enabled=false` serves without refreshing (another process does it).</summary>
    public bool RefreshEnabled { get; init; } = true;

    public static ServerSettings From(IConfiguration configuration)
    {
        var settings = new ServerSettings();
        if (configuration["Server:PublicBaseUrl"] is { Length: > 0 } baseUrl)
        {
            // a base URL without a trailing slash would drop its last segment when callbacks are resolved against it
            var withSlash = baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/";
            if (!Uri.TryCreate(withSlash, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new ArgumentException($"INERTIA__Server__PublicBaseUrl '{baseUrl}' is not an absolute http(s) URL");
            }
            settings = settings with { PublicBaseUrl = uri };
        }
        if (configuration["Refresh:PollSeconds"] is { Length: > 0 } poll)
        {
            settings = settings with { Poll = TimeSpan.FromSeconds(Positive(poll, "INERTIA__Refresh__PollSeconds")) };
        }
        if (configuration["Refresh:Concurrency"] is { Length: > 0 } concurrency)
        {
            settings = settings with { Concurrency = Positive(concurrency, "INERTIA__Refresh__Concurrency") };
        }
        if (configuration["Refresh:Enabled"] is { Length: > 0 } enabled)
        {
            settings = settings with { RefreshEnabled = !string.Equals(enabled, "false", StringComparison.OrdinalIgnoreCase) };
        }
        return settings;
    }

    private static int Positive(string value, string name) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} must be a positive whole number, not '{value}'");
}
