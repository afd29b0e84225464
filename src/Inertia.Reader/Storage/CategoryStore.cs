using System.Data.Common;
using Dapper;

namespace Inertia.Reader.Storage;

/// <summary>A user's category (a Google Reader label, a Fever group, a Miniflux category).</summary>
public sealed record Category
{
    public long Id { get; init; }
    public required string Title { get; init; }
}

/// <summary>A user's categories: list, find or make, rename, reorder, delete (its feeds then belong to none).</summary>
public static class CategoryStore
{
    /// <summary>The user's categories in their order (as they arranged them, then by title).</summary>
    public static async Task<IReadOnlyList<Category>> ListAsync(DbConnection connection, long userId) =>
        [.. await connection.QueryAsync<Category>("SELECT id AS Id, title AS Title FROM categories WHERE user_id = @userId ORDER BY position, title, id", new { userId })];

    /// <summary>
    /// Moves the user's category one place up (<paramref name="by"/> −1) or down (+1) in their order, numbering all of
    /// theirs afresh (a user has tens, not thousands). False when the id is none of theirs; at either end nothing moves.
    /// </summary>
    public static async Task<bool> MoveAsync(DbConnection connection, long userId, long id, int by)
    {
        await using var tx = await connection.BeginTransactionAsync();
        var order = (await connection.QueryAsync<long>(
            "SELECT id FROM categories WHERE user_id = @userId ORDER BY position, title, id", new { userId }, tx)).ToList();
        var at = order.IndexOf(id);
        if (at < 0)
        {
            return false;
        }
        var to = Math.Clamp(at + Math.Sign(by), 0, order.Count - 1);
        (order[at], order[to]) = (order[to], order[at]);
        await connection.ExecuteAsync("UPDATE categories SET position = @position WHERE id = @id AND user_id = @userId",
            order.Select((categoryId, position) => new { id = categoryId, position, userId }), tx);
        await tx.CommitAsync();
        return true;
    }

    public static Task<long?> FindAsync(DbConnection connection, long userId, string title) =>
        connection.ExecuteScalarAsync<long?>("SELECT id FROM categories WHERE user_id = @userId AND title = @title", new { userId, title });

    /// <summary>The category's id, made when the user has none of that title.</summary>
    public static async Task<long> EnsureAsync(DbConnection connection, DbTransaction? transaction, long userId, string title)
    {
        await connection.ExecuteAsync("INSERT INTO categories (user_id, title) VALUES (@userId, @title) ON CONFLICT (user_id, title) DO NOTHING", new { userId, title }, transaction);
        return await connection.ExecuteScalarAsync<long>("SELECT id FROM categories WHERE user_id = @userId AND title = @title", new { userId, title }, transaction);
    }

    /// <summary>
    /// Renames the user's category. When the user already has one of the new title the two merge (its feeds move there),
    /// as a Google Reader rename onto an existing label does. False when the user has no category of the old title.
    /// </summary>
    public static async Task<bool> RenameAsync(DbConnection connection, long userId, string from, string to)
    {
        await using var tx = await connection.BeginTransactionAsync();
        var source = await connection.ExecuteScalarAsync<long?>("SELECT id FROM categories WHERE user_id = @userId AND title = @from", new { userId, from }, tx);
        if (source is null)
        {
            return false;
        }
        var target = await connection.ExecuteScalarAsync<long?>("SELECT id FROM categories WHERE user_id = @userId AND title = @to", new { userId, to }, tx);
        if (target is null)
        {
            await connection.ExecuteAsync("UPDATE categories SET title = @to WHERE id = @source", new { to, source }, tx);
        }
        else if (target != source)
        {
            await connection.ExecuteAsync("UPDATE subscriptions SET category_id = @target WHERE user_id = @userId AND category_id = @source", new { target, source, userId }, tx);
            await connection.ExecuteAsync("DELETE FROM categories WHERE id = @source", new { source }, tx);
        }
        await tx.CommitAsync();
        return true;
    }

    /// <summary>The user's category with this id; null when it is none of theirs.</summary>
    public static Task<Category?> ByIdAsync(DbConnection connection, long userId, long id) =>
        connection.QuerySingleOrDefaultAsync<Category>("SELECT id AS Id, title AS Title FROM categories WHERE user_id = @userId AND id = @id", new { userId, id });

    /// <summary>A new category; null when the user has one of that title already.</summary>
    public static async Task<long?> AddAsync(DbConnection connection, long userId, string title) =>
        await connection.ExecuteAsync("INSERT INTO categories (user_id, title) VALUES (@userId, @title) ON CONFLICT (user_id, title) DO NOTHING", new { userId, title }) == 0
            ? null : await FindAsync(connection, userId, title);

    /// <summary>Gives the user's category a title no other of theirs has: false when the id is none of theirs or the title is taken.</summary>
    public static async Task<bool> RetitleAsync(DbConnection connection, long userId, long id, string title) =>
        await connection.ExecuteAsync(
            """
            UPDATE categories SET title = @title WHERE user_id = @userId AND id = @id
              AND NOT EXISTS (SELECT 1 FROM categories o WHERE o.user_id = @userId AND o.title = @title AND o.id <> @id)
            """, new { userId, id, title }) > 0;

    /// <summary>Deletes the user's category by id; its feeds stay subscribed, in no category. False when it is none of theirs.</summary>
    public static async Task<bool> DeleteAsync(DbConnection connection, long userId, long id) =>
        await connection.ExecuteAsync("DELETE FROM categories WHERE user_id = @userId AND id = @id", new { userId, id }) > 0;

    /// <summary>Deletes the user's category by title; its feeds stay subscribed, in no category. False when there is none.</summary>
    public static async Task<bool> DeleteAsync(DbConnection connection, long userId, string title) =>
        await connection.ExecuteAsync("DELETE FROM categories WHERE user_id = @userId AND title = @title", new { userId, title }) > 0;
}
