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
        var plan = await PlanAsync(connection, transaction, feedId, entries, now);
        return await WriteAsync(connection, transaction, feedId, plan.Prepare(prepare), now);
    }

    /// <summary>
    /// Reads which entries are new or changed (a read, outside any write lock), so the caller can sanitize just those
    /// before taking the writer: on SQLite, sanitizing inside the one write transaction would serialize it. Only the keys
    /// the document lists (and the keys its entries had by an earlier rule) are looked up, so a fetch costs the same whatever
    /// the feed's history; a key whose entry
    /// retention removed (a tombstone) is unchanged, never new again.
    /// </summary>
    public static async Task<WritePlan> PlanAsync(DbConnection connection, DbTransaction? transaction, long feedId, IReadOnlyList<ParsedEntry> entries, long now = 0)
    {
        var keys = entries.Select(e => e.Key).Distinct(StringComparer.Ordinal).ToList();
        var documentKeys = keys.ToHashSet(StringComparer.Ordinal);
        // looked up in the same query as the keys: no round trip more per fetch
        var earlier = EarlierKeys(entries, documentKeys);
        var known = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var storedEarlier = new Dictionary<string, (string? Url, byte[] Hash)>(StringComparer.Ordinal);
        var removed = new Dictionary<string, long>(StringComparer.Ordinal);
        var postgres = ProviderOf(connection) == DatabaseProvider.Postgres;
        foreach (var chunk in keys.Concat(earlier.Select(e => e.Candidate).Distinct(StringComparer.Ordinal)).Chunk(postgres ? 10_000 : 500))
        {
            var args = new { feedId, keys = chunk };
            var inKeys = IdList.In(connection, "key", "keys");
            foreach (var row in await connection.QueryAsync<(string Key, string? Url, byte[] Hash)>(
                $"SELECT key, url, content_hash FROM entries WHERE feed_id = @feedId AND {inKeys}", args, transaction))
            {
                if (documentKeys.Contains(row.Key))
                {
                    known[row.Key] = row.Hash;
                }
                else
                {
                    storedEarlier[row.Key] = (row.Url, row.Hash);
                }
            }
        }
        if (known.Count < keys.Count)
        {
            foreach (var chunk in keys.Where(k => !known.ContainsKey(k)).Chunk(postgres ? 10_000 : 500))
            {
                foreach (var row in await connection.QueryAsync<(string Key, long SeenAt)>(
                    $"SELECT key, seen_at FROM entry_tombstones WHERE feed_id = @feedId AND {IdList.In(connection, "key", "keys")}",
                    new { feedId, keys = chunk }, transaction))
                {
                    removed[row.Key] = row.SeenAt;
                }
            }
        }
        var rekeys = MovesFromEarlierKeys(earlier, storedEarlier, known, removed);
        var writes = new List<PlannedWrite>();
        var unchanged = 0;
        var seen = new List<string>();
        foreach (var entry in entries)
        {
            if (!known.ContainsKey(entry.Key) && removed.TryGetValue(entry.Key, out var seenAt))
            {
                unchanged++;
                // the feed still lists what was removed: remembered (at most once a day), so the tombstone stays while it does
                if (now - seenAt > TombstoneTouch)
                {
                    seen.Add(entry.Key);
                }
                continue;
            }
            var hash = ContentHash.Of(entry);
            if (known.TryGetValue(entry.Key, out var existing) && existing.AsSpan().SequenceEqual(hash))
            {
                unchanged++;
                continue;
            }
            writes.Add(new PlannedWrite(entry, hash, IsNew: existing is null));
        }
        return new WritePlan(writes, unchanged) { SeenTombstones = seen, Rekeys = rekeys };
    }

    /// <summary>
    /// The keys each entry may be stored under from before: the key an earlier rule gave it (<see cref="ParsedEntry.PreviousKey"/>),
    /// or, for an entry keyed by its id alone, the key it had while another entry shared that id (the id, a space, its URL).
    /// A key another entry of the document has is nobody's earlier key.
    /// </summary>
    private static List<(ParsedEntry Entry, string Candidate)> EarlierKeys(IReadOnlyList<ParsedEntry> entries, HashSet<string> documentKeys)
    {
        var earlier = new List<(ParsedEntry, string)>();
        foreach (var entry in entries)
        {
            if (entry.PreviousKey is { } previous && !documentKeys.Contains(previous))
            {
                earlier.Add((entry, previous));
            }
            if (entry.Id is { } id && entry.Url is { } url && entry.Key == id.Trim())
            {
                var shared = Inertia.Feeds.Parsing.EntryKey.SharedWithUrl(entry.Key, url);
                if (!documentKeys.Contains(shared))
                {
                    earlier.Add((entry, shared));
                }
            }
        }
        return earlier;
    }

    /// <summary>
    /// Rows found under an entry's earlier key, to be moved to its key, so that a change of rule, or an id that starts or
    /// stops being shared, updates the stored entry (keeping its read and starred state) instead of storing it twice. Only
    /// for entries not stored under their own key; a row moves to the entry it was: the same URL (the first entry asking,
    /// when neither has one). Each moved entry is then known, with the row's hash.
    /// </summary>
    private static List<(string From, string To)> MovesFromEarlierKeys(
        List<(ParsedEntry Entry, string Candidate)> earlier, Dictionary<string, (string? Url, byte[] Hash)> stored,
        Dictionary<string, byte[]> known, Dictionary<string, long> removed)
    {
        var moves = new List<(string From, string To)>();
        if (stored.Count == 0)
        {
            return moves;
        }
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (entry, candidate) in earlier)
        {
            if (known.ContainsKey(entry.Key) || removed.ContainsKey(entry.Key) || !stored.TryGetValue(candidate, out var row)
                || row.Url != entry.Url || !claimed.Add(candidate))
            {
                continue;
            }
            moves.Add((candidate, entry.Key));
            known[entry.Key] = row.Hash;
        }
        return moves;
    }

    private const long TombstoneTouch = 24 * 3600;

    /// <summary>Writes a plan: inserts (a duplicate key from a concurrent writer counts as unchanged) and updates.</summary>
    public static Task<UpsertResult> WriteAsync(DbConnection connection, DbTransaction transaction, long feedId, WritePlan plan, long now) =>
        WriteRowsAsync(connection, transaction, plan.ToRows(feedId, now, ProviderOf(connection)), plan.Unchanged);

    /// <summary>
    /// Writes rows made ready beforehand (<see cref="WritePlan.ToRows"/>); <paramref name="unchanged"/> only counts.
    /// On PostgreSQL the feed's row is locked first, so a subscription to the feed (whose insert must wait for it) and its
    /// count of unread entries see either all of this ingest or none of it; and new entries are inserted under one lock held
    /// to commit, so ids become visible in the order they are handed out (a client reading "after id N" misses nothing).
    /// </summary>
    public static async Task<UpsertResult> WriteRowsAsync(DbConnection connection, DbTransaction transaction, PreparedRows rows, int unchanged)
    {
        var postgres = ProviderOf(connection) == DatabaseProvider.Postgres;
        if (postgres)
        {
            await connection.ExecuteAsync("SELECT id FROM feeds WHERE id = @FeedId FOR UPDATE", new { rows.FeedId }, transaction);
        }
        if (rows.Rekeys.Count > 0)
        {
            // a row stored under an entry's earlier key takes its key now, unless a concurrent ingest stored it under that already
            await connection.ExecuteAsync(
                """
                UPDATE entries SET key = @To
                WHERE feed_id = @FeedId AND key = @From
                  AND NOT EXISTS (SELECT 1 FROM entries AS taken WHERE taken.feed_id = @FeedId AND taken.key = @To)
                """,
                rows.Rekeys.Select(r => new { rows.FeedId, r.From, r.To }), transaction);
        }
        if (rows.SeenTombstones.Count > 0)
        {
            await connection.ExecuteAsync(
                "UPDATE entry_tombstones SET seen_at = @Now WHERE feed_id = @FeedId AND key = @Key",
                rows.SeenTombstones.Select(key => new { rows.FeedId, Key = key, rows.Now }), transaction);
        }
        var reindexed = new List<(long Id, string Terms)>();
        var changedIds = new List<long>();
        var updated = 0;
        foreach (var row in rows.Changed)
        {
            var id = await connection.QuerySingleOrDefaultAsync<long?>(
                """
                UPDATE entries SET url = @Url, title = @Title, author = @Author, published_at = @Published, updated_at = @Updated,
                    summary = @Summary, content = @Content, image_url = @ImageUrl, categories = @Categories, enclosures = @Enclosures,
                    content_hash = @Hash, search_text = @SearchText, excerpt = @Excerpt, story_hash = @StoryHash,
                    sort_at = CASE WHEN @Published IS NOT NULL AND @Published < created_at THEN @Published ELSE created_at END
                WHERE feed_id = @FeedId AND key = @Key
                RETURNING id
                """, row, transaction);
            if (id is { } changed)
            {
                updated++;
                changedIds.Add(changed);
                Index(reindexed, changed, row);
            }
        }
        var indexed = new List<(long Id, string Terms)>();
        var newIds = new List<long>();
        var arrived = new List<(long Id, EntryRow Row)>();
        // on SQLite: new entries with an earlier copy of their story in another feed (found as they are inserted)
        var copied = new List<long>();
        var inserted = 0;
        if (rows.New.Count > 0 && postgres)
        {
            // ids are handed out at insert and seen at commit: one ingest at a time from here to its commit keeps both in
            // order. The commit need not wait for the disk while the lock is held: a crash can lose only the last ingests
            // (never one before another), and their feeds are fetched again
            await connection.ExecuteAsync("SET LOCAL synchronous_commit = off; SELECT pg_advisory_xact_lock(@key)", new { key = IdOrderLock }, transaction);
            // one statement for the feed's new rows and its subscribers' counters: on PostgreSQL each statement is a round
            // trip, and from here to the commit other ingests wait
            var byKey = rows.New.DistinctBy(r => r.Key).ToDictionary(r => r.Key);
            foreach (var (id, key) in await InsertAllAsync(connection, transaction, rows.New))
            {
                newIds.Add(id);
                arrived.Add((id, byKey[key]));
            }
            inserted = newIds.Count;
        }
        else if (rows.New.Count > 0)
        {
            await using var insert = InsertCommand(connection, transaction);
            await using var probe = StoryCopies.EarlierProbe(connection, transaction);
            foreach (var row in rows.New)
            {
                Bind(insert, row);
                if (await insert.ExecuteScalarAsync() is { } value and not DBNull)
                {
                    var added = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
                    inserted++;
                    newIds.Add(added);
                    arrived.Add((added, row));
                    Index(indexed, added, row);
                    if (row.StoryHash is { } hash)
                    {
                        probe.Parameters[0].Value = hash;
                        probe.Parameters[1].Value = row.FeedId;
                        probe.Parameters[2].Value = added;
                        if (await probe.ExecuteScalarAsync() is not null and not DBNull)
                        {
                            copied.Add(added);
                        }
                    }
                }
            }
        }
        if (reindexed.Count > 0)
        {
            await EntrySearch.IndexAsync(connection, transaction, reindexed, replacing: true);
        }
        if (changedIds.Count > 0)
        {
            // an entry whose date moved keeps its place in its readers' unread lists
            await connection.ExecuteAsync(
                $"UPDATE unread_entries SET sort_at = (SELECT e.sort_at FROM entries e WHERE e.id = unread_entries.entry_id) WHERE {IdList.In(connection, "entry_id", "ids")}",
                new { ids = changedIds.ToArray() }, transaction);
        }
        if (indexed.Count > 0)
        {
            await EntrySearch.IndexAsync(connection, transaction, indexed);
        }
        if (newIds.Count > 0 && !postgres)
        {
            // new entries are unread for every subscriber whose watermark is below them: one statement per feed, whatever
            // the subscribers (PostgreSQL's insert does it in the same statement)
            await connection.ExecuteAsync(
                "UPDATE subscriptions SET unread_count = unread_count + (SELECT COUNT(*) FROM entries e WHERE e.id IN @newIds AND e.id > subscriptions.read_through) WHERE feed_id = @feedId",
                new { newIds, feedId = rows.New[0].FeedId }, transaction);
            await connection.ExecuteAsync(
                """
                INSERT INTO unread_entries (user_id, entry_id, feed_id, sort_at, created_at)
                SELECT s.user_id, e.id, e.feed_id, e.sort_at, e.created_at FROM subscriptions s JOIN entries e ON e.feed_id = s.feed_id
                WHERE s.feed_id = @feedId AND e.id IN @newIds AND e.id > s.read_through;
                UPDATE feeds SET entry_count = entry_count + @inserted WHERE id = @feedId;
                """, new { newIds, feedId = rows.New[0].FeedId, inserted = (long)newIds.Count }, transaction);
        }
        if (arrived.Count > 0)
        {
            // the readers' rules decide in the same transaction: a blocked entry is never seen, even for a moment
            await EntryRuleStore.ApplyToArrivalsAsync(connection, transaction, rows.FeedId, arrived, rows.Now);
            // and a story its readers have had through another feed is theirs once
            await (postgres
                ? StoryCopies.MarkArrivalsAsync(connection, transaction, [.. arrived.Where(a => a.Row.StoryHash is not null).Select(a => a.Id)], rows.Now)
                : StoryCopies.MarkCopiesAsync(connection, transaction, copied, rows.Now));
        }
        return new UpsertResult(inserted, updated, unchanged + rows.New.Count - inserted);
    }

    /// <summary>A column of the entries table as both inserts fill it: one value per row, or one typed array for many.</summary>
    private sealed record Column(string Name, string PostgresType, Func<EntryRow, object?> Value, Func<IReadOnlyList<EntryRow>, object> Array)
    {
        public static Column Of<T>(string name, string postgresType, Func<EntryRow, T> value) =>
            new(name, postgresType, r => value(r), rows => rows.Select(value).ToArray());
    }

    private static readonly Column[] s_columns =
    [
        Column.Of("feed_id", "bigint", r => r.FeedId),
        Column.Of("key", "text", r => r.Key),
        Column.Of("url", "text", r => r.Url),
        Column.Of("title", "text", r => r.Title),
        Column.Of("author", "text", r => r.Author),
        Column.Of("published_at", "bigint", r => r.Published),
        Column.Of("updated_at", "bigint", r => r.Updated),
        Column.Of("summary", "text", r => r.Summary),
        Column.Of("content", "text", r => r.Content),
        Column.Of("image_url", "text", r => r.ImageUrl),
        Column.Of("categories", "text", r => r.Categories),
        Column.Of("enclosures", "text", r => r.Enclosures),
        Column.Of("content_hash", "bytea", r => r.Hash),
        Column.Of("created_at", "bigint", r => r.Now),
        Column.Of("search_text", "text", r => r.SearchText),
        Column.Of("sort_at", "bigint", r => r.SortAt),
        Column.Of("excerpt", "text", r => r.Excerpt),
        Column.Of("story_hash", "bigint", r => r.StoryHash),
    ];

    // any constant shared by all Inertia processes, other than the migrator's
    private const long IdOrderLock = 0x1_4E52_5449;

    // the unique index, not a prior read, decides what is new: a concurrent writer's copy makes the insert a no-op
    private static readonly string s_insertOne =
        $"INSERT INTO entries ({string.Join(", ", s_columns.Select(c => c.Name))}) VALUES ({string.Join(", ", s_columns.Select((_, i) => $"@c{i}"))}) ON CONFLICT (feed_id, key) DO NOTHING RETURNING id";

    // the new rows, the counter and unread rows of every subscriber whose watermark is below them, and the feed's count of entries, in one statement
    private static readonly string s_insertAll =
        $"WITH inserted AS (INSERT INTO entries ({string.Join(", ", s_columns.Select(c => c.Name))}) " +
        $"SELECT * FROM unnest({string.Join(", ", s_columns.Select((c, i) => $"@c{i}::{c.PostgresType}[]"))}) ON CONFLICT (feed_id, key) DO NOTHING RETURNING id, key, sort_at, created_at), " +
        "counted AS (UPDATE subscriptions SET unread_count = unread_count + (SELECT COUNT(*) FROM inserted WHERE inserted.id > subscriptions.read_through) " +
        "WHERE feed_id = @feed AND EXISTS (SELECT 1 FROM inserted)), " +
        "listed AS (INSERT INTO unread_entries (user_id, entry_id, feed_id, sort_at, created_at) " +
        "SELECT s.user_id, i.id, s.feed_id, i.sort_at, i.created_at FROM inserted i JOIN subscriptions s ON s.feed_id = @feed AND i.id > s.read_through), " +
        "held AS (UPDATE feeds SET entry_count = entry_count + (SELECT COUNT(*) FROM inserted) WHERE id = @feed AND EXISTS (SELECT 1 FROM inserted)) " +
        "SELECT id, key FROM inserted";

    /// <summary>Inserts rows from one array per column (PostgreSQL's unnest), in one statement.</summary>
    private static async Task<List<(long Id, string Key)>> InsertAllAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<EntryRow> rows)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = s_insertAll;
        for (var i = 0; i < s_columns.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@c{i}";
            parameter.Value = s_columns[i].Array(rows);
            command.Parameters.Add(parameter);
        }
        var feed = command.CreateParameter();
        feed.ParameterName = "@feed";
        feed.Value = rows[0].FeedId;
        command.Parameters.Add(feed);
        var ids = new List<(long, string)>(rows.Count);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add((reader.GetInt64(0), reader.GetString(1)));
        }
        return ids;
    }

    /// <summary>
    /// The INSERT of one row, compiled once and re-bound for each of a feed's new rows: a fresh command per row made SQLite
    /// compile the statement twenty times a feed, the writer's largest cost after the inserts themselves.
    /// </summary>
    private static DbCommand InsertCommand(DbConnection connection, DbTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = s_insertOne;
        for (var i = 0; i < s_columns.Length; i++)
        {
            var parameter = command.CreateParameter();
            // with its prefix, SQLite finds the name at once instead of trying "@", "$" and ":" in turn on every bind
            parameter.ParameterName = $"@c{i}";
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static void Bind(DbCommand command, EntryRow row)
    {
        for (var i = 0; i < s_columns.Length; i++)
        {
            command.Parameters[i].Value = s_columns[i].Value(row) ?? DBNull.Value;
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
