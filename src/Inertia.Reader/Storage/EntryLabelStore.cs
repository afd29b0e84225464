using System.Data.Common;
using Dapper;

namespace Inertia.Reader.Storage;

/// <summary>
/// Labels a user puts on single entries (migration 24; Google Reader's <c>edit-tag</c> with <c>user/-/label/NAME</c>):
/// only on entries they may read (of a feed they subscribe to, or starred), listed among their tags, carried by their
/// items, and a part of the stream of that label.
/// </summary>
public static class EntryLabelStore
{
    /// <summary>The longest label kept (a longer one is refused by the caller).</summary>
    public const int MaxLength = 200;

    /// <summary>Labels the entries the user may read; how many labels were new.</summary>
    public static async Task<int> AddAsync(DbConnection connection, DbTransaction? transaction, long userId, IReadOnlyList<long> ids, string label)
    {
        var added = 0;
        foreach (var entryId in ids.Distinct())
        {
            added += await connection.ExecuteAsync(
                """
                INSERT INTO entry_labels (user_id, label, entry_id)
                SELECT @userId, @label, e.id FROM entries e
                WHERE e.id = @entryId AND (EXISTS (SELECT 1 FROM subscriptions s WHERE s.user_id = @userId AND s.feed_id = e.feed_id)
                    OR EXISTS (SELECT 1 FROM entry_states x WHERE x.user_id = @userId AND x.entry_id = e.id AND x.is_starred))
                ON CONFLICT DO NOTHING
                """, new { userId, label, entryId }, transaction);
        }
        return added;
    }

    /// <summary>Takes the label off these of the user's entries; how many lost it.</summary>
    public static async Task<int> RemoveAsync(DbConnection connection, DbTransaction? transaction, long userId, IReadOnlyList<long> ids, string label) =>
        ids.Count == 0 ? 0 : await connection.ExecuteAsync(
            $"DELETE FROM entry_labels WHERE user_id = @userId AND label = @label AND {IdList.In(connection, "entry_id", "ids")}",
            new { userId, label, ids = ids.ToArray() }, transaction);

    /// <summary>The user's labels on entries, by name, with how many entries each has.</summary>
    public static async Task<IReadOnlyList<(string Label, long Count)>> ListAsync(DbConnection connection, long userId) =>
        [.. await connection.QueryAsync<(string, long)>(
            "SELECT label, COUNT(*) FROM entry_labels WHERE user_id = @userId GROUP BY label ORDER BY label", new { userId })];

    /// <summary>Whether any of the user's entries has the label.</summary>
    public static Task<bool> AnyAsync(DbConnection connection, long userId, string label) =>
        connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM entry_labels WHERE user_id = @userId AND label = @label)", new { userId, label });

    /// <summary>The labels of these of the user's entries, by entry.</summary>
    public static async Task<IReadOnlyDictionary<long, IReadOnlyList<string>>> OfAsync(DbConnection connection, long userId, IReadOnlyCollection<long> ids)
    {
        if (ids.Count == 0)
        {
            return new Dictionary<long, IReadOnlyList<string>>();
        }
        var rows = await connection.QueryAsync<(long EntryId, string Label)>(
            $"SELECT entry_id, label FROM entry_labels WHERE user_id = @userId AND {IdList.In(connection, "entry_id", "ids")} ORDER BY label",
            new { userId, ids = ids.ToArray() });
        return rows.GroupBy(r => r.EntryId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(r => r.Label)]);
    }

    /// <summary>Renames the label on every entry of the user's that has it (one already named so absorbs it); how many moved.</summary>
    public static async Task<int> RenameAsync(DbConnection connection, long userId, string from, string to)
    {
        if (from == to)
        {
            return await AnyAsync(connection, userId, from) ? 1 : 0;
        }
        await using var tx = await connection.BeginTransactionAsync();
        var moved = await connection.ExecuteAsync(
            """
            INSERT INTO entry_labels (user_id, label, entry_id) SELECT user_id, @to, entry_id FROM entry_labels WHERE user_id = @userId AND label = @from
            ON CONFLICT DO NOTHING
            """, new { userId, from, to }, tx);
        var had = await connection.ExecuteAsync("DELETE FROM entry_labels WHERE user_id = @userId AND label = @from", new { userId, from }, tx);
        await tx.CommitAsync();
        return Math.Max(moved, had);
    }

    /// <summary>Takes the label off every entry of the user's; how many had it.</summary>
    public static Task<int> DeleteAsync(DbConnection connection, long userId, string label) =>
        connection.ExecuteAsync("DELETE FROM entry_labels WHERE user_id = @userId AND label = @label", new { userId, label });

    /// <summary>The condition (over an entry <c>e</c> and <c>@UserId</c>, <c>@Label</c>) that it carries the label.</summary>
    public const string Labelled = "EXISTS (SELECT 1 FROM entry_labels l WHERE l.user_id = @UserId AND l.label = @Label AND l.entry_id = e.id)";
}
