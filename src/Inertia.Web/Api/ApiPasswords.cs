using Inertia.Reader.Storage;

namespace Inertia.Web.Api;

/// <summary>Making an API password: the secret is shown once, to its owner; only its digests are kept.</summary>
public static class ApiPasswords
{
    /// <summary>The new password's id and the password itself.</summary>
    public static async Task<(long Id, string Password)> CreateAsync(Database database, long userId, string userName, string label, long now, CancellationToken cancellationToken)
    {
        var secret = ApiSecret.NewPassword();
        await using var connection = await database.OpenAsync(cancellationToken);
        var id = await ApiPasswordStore.AddAsync(connection, userId, label.Trim(), ApiSecret.Hash(secret), ApiSecret.Hash(ApiSecret.EditToken(secret)),
            ApiSecret.FeverKey(userName, secret), now);
        return (id, secret);
    }
}
