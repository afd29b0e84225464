using System.Threading.Channels;
using Inertia.Reader.Ingest;
using Inertia.Reader.Storage;

namespace Inertia.Web.Hosting;

/// <summary>An OPML file a user uploaded, waiting for the background import; its job row exists already.</summary>
public sealed record ImportRequest(long JobId, long UserId, string Opml);

/// <summary>
/// Runs uploaded OPML imports one at a time in the background, recording each batch's progress in the job's row (the
/// page polls it) and the final report. A failure is recorded on the job and never stops the next one; what a failed
/// or interrupted import stored stays, and importing the file again completes it.
/// </summary>
public sealed class ImportRunner(Database database, RefreshSignal refresh, ILogger<ImportRunner> log, TimeProvider time) : BackgroundService
{
    // outlines per transaction: small enough that a 500-outline file shows its progress move
    private const int BatchSize = 100;

    private readonly Channel<ImportRequest> _queue = Channel.CreateUnbounded<ImportRequest>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(ImportRequest request) => _queue.Writer.TryWrite(request);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var request in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await RunAsync(request, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(ex, "OPML import {JobId} for user {UserId} failed", request.JobId, request.UserId);
                await using var connection = await database.OpenAsync(stoppingToken);
                await ImportJobStore.FailAsync(connection, request.JobId, $"{ex.GetType().Name}: {ex.Message}", Now);
            }
        }
    }

    private long Now => time.GetUtcNow().ToUnixTimeSeconds();

    private async Task RunAsync(ImportRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var report = await OpmlImport.RunAsync(database, request.UserId, request.Opml, BatchSize, async (read, sofar) =>
        {
            using var turn = await database.WriterTurnAsync(cancellationToken);
            await ImportJobStore.ProgressAsync(connection, request.JobId, read, sofar.Imported, sofar.AlreadySubscribed, sofar.Invalid, ImportJob.Running, Now);
        }, time, cancellationToken);
        using (await database.WriterTurnAsync(cancellationToken))
        {
            var read = report.Imported + report.AlreadySubscribed + report.Invalid.Count;
            await ImportJobStore.ProgressAsync(connection, request.JobId, read, report.Imported, report.AlreadySubscribed, report.Invalid, ImportJob.Finished, Now);
        }
        log.LogInformation("OPML import {JobId} for user {UserId}: {Report}", request.JobId, request.UserId, report.ToString().ReplaceLineEndings(" "));
        // the new feeds are due now: the refresher takes them without waiting for its next poll
        refresh.Wake();
    }
}
