using System.Data.Common;
using Dapper;

namespace Inertia.Reader.Storage;

/// <summary>An API password as its owner sees it: its label and when it was made and last used (never the secret).</summary>
public sealed record ApiPassword
{
    public long Id { get; init; }
    public required string Label { get; init; }
    public long CreatedAt { get; init; }
    public long? LastUsedAt { get; init; }
    /// <summary>The form of Chinese its apps are served (null: as written).</summary>
    public string? ChineseVariant { get; init; }
    /// <summary>Whether the password's apps get every image and enclosure through the media proxy (else only hosts with a rule).</summary>
    public bool ProxyMedia { get; init; }
}

/// <summary>Who an API request speaks for: the user, and the API password it came with.</summary>
public sealed record ApiCaller
{
    public long UserId { get; init; }
    public required string UserName { get; init; }
    public long PasswordId { get; init; }
    /// <summary>The form of Chinese the password's apps are served (<see cref="Chinese.ChineseVariants.Code"/>; null: as written).</summary>
    public string? ChineseVariant { get; init; }
    /// <summary>Whether the password's apps get every image and enclosure through the media proxy (else only hosts with a rule).</summary>
    public bool ProxyMedia { get; init; }
}

/// <summary>
/// API passwords (migration 13): add, list, revoke, and find the caller by one of the password's digests — the password's
/// own, the Google Reader edit token's or Fever's. A disabled account's passwords find nobody.
/// </summary>
public static class ApiPasswordStore
{
    /// <summary>The new password's id. The digests are made by the caller (Inertia.Web's <c>ApiSecret</c>).</summary>
    public static Task<long> AddAsync(DbConnection connection, long userId, string label, string secretHash, string editTokenHash, string feverKey, long now) =>
        connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO api_passwords (user_id, label, secret_hash, edit_token_hash, fever_key, created_at)
            VALUES (@userId, @label, @secretHash, @editTokenHash, @feverKey, @now) RETURNING id
            """, new { userId, label, secretHash, editTokenHash, feverKey, now });

    public static async Task<IReadOnlyList<ApiPassword>> ListAsync(DbConnection connection, long userId) =>
        [.. await connection.QueryAsync<ApiPassword>(
            "SELECT id AS Id, label AS Label, created_at AS CreatedAt, last_used_at AS LastUsedAt, chinese_variant AS ChineseVariant, proxy_media AS ProxyMedia FROM api_passwords WHERE user_id = @userId ORDER BY id",
            new { userId })];

    /// <summary>False when the user has no such password (another user's id included).</summary>
    /// <summary>Sets the form of Chinese a password's apps are served (unknown: as written); false when the password is not the user's.</summary>
    public static async Task<bool> SetChineseVariantAsync(DbConnection connection, long userId, long id, string? variant) =>
        await connection.ExecuteAsync("UPDATE api_passwords SET chinese_variant = @code WHERE id = @id AND user_id = @userId",
            new { id, userId, code = Chinese.ChineseVariants.Code(Chinese.ChineseVariants.Parse(variant)) }) > 0;

    public static async Task<bool> RevokeAsync(DbConnection connection, long userId, long id) =>
        await connection.ExecuteAsync("DELETE FROM api_passwords WHERE id = @id AND user_id = @userId", new { id, userId }) > 0;

    public static Task<ApiCaller?> BySecretAsync(DbConnection connection, string secretHash) => FindAsync(connection, "p.secret_hash = @digest", secretHash);

    public static Task<ApiCaller?> ByEditTokenAsync(DbConnection connection, string editTokenHash) => FindAsync(connection, "p.edit_token_hash = @digest", editTokenHash);

    public static Task<ApiCaller?> ByFeverKeyAsync(DbConnection connection, string feverKey) => FindAsync(connection, "p.fever_key = @digest", feverKey);

    private static Task<ApiCaller?> FindAsync(DbConnection connection, string where, string digest) =>
        connection.QuerySingleOrDefaultAsync<ApiCaller>(
            $"""
            SELECT u.id AS UserId, u.name AS UserName, p.id AS PasswordId, p.chinese_variant AS ChineseVariant, p.proxy_media AS ProxyMedia
            FROM api_passwords p JOIN users u ON u.id = p.user_id
            WHERE {where} AND u.disabled_at IS NULL
            """, new { digest });

    /// <summary>Records a use, at most once a minute per password (a sync makes dozens of requests: one write is enough).</summary>
    public static Task TouchAsync(DbConnection connection, long id, long now) =>
        connection.ExecuteAsync(
            "UPDATE api_passwords SET last_used_at = @now WHERE id = @id AND (last_used_at IS NULL OR last_used_at < @now - 60)", new { id, now });
}
