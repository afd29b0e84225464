using System.Threading.RateLimiting;

namespace Inertia.Web.Accounts;

/// <summary>
/// Sign-in attempts per account per minute, whatever the address (the per-address limit is ASP.NET Core's rate-limiting
/// middleware): attempts spread over many addresses cannot try passwords faster than this, lockout or not.
/// </summary>
public sealed class AccountSignInLimit(AccountOptions options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(name =>
        RateLimitPartition.GetFixedWindowLimiter(name, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.SignInsPerAccountPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }), StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether another attempt on this account may be made now.</summary>
    public bool TryAcquire(string userName)
    {
        using var lease = _limiter.AttemptAcquire(userName.Trim());
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
