using Dapper;
using Inertia.Reader.Content;
using Inertia.Reader.Refresh;
using Inertia.Reader.Storage;

namespace Inertia.Web.Server;

/// <summary>
/// Refreshes in the background: fetches what is due (leases keep several processes from taking the same feed), looks for
/// missing icons, then sleeps until the next feed is due (at most the poll interval). A failed pass is logged and retried.
/// </summary>
public sealed class RefreshService(
    FeedRefresher refresher, IconRefresher icons, Database database, ServerSettings settings, ILogger<RefreshService> log, TimeProvider time) : BackgroundService
{
    private const int IconsPerPass = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var summary = await refresher.RefreshDueAsync(stoppingToken);
                if (summary.Feeds > 0)
                {
                    log.LogInformation("{Summary}", summary);
                }
                var found = await icons.RefreshMissingAsync(IconsPerPass, stoppingToken);
                if (found > 0)
                {
                    log.LogInformation("found {Count} site icons", found);
                }
                await Task.Delay(await UntilNextDueAsync(stoppingToken), time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // one bad pass (database restarting, disk full) must not end background refresh for good
                log.LogError(ex, "refresh pass failed; trying again in {Seconds} s", settings.Poll.TotalSeconds);
                try
                {
                    await Task.Delay(settings.Poll, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private async Task<TimeSpan> UntilNextDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        var next = await connection.ExecuteScalarAsync<long?>(
            "SELECT MIN(next_fetch_at) FROM feeds WHERE disabled_reason IS NULL AND (lease_until IS NULL OR lease_until < @now)", new { now });
        var wait = next is { } at ? TimeSpan.FromSeconds(at - now) : settings.Poll;
        return wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait > settings.Poll ? settings.Poll : wait;
    }
}
