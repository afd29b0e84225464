using System.Data.Common;
using Dapper;

namespace Inertia.Reader.Storage;

/// <summary>Another copy of a story, in another of the user's feeds.</summary>
public sealed record StoryCopy(long EntryId, long FeedId, string FeedName);

/// <summary>
/// The same story through several of a reader's feeds (the same <c>story_hash</c>, migration 22) is theirs once: a copy
/// arriving after the story came through another of their feeds is read and hidden for them (<c>copy_of</c> names the
/// entry it copies), decided in the ingest's transaction as rules are, so no list, count or API ever shows it twice. The
/// entry shown says which feeds also carried it. Entries stay shared: one reader's copy is another's only entry.
/// </summary>
public static class StoryCopies
{
    // the entries n (by id, or of a feed), their subscribers s, and for each the earliest entry o of the story in another
    // of their feeds (so) that is not itself a copy for them. On SQLite the joins are CROSS (in this order): left to
    // itself, its planner started at the subscriptions and read every entry of the reader's feeds
    private static string CopiesOf(DbConnection connection, string subscriber) =>
        connection is Microsoft.Data.Sqlite.SqliteConnection
            ? $"""
              FROM entries n CROSS JOIN subscriptions s ON s.feed_id = n.feed_id{subscriber}
              CROSS JOIN entries o ON o.story_hash = n.story_hash AND o.feed_id <> n.feed_id
              CROSS JOIN subscriptions so ON so.user_id = s.user_id AND so.feed_id = o.feed_id
              WHERE NOT EXISTS (SELECT 1 FROM entry_states c WHERE c.user_id = s.user_id AND c.entry_id = o.id AND c.copy_of IS NOT NULL)
              """
            : $"""
              FROM entries n JOIN subscriptions s ON s.feed_id = n.feed_id{subscriber}
              JOIN entries o ON o.story_hash = n.story_hash AND o.feed_id <> n.feed_id
              JOIN subscriptions so ON so.user_id = s.user_id AND so.feed_id = o.feed_id
              WHERE NOT EXISTS (SELECT 1 FROM entry_states c WHERE c.user_id = s.user_id AND c.entry_id = o.id AND c.copy_of IS NOT NULL)
              """;

