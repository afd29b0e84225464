using Inertia.Feeds.Opml;
using Inertia.Reader.Storage;

namespace Inertia.Reader.Ingest;

/// <summary>
/// Imports an OPML file for a user: streams its outlines, subscribes in batches (one transaction each, so a crash loses at
/// most the batch in flight), skips and reports bad and duplicate outlines with their lines. Subscribing is idempotent, so running it again after a crash
/// resumes: what was done counts as already subscribed.
/// </summary>
public static class OpmlImport
{
    /// <summary>
    /// Imports the file; <paramref name="afterBatch"/> hears, after each batch is committed, how many outlines were read
    /// and the report so far (a background job shows it as live progress).
    /// </summary>
    public static async Task<ImportReport> RunAsync(Database database, long userId, string opml, int batchSize = 500,
        Func<int, ImportReport, Task>? afterBatch = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        time ??= TimeProvider.System;
        var problems = new List<OpmlProblem>();
        int imported = 0, already = 0, done = 0;
        var batch = new List<OpmlOutline>(batchSize);
        await using var connection = await database.OpenAsync(cancellationToken);

        async Task FlushAsync()
        {
            if (batch.Count == 0)
            {
                return;
            }
            var now = time.GetUtcNow().ToUnixTimeSeconds();
            // in a server the refresher writes too: SQLite's one writer is taken in turn, batch by batch (and given back
            // before the progress is heard, which may write too)
            using (await database.WriterTurnAsync(cancellationToken))
            {
                await using var tx = await connection.BeginTransactionAsync(cancellationToken);
                foreach (var o in batch)
                {
                    var category = o.Categories.Count == 0 ? null : string.Join(" / ", o.Categories);
                    if (await SubscriptionStore.SubscribeAsync(connection, tx, userId, o.FeedUrl, category, o.Title, o.SiteUrl, now))
                    {
                        imported++;
                    }
                    else
                    {
                        already++;
                    }
                }
                await tx.CommitAsync(cancellationToken);
            }
            done += batch.Count;
            batch.Clear();
            if (afterBatch is not null)
            {
                await afterBatch(done + problems.Count, new ImportReport(imported, already, [.. problems]));
            }
        }

        // a feed listed twice in one file is reported on its second line rather than counted as already subscribed
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var outline in OpmlReader.Read(opml, problems.Add))
        {
            if (!firstLine.TryAdd(outline.FeedUrl, outline.Line))
            {
                problems.Add(new OpmlProblem(outline.Line, $"duplicate of the outline on line {firstLine[outline.FeedUrl]} ({outline.FeedUrl}), skipped"));
                continue;
            }
            batch.Add(outline);
            if (batch.Count >= batchSize)
            {
                await FlushAsync();
            }
        }
        await FlushAsync();
        return new ImportReport(imported, already, problems);
    }
}
