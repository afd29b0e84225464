using System.Data.Common;
using Dapper;

namespace Inertia.Reader.Storage;

/// <summary>A search or filter saved into a user's sidebar: its name and the reader's address of it.</summary>
public sealed class SavedView
{
    public long Id { get; init; }
    public required string Title { get; init; }
    public required string Address { get; init; }
}

/// <summary>A user's saved views: list (by title), save, delete; each user sees and changes only theirs.</summary>
public static class SavedViewStore
{
    public static async Task<IReadOnlyList<SavedView>> ListAsync(DbConnection connection, long userId) =>
        [.. await connection.QueryAsync<SavedView>(
            "SELECT id AS Id, title AS Title, address AS Address FROM saved_views WHERE user_id = @userId ORDER BY title, id", new { userId })];

    /// <summary>Saves the view under its title; a title the user has already is given to the new address. Its id.</summary>
    public static async Task<long> SaveAsync(DbConnection connection, long userId, string title, string address, long now)
    {
        await connection.ExecuteAsync(
            """
            INSERT INTO saved_views (user_id, title, address, created_at) VALUES (@userId, @title, @address, @now)
            ON CONFLICT (user_id, title) DO UPDATE SET address = excluded.address
            """, new { userId, title, address, now });
        return await connection.ExecuteScalarAsync<long>("SELECT id FROM saved_views WHERE user_id = @userId AND title = @title", new { userId, title });
    }

    /// <summary>Deletes the user's saved view; false when it is none of theirs.</summary>
    public static async Task<bool> DeleteAsync(DbConnection connection, long userId, long id) =>
        await connection.ExecuteAsync("DELETE FROM saved_views WHERE user_id = @userId AND id = @id", new { userId, id }) > 0;
}