    /// <summary>
    /// Marks entries just inserted that are copies, for each subscriber of their feed who already had the story through
    /// another feed. Entries no other feed carried cost one indexed query (<see cref="EarlierProbe"/> on SQLite).
    /// </summary>
    public static async Task MarkArrivalsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<long> ids, long now)
    {
        if (ids.Count == 0)
        {
            return;
        }
        // first the entries alone, by the story index: most stories come through one feed, and then that is all it costs
        var earlier = (await connection.QueryAsync<long>(
            $"""
            SELECT DISTINCT n.id FROM entries n JOIN entries o ON o.story_hash = n.story_hash AND o.feed_id <> n.feed_id AND o.id < n.id
            WHERE {IdList.In(connection, "n.id", "ids")} AND n.story_hash IS NOT NULL
            """, new { ids = ids.ToArray() }, transaction)).ToArray();
        await MarkCopiesAsync(connection, transaction, earlier, now);
    }

    /// <summary>
    /// A command that answers whether an entry (<c>@id</c>, of feed <c>@feed</c>) has an earlier copy of its story
    /// (<c>@hash</c>) in another feed: compiled once for a feed's new rows and run after each insert, which on SQLite's
    /// one writer costs a fraction of a query built for the set.
    /// </summary>
    public static DbCommand EarlierProbe(DbConnection connection, DbTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT 1 FROM entries WHERE story_hash = @hash AND feed_id <> @feed AND id < @id LIMIT 1";
        foreach (var name in new[] { "@hash", "@feed", "@id" })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    /// <summary>
    /// Marks as copies, for each subscriber of their feed who has an earlier copy of the story in another feed, entries
    /// known to have such a copy somewhere (<see cref="EarlierProbe"/>).
    /// </summary>
    public static async Task MarkCopiesAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<long> earlier, long now)
    {
        if (earlier.Count == 0)
        {
            return;
        }
        var copies = await connection.QueryAsync<CopyRow>(
            $"""
            SELECT s.user_id AS UserId, n.id AS EntryId, MIN(o.id) AS Original
            {CopiesOf(connection, "")} AND o.id < n.id AND {IdList.In(connection, "n.id", "earlier")}
            GROUP BY s.user_id, n.id
            """, new { earlier = earlier.ToArray() }, transaction);
        await HideAsync(connection, transaction, [.. copies], now);
    }

    /// <summary>
    /// Marks the entries of a feed the user has just subscribed to that are copies of stories already in their other
    /// feeds (whichever came first: those they have been reading are the ones they keep).
    /// </summary>
    public static async Task MarkFeedAsync(DbConnection connection, DbTransaction transaction, long userId, long feedId, long now)
    {
        var copies = await connection.QueryAsync<CopyRow>(
            $"""
            SELECT s.user_id AS UserId, n.id AS EntryId, MIN(o.id) AS Original
            {CopiesOf(connection, " AND s.user_id = @userId")} AND n.feed_id = @feedId AND n.story_hash IS NOT NULL
            GROUP BY s.user_id, n.id
            """, new { userId, feedId }, transaction);
        await HideAsync(connection, transaction, [.. copies], now);
    }

    /// <summary>
    /// Shows again, still read, the user's copies of entries of a feed they no longer follow: the story is theirs through
    /// the copy now.
    /// </summary>
    public static Task ShowAgainAsync(DbConnection connection, DbTransaction transaction, long userId, long feedId) =>
        connection.ExecuteAsync(
            """
            UPDATE entry_states SET is_hidden = FALSE, copy_of = NULL
            WHERE user_id = @userId AND copy_of IS NOT NULL AND copy_of IN (SELECT id FROM entries WHERE feed_id = @feedId)
            """, new { userId, feedId }, transaction);

    /// <summary>
    /// For each of these entries whose story also came through other feeds of the user's (hidden copies or not): those
    /// entries, with their feeds' names, oldest first.
    /// </summary>
    public static async Task<IReadOnlyDictionary<long, IReadOnlyList<StoryCopy>>> OfAsync(DbConnection connection, long userId, IReadOnlyList<long> ids)
    {
        if (ids.Count == 0)
        {
            return new Dictionary<long, IReadOnlyList<StoryCopy>>();
        }
        // the entries' hashes first (by id): most lists have no story twice and stop here; joined in one query, SQLite
        // started at the user's subscriptions and read every entry of their feeds (a list page went from 13 ms to 117)
        var hashes = (await connection.QueryAsync<(long Id, long FeedId, long Hash)>(
            $"SELECT id, feed_id, story_hash FROM entries WHERE {IdList.In(connection, "id", "ids")} AND story_hash IS NOT NULL",
            new { ids = ids.ToArray() })).ToList();
        if (hashes.Count == 0)
        {
            return new Dictionary<long, IReadOnlyList<StoryCopy>>();
        }
        var others = await connection.QueryAsync<(long Hash, long Id, long FeedId, string Name)>(
            $"""
            SELECT d.story_hash, d.id, d.feed_id, COALESCE(s.title, f.title, cf.title, f.url)
            FROM entries d {(connection is Microsoft.Data.Sqlite.SqliteConnection ? "CROSS JOIN" : "JOIN")} subscriptions s ON s.feed_id = d.feed_id AND s.user_id = @userId
            JOIN feeds f ON f.id = d.feed_id LEFT JOIN catalog_feeds cf ON cf.feed_id = f.id
            WHERE {IdList.In(connection, "d.story_hash", "hashes")}
            ORDER BY d.id
            """, new { userId, hashes = hashes.Select(h => h.Hash).Distinct().ToArray() });
        var byHash = others.ToLookup(o => o.Hash);
        var rows = hashes.SelectMany(me => byHash[me.Hash].Where(d => d.Id != me.Id && d.FeedId != me.FeedId).Select(d => (Of: me.Id, d.Id, d.FeedId, d.Name)));
        return rows.GroupBy(r => r.Of).ToDictionary(g => g.Key, g => (IReadOnlyList<StoryCopy>)[.. g.Select(r => new StoryCopy(r.Id, r.FeedId, r.Name))]);
    }

    // each copy read (through the one path every mark takes, which moves the counters), then hidden; a starred entry, or
    // one a rule hid already, stays as it is
    private static async Task HideAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<CopyRow> copies, long now)
    {
        foreach (var user in copies.GroupBy(c => c.UserId))
        {
            await ReadState.SetReadAsync(connection, transaction, user.Key, [.. user.Select(c => c.EntryId)], true, now);
            await connection.ExecuteAsync(
                """
                INSERT INTO entry_states (user_id, entry_id, is_read, is_starred, is_hidden, copy_of) VALUES (@UserId, @EntryId, NULL, FALSE, TRUE, @Original)
                ON CONFLICT (user_id, entry_id) DO UPDATE SET is_hidden = TRUE, copy_of = excluded.copy_of
                WHERE NOT entry_states.is_hidden AND NOT entry_states.is_starred
                """, user, transaction);
        }
    }

    // read by Dapper by column name
    private sealed class CopyRow
    {
        public long UserId { get; set; }
        public long EntryId { get; set; }
        public long Original { get; set; }
    }
}
