using System.Data.Common;
using Dapper;
using Inertia.Reader.Accounts;

namespace Inertia.Reader.Storage;

/// <summary>Accounts: add one, find one by name.</summary>
public static class UserStore
{
    /// <summary>The new user's id, or null when the name is taken.</summary>
    public static async Task<long?> AddAsync(DbConnection connection, string name, string password, bool admin, long now)
    {
        var inserted = await connection.ExecuteAsync(
            "INSERT INTO users (name, password_hash, is_admin, created_at) VALUES (@name, @hash, @admin, @now) ON CONFLICT (name) DO NOTHING",
            new { name, hash = PasswordHash.Create(password), admin, now });
        return inserted == 0 ? null : await FindAsync(connection, name);
    }

    public static Task<long?> FindAsync(DbConnection connection, string name) =>
        connection.ExecuteScalarAsync<long?>("SELECT id FROM users WHERE name = @name", new { name });
}
