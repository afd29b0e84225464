using System.Data.Common;
using Dapper;

namespace Inertia.Reader.Storage;

/// <summary>A WebAuthn credential registered by a user: its id and public key, and what the authenticator said of it.</summary>
public sealed record StoredPasskey
{
    public required byte[] CredentialId { get; init; }
    public long UserId { get; init; }
    public required byte[] PublicKey { get; init; }
    public string? Name { get; init; }
    public long CreatedAt { get; init; }
    public long SignCount { get; init; }
    /// <summary>The transports, space-separated (usb nfc ble internal hybrid).</summary>
    public string? Transports { get; init; }
    public bool IsUserVerified { get; init; }
    public bool IsBackupEligible { get; init; }
    public bool IsBackedUp { get; init; }
    public required byte[] AttestationObject { get; init; }
    public required byte[] ClientDataJson { get; init; }
}

/// <summary>Passkeys: add or update, list a user's, find by credential id, remove.</summary>
public static class PasskeyStore
{
    private const string Columns =
        "credential_id AS CredentialId, user_id AS UserId, public_key AS PublicKey, name AS Name, created_at AS CreatedAt, sign_count AS SignCount, " +
        "transports AS Transports, is_user_verified AS IsUserVerified, is_backup_eligible AS IsBackupEligible, is_backed_up AS IsBackedUp, " +
        "attestation_object AS AttestationObject, client_data_json AS ClientDataJson";

    public static Task SaveAsync(DbConnection connection, StoredPasskey passkey) =>
        connection.ExecuteAsync(
            """
            INSERT INTO user_passkeys (credential_id, user_id, public_key, name, created_at, sign_count, transports, is_user_verified,
                is_backup_eligible, is_backed_up, attestation_object, client_data_json)
            VALUES (@CredentialId, @UserId, @PublicKey, @Name, @CreatedAt, @SignCount, @Transports, @IsUserVerified, @IsBackupEligible,
                @IsBackedUp, @AttestationObject, @ClientDataJson)
            ON CONFLICT (credential_id) DO UPDATE SET name = excluded.name, sign_count = excluded.sign_count,
                is_user_verified = excluded.is_user_verified, is_backed_up = excluded.is_backed_up
                WHERE user_passkeys.user_id = excluded.user_id
            """, passkey);

    public static async Task<IReadOnlyList<StoredPasskey>> OfUserAsync(DbConnection connection, long userId) =>
        [.. await connection.QueryAsync<StoredPasskey>($"SELECT {Columns} FROM user_passkeys WHERE user_id = @userId ORDER BY created_at", new { userId })];

    public static Task<StoredPasskey?> FindAsync(DbConnection connection, byte[] credentialId) =>
        connection.QuerySingleOrDefaultAsync<StoredPasskey>($"SELECT {Columns} FROM user_passkeys WHERE credential_id = @credentialId", new { credentialId });

    public static Task<int> RemoveAsync(DbConnection connection, long userId, byte[] credentialId) =>
        connection.ExecuteAsync("DELETE FROM user_passkeys WHERE user_id = @userId AND credential_id = @credentialId", new { userId, credentialId });
}
