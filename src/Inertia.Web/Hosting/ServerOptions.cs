using System.ComponentModel.DataAnnotations;

namespace Inertia.Web.Hosting;

/// <summary>Where this server is reached from (section `Server`).</summary>
public sealed class ServerOptions : IValidatableObject
{
    /// <summary>Where the internet reaches this server, e.g. https://reader.example.org/: links in feeds and mails, WebSub callbacks. None: poll only, links relative to the request.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed: addresses or networks, comma-separated (e.g. 127.0.0.1, 10.0.0.0/8).</summary>
    public string? TrustedProxies { get; set; }

    /// <summary>The base URL with a trailing slash (a base without one would drop its last segment when resolved against), or null.</summary>
    public Uri? BaseUri => PublicBaseUrl is { Length: > 0 } b && Uri.TryCreate(b.EndsWith('/') ? b : b + "/", UriKind.Absolute, out var u) ? u : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PublicBaseUrl is { Length: > 0 } && BaseUri is not { Scheme: "http" or "https" })
        {
            yield return new ValidationResult("is not an absolute http(s) URL", [nameof(PublicBaseUrl)]);
        }
        foreach (var proxy in Proxies())
        {
            if (NetworkOf(proxy) is null)
            {
                yield return new ValidationResult($"holds '{proxy}', which is neither an address nor a network", [nameof(TrustedProxies)]);
            }
        }
    }

    /// <summary>The trusted proxies, one per entry.</summary>
    public IEnumerable<string> Proxies() =>
        (TrustedProxies ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The trusted proxies as networks (an address is a network of one).</summary>
    public IEnumerable<System.Net.IPNetwork> ProxyNetworks() => Proxies().Select(NetworkOf).OfType<System.Net.IPNetwork>();

    private static System.Net.IPNetwork? NetworkOf(string proxy) =>
        System.Net.IPNetwork.TryParse(proxy.Contains('/') ? proxy : proxy + (proxy.Contains(':') ? "/128" : "/32"), out var network) ? network : null;
}
