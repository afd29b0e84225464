using System.Net;
using System.Threading.RateLimiting;
using Inertia.Web.Accounts;
using Microsoft.Extensions.Options;

namespace Inertia.Web.Api;

/// <summary>
/// Failed API authentications per address per minute (Accounts:SignInsPerAddressPerMinute): past the limit an address
/// gets 429 until the minute is over, so passwords cannot be tried through the APIs faster than through the sign-in page.
/// Successful requests cost nothing (a sync makes hundreds).
/// </summary>
public sealed class ApiAuthFailures(IOptions<AccountOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.SignInsPerAddressPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>Whether the address has failed too often this minute.</summary>
    public bool IsBlocked(IPAddress? address) => _limiter.GetStatistics(Key(address))?.CurrentAvailablePermits <= 0;

    /// <summary>Counts a failure.</summary>
    public void Fail(IPAddress? address)
    {
        using var _ = _limiter.AttemptAcquire(Key(address));
    }

    private static string Key(IPAddress? address) => address?.ToString() ?? "";

    public void Dispose() => _limiter.Dispose();
}
