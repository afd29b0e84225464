using System.Data.Common;
using Dapper;
using Inertia.Feeds.Model;
using Inertia.Reader.Ingest;

namespace Inertia.Reader.Storage;

/// <summary>
/// Writes a feed's entries: inserts the new ones, updates only those whose content hash changed, and leaves the rest
/// untouched. <c>prepare</c> (the sanitizer) runs only on what is written. A delivery seen twice — a retry, push plus poll,
/// two instances — inserts nothing the second time: the (feed, key) unique index decides, not a prior read.
/// </summary>
public static class EntryStore
{
    public static async Task<UpsertResult> UpsertAsync(
        DbConnection connection, DbTransaction transaction, long feedId, IReadOnlyList<ParsedEntry> entries,
        Func<ParsedEntry, ParsedEntry> prepare, long now)
    {
        var plan = await PlanAsync(connection, transaction, feedId, entries);
        return await WriteAsync(connection, transaction, feedId, plan.Prepare(prepare), now);
    }

    /// <summary>
    /// Reads which entries are new or changed (a read, outside any write lock), so the caller can sanitize just those
    /// before taking the writer: on SQLite, sanitizing inside the one write transaction would serialize it.
    /// </summary>
    public static async Task<WritePlan> PlanAsync(DbConnection connection, DbTransaction? transaction, long feedId, IReadOnlyList<ParsedEntry> entries)
    {
        var known = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var row in await connection.QueryAsync<(string Key, byte[] Hash)>(
            "SELECT key, content_hash FROM entries WHERE feed_id = @feedId", new { feedId }, transaction))
        {
            known[row.Key] = row.Hash;
        }
        var writes = new List<PlannedWrite>();
        var unchanged = 0;
        foreach (var entry in entries)
        {
            var hash = ContentHash.Of(entry);
            if (known.TryGetValue(entry.Key, out var existing) && existing.AsSpan().SequenceEqual(hash))
            {
                unchanged++;
                continue;
            }
            writes.Add(new PlannedWrite(entry, hash, IsNew: existing is null));
        }
        return new WritePlan(writes, unchanged);
    }

    /// <summary>Writes a plan: inserts (a duplicate key from a concurrent writer counts as unchanged) and updates.</summary>
    public static Task<UpsertResult> WriteAsync(DbConnection connection, DbTransaction transaction, long feedId, WritePlan plan, long now) =>
        WriteRowsAsync(connection, transaction, plan.ToRows(feedId, now, ProviderOf(connection)), plan.Unchanged);

    /// <summary>Writes rows made ready beforehand (<see cref="WritePlan.ToRows"/>); <paramref name="unchanged"/> only counts.</summary>
    public static async Task<UpsertResult> WriteRowsAsync(DbConnection connection, DbTransaction transaction, PreparedRows rows, int unchanged)
    {
        var reindexed = new List<(long Id, string Terms)>();
        var updated = 0;
        foreach (var row in rows.Changed)
        {
            var id = await connection.QuerySingleOrDefaultAsync<long?>(
                """
                UPDATE entries SET url = @Url, title = @Title, author = @Author, published_at = @Published, updated_at = @Updated,
                    summary = @Summary, content = @Content, image_url = @ImageUrl, categories = @Categories, enclosures = @Enclosures,
                    content_hash = @Hash, search_text = @SearchText
                WHERE feed_id = @FeedId AND key = @Key
                RETURNING id
                """, row, transaction);
            if (id is { } changed)
            {
                updated++;
                Index(reindexed, changed, row);
            }
        }
        var indexed = new List<(long Id, string Terms)>();
        var newIds = new List<long>();
        var inserted = 0;
        if (rows.New.Count > 0)
        {
            // the unique index, not a prior read, decides what is new: a concurrent writer's copy makes this one a no-op
            await using var insert = InsertCommand(connection, transaction);
            foreach (var row in rows.New)
            {
                Bind(insert, row);
                if (await insert.ExecuteScalarAsync() is { } value and not DBNull)
                {
                    var added = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
                    inserted++;
                    newIds.Add(added);
                    Index(indexed, added, row);
                }
            }
        }
        if (reindexed.Count > 0)
        {
            await EntrySearch.IndexAsync(connection, transaction, reindexed, replacing: true);
        }
        if (indexed.Count > 0)
        {
            await EntrySearch.IndexAsync(connection, transaction, indexed);
        }
        if (newIds.Count > 0)
        {
            // new entries are unread for every subscriber whose watermark is below them: one statement per feed, whatever the subscribers
            var isNew = ProviderOf(connection) == DatabaseProvider.Postgres ? "e.id = ANY(@newIds)" : "e.id IN @newIds";
            await connection.ExecuteAsync(
                $"UPDATE subscriptions SET unread_count = unread_count + (SELECT COUNT(*) FROM entries e WHERE {isNew} AND e.id > subscriptions.read_through) WHERE feed_id = @feedId",
                new { newIds, feedId = rows.New[0].FeedId }, transaction);
        }
        return new UpsertResult(inserted, updated, unchanged + rows.New.Count - inserted);
    }

    private static readonly string[] s_insertParameters =
        ["FeedId", "Key", "Url", "Title", "Author", "Published", "Updated", "Summary", "Content", "ImageUrl", "Categories", "Enclosures", "Hash", "Now", "SearchText"];

    /// <summary>
    /// One INSERT for all of a feed's new rows, compiled once and re-bound per row: a fresh command per row made SQLite
    /// compile the statement twenty times a feed, the writer's largest cost after the inserts themselves.
    /// </summary>
    private static DbCommand InsertCommand(DbConnection connection, DbTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            """
            INSERT INTO entries (feed_id, key, url, title, author, published_at, updated_at, summary, content, image_url,
                categories, enclosures, content_hash, created_at, search_text)
            VALUES (@FeedId, @Key, @Url, @Title, @Author, @Published, @Updated, @Summary, @Content, @ImageUrl,
                @Categories, @Enclosures, @Hash, @Now, @SearchText)
            ON CONFLICT (feed_id, key) DO NOTHING
            RETURNING id
            """;
        foreach (var name in s_insertParameters)
        {
            var parameter = command.CreateParameter();
            // with its prefix, SQLite finds the name at once instead of trying "@", "$" and ":" in turn on every bind
            parameter.ParameterName = "@" + name;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static void Bind(DbCommand command, EntryRow row)
    {
        object?[] values =
        [
            row.FeedId, row.Key, row.Url, row.Title, row.Author, row.Published, row.Updated, row.Summary, row.Content, row.ImageUrl,
            row.Categories, row.Enclosures, row.Hash, row.Now, row.SearchText,
        ];
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    private static void Index(List<(long Id, string Terms)> indexed, long id, EntryRow row)
    {
        if (row.Terms is { } terms)
        {
            indexed.Add((id, terms));
        }
    }

    private static DatabaseProvider ProviderOf(DbConnection connection) =>
        connection is Microsoft.Data.Sqlite.SqliteConnection ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;
}
