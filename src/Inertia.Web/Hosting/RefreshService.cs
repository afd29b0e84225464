using Inertia.Reader.Content;
using Inertia.Reader.Refresh;
using Inertia.Reader.Storage;

namespace Inertia.Web.Hosting;

/// <summary>
/// Refreshes in the background: fetches what is due (leases keep several processes from taking the same feed), looks for
/// missing icons, then sleeps until the next feed is due (at most the poll interval, less when a <see cref="RefreshSignal"/> wakes it). A failed pass is logged and retried.
/// </summary>
public sealed class RefreshService(
    FeedRefresher refresher, IconRefresher icons, Database database, RefreshOptions options, RefreshHealth health, RefreshSignal signal, ILogger<RefreshService> log, TimeProvider time) : BackgroundService
{
    private const int IconsPerPass = 20;

    private TimeSpan Poll => TimeSpan.FromSeconds(options.PollSeconds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                health.PassStarted();
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
                health.PassEnded(null);
                await signal.SleepAsync(await UntilNextDueAsync(stoppingToken), time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // one bad pass (database restarting, disk full) must not end background refresh for good
                health.PassEnded($"{ex.GetType().Name}: {ex.Message}");
                log.LogError(ex, "refresh pass failed; trying again in {Seconds} s", Poll.TotalSeconds);
                try
                {
                    await Task.Delay(Poll, time, stoppingToken);
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
        var next = await FeedStore.NextDueAtAsync(connection, now);
        // after a pass, whatever is still due waits for lack of slots: that wait is the queue's lag
        RefreshMetrics.QueueLag(next is { } due && due < now ? now - due : 0);
        var wait = next is { } at ? TimeSpan.FromSeconds(at - now) : Poll;
        return wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait > Poll ? Poll : wait;
    }
}
