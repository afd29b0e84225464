using System.Data.Common;
using Dapper;
using Inertia.Feeds.Html;
using Inertia.Feeds.Model;
using Inertia.Reader.Content;
using Inertia.Reader.Storage;

namespace Inertia.Reader.Ingest;

/// <summary>
/// Stores one parsed document of a feed, whether polled or pushed: plans against what is stored, sanitizes only new and
/// changed entries (outside the writer), extracts full content where a subscriber asks for it, and writes in one transaction.
/// </summary>
public sealed class FeedIngest(Database database, FullContent? fullContent = null)
{
    /// <summary>
    /// Writes the entries; <paramref name="alsoInTransaction"/> runs in the same transaction before them (the feed's fetch
    /// state: first, so that it stays out of the stretch in which PostgreSQL ingests wait for each other, see
    /// <see cref="EntryStore.WriteRowsAsync"/>), given the rows about to be written; <paramref name="prepared"/> is called
    /// once the rows are ready, before the wait for the writer.
    /// </summary>
    public async Task<UpsertResult> IngestAsync(
        long feedId, ParsedFeed feed, long now, Func<DbConnection, DbTransaction, PreparedRows, Task>? alsoInTransaction = null, Action? prepared = null,
        CancellationToken cancellationToken = default)
    {
        WritePlan plan;
        bool wantsFullContent;
        await using (var reader = await database.OpenAsync(cancellationToken))
        {
            // sanitizing is the expensive step: only new and changed entries, and outside the writer
            plan = (await EntryStore.PlanAsync(reader, null, feedId, feed.Entries, now)).Prepare(e => EntryHtml.Sanitize(e));
            wantsFullContent = fullContent is not null && await reader.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM subscriptions WHERE feed_id = @feedId AND fetch_full_content", new { feedId }) > 0;
        }
        if (wantsFullContent)
        {
            plan = await WithFullContentAsync(plan, cancellationToken);
        }
        var rows = plan.ToRows(feedId, now, database.Provider);
        prepared?.Invoke();
        return await database.Writes.RunAsync(async (connection, tx) =>
        {
            if (alsoInTransaction is not null)
            {
                await alsoInTransaction(connection, tx, rows);
            }
            return await EntryStore.WriteRowsAsync(connection, tx, rows, plan.Unchanged);
        }, cancellationToken);
    }

    // new entries only: an article page is fetched once, and the extract is kept with the entry like any content
    private async Task<WritePlan> WithFullContentAsync(WritePlan plan, CancellationToken cancellationToken)
    {
        var writes = new List<PlannedWrite>(plan.Writes.Count);
        foreach (var write in plan.Writes)
        {
            var extracted = write.IsNew && write.Entry.Url is { } url ? await fullContent!.ExtractAsync(url, cancellationToken) : null;
            writes.Add(extracted is null ? write : write with { Entry = write.Entry with { Content = extracted } });
        }
        return plan with { Writes = writes };
    }
}
