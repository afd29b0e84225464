namespace Inertia.Reader.Fetching;

/// <summary>How politely and how defensively feeds are fetched.</summary>
public sealed record FetchOptions
{
    // section `Fetching`: see docs/configuration.md
    /// <summary>Lets the fetcher reach loopback and private addresses (off by default).</summary>
    public bool AllowPrivateNetworks { get; init; }
    /// <summary>The largest body fetched, after decompression.</summary>
    [System.ComponentModel.DataAnnotations.Range(1024, long.MaxValue)]
    public long MaxBodyBytes { get; init; } = 20 * 1024 * 1024;
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>One attempt, headers and body together.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>All attempts and redirects of one fetch together.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromSeconds(60);
    [System.ComponentModel.DataAnnotations.Range(0, 20)]
    public int MaxRedirects { get; init; } = 5;
    [System.ComponentModel.DataAnnotations.Range(0, 10)]
    public int RetryAttempts { get; init; } = 2;
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>A Retry-After longer than this is not waited for now; it is reported so the scheduler can wait instead.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(10);
    public string UserAgent { get; init; } = "Inertia/0.1 (+https://github.com/inertia-reader/inertia; feed reader)";
    /// <summary>An HTTP proxy for every fetch (e.g. http://proxy.internal:3128); none by default, and HTTP_PROXY is ignored.</summary>
    public string? Proxy { get; init; }
}
