using Inertia.Reader.Storage;

namespace Inertia.Web.Hosting;

/// <summary>
/// The daily pass: retention (entries no one needs, by the Retention settings) and a check of every unread counter
/// against the entries, repairing and logging any that drifted. A failed pass is logged and the next one runs on time.
/// </summary>
public sealed class MaintenanceService(
    Database database, MaintenanceOptions options, RetentionOptions retention, ILogger<MaintenanceService> log, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }
        var every = TimeSpan.FromHours(options.EveryHours);
        // the first pass an hour after start (or sooner, for short periods), so that starting up stays quick
        var wait = every < TimeSpan.FromHours(1) ? every : TimeSpan.FromHours(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(wait, time, stoppingToken);
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
            {
                log.LogError(ex, "maintenance pass failed; the next runs in {Hours} h", options.EveryHours);
            }
            wait = every;
        }
    }

    /// <summary>One pass now.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        if (retention.Enabled)
        {
            var report = await Retention.RunAsync(database, retention.PolicyAt(time.GetUtcNow().ToUnixTimeSeconds()), time.GetUtcNow().ToUnixTimeSeconds(), cancellationToken);
            log.LogInformation("retention removed {Entries} entries and {Tombstones} tombstones", report.Entries, report.Tombstones);
        }
        foreach (var fix in await CounterDoctor.RepairAsync(database, cancellationToken))
        {
            log.LogWarning("unread counter repaired: {Fix}", fix.ToString());
        }
    }
}
