using System.Globalization;
using Inertia.Reader.Storage;
using Microsoft.AspNetCore.Identity;

namespace Inertia.Web.Accounts;

/// <summary>
/// ASP.NET Core Identity's view of the users and passkeys tables: a thin translation to the named queries of
/// <see cref="UserStore"/> and <see cref="PasskeyStore"/> (the SQL stays in the engine's storage).
/// </summary>
public sealed class IdentityUserStore(Database database, TimeProvider time) :
    IUserPasswordStore<AppUser>, IUserSecurityStampStore<AppUser>, IUserLockoutStore<AppUser>, IUserPasskeyStore<AppUser>
{
    public async Task<IdentityResult> CreateAsync(AppUser user, CancellationToken cancellationToken)
    {
        user.CreatedAt = time.GetUtcNow().ToUnixTimeSeconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        var id = await UserStore.AddAsync(connection, user.ToAccount());
        if (id is null)
        {
            return IdentityResult.Failed(new IdentityError { Code = "DuplicateUserName", Description = $"The user name {user.UserName} is taken." });
        }
        user.Id = id.Value;
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> UpdateAsync(AppUser user, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await UserStore.UpdateAsync(connection, user.ToAccount())
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = "NoSuchUser", Description = "The user no longer exists." });
    }

    public async Task<IdentityResult> DeleteAsync(AppUser user, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await UserStore.DeleteAsync(connection, user.Id);
        return IdentityResult.Success;
    }

    public async Task<AppUser?> FindByIdAsync(string userId, CancellationToken cancellationToken)
    {
        if (!long.TryParse(userId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        return await UserStore.ByIdAsync(connection, id) is { } account ? AppUser.From(account) : null;
    }

    public async Task<AppUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await UserStore.ByNormalizedNameAsync(connection, normalizedUserName) is { } account ? AppUser.From(account) : null;
    }

    public Task<string> GetUserIdAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user.Id.ToString(CultureInfo.InvariantCulture));
    public Task<string?> GetUserNameAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.UserName);
    public Task SetUserNameAsync(AppUser user, string? userName, CancellationToken cancellationToken) => Set(() => user.UserName = userName ?? "");
    public Task<string?> GetNormalizedUserNameAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.NormalizedUserName);
    public Task SetNormalizedUserNameAsync(AppUser user, string? normalizedName, CancellationToken cancellationToken) => Set(() => user.NormalizedUserName = normalizedName ?? "");

    public Task SetPasswordHashAsync(AppUser user, string? passwordHash, CancellationToken cancellationToken) => Set(() => user.PasswordHash = passwordHash ?? "");
    public Task<string?> GetPasswordHashAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.PasswordHash);
    public Task<bool> HasPasswordAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash.Length > 0);

    public Task SetSecurityStampAsync(AppUser user, string stamp, CancellationToken cancellationToken) => Set(() => user.SecurityStamp = stamp);
    public Task<string?> GetSecurityStampAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.SecurityStamp);

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnd);
    public Task SetLockoutEndDateAsync(AppUser user, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken) => Set(() => user.LockoutEnd = lockoutEnd);
    public Task<int> IncrementAccessFailedCountAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(++user.AccessFailedCount);
    public Task ResetAccessFailedCountAsync(AppUser user, CancellationToken cancellationToken) => Set(() => user.AccessFailedCount = 0);
    public Task<int> GetAccessFailedCountAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user.AccessFailedCount);
    public Task<bool> GetLockoutEnabledAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(true);
    public Task SetLockoutEnabledAsync(AppUser user, bool enabled, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task AddOrUpdatePasskeyAsync(AppUser user, UserPasskeyInfo passkey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await PasskeyStore.SaveAsync(connection, new StoredPasskey
        {
            CredentialId = passkey.CredentialId,
            UserId = user.Id,
            PublicKey = passkey.PublicKey,
            Name = passkey.Name,
            CreatedAt = passkey.CreatedAt.ToUnixTimeSeconds(),
            SignCount = passkey.SignCount,
            Transports = passkey.Transports is { Length: > 0 } t ? string.Join(' ', t) : null,
            IsUserVerified = passkey.IsUserVerified,
            IsBackupEligible = passkey.IsBackupEligible,
            IsBackedUp = passkey.IsBackedUp,
            AttestationObject = passkey.AttestationObject,
            ClientDataJson = passkey.ClientDataJson,
        });
    }

    public async Task<IList<UserPasskeyInfo>> GetPasskeysAsync(AppUser user, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. (await PasskeyStore.OfUserAsync(connection, user.Id)).Select(Info)];
    }

    public async Task<AppUser?> FindByPasskeyIdAsync(byte[] credentialId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await PasskeyStore.FindAsync(connection, credentialId) is { } passkey && await UserStore.ByIdAsync(connection, passkey.UserId) is { } account
            ? AppUser.From(account)
            : null;
    }

    public async Task<UserPasskeyInfo?> FindPasskeyAsync(AppUser user, byte[] credentialId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await PasskeyStore.FindAsync(connection, credentialId) is { } passkey && passkey.UserId == user.Id ? Info(passkey) : null;
    }

    public async Task RemovePasskeyAsync(AppUser user, byte[] credentialId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await PasskeyStore.RemoveAsync(connection, user.Id, credentialId);
    }

    private static UserPasskeyInfo Info(StoredPasskey p) =>
        new(p.CredentialId, p.PublicKey, DateTimeOffset.FromUnixTimeSeconds(p.CreatedAt), (uint)p.SignCount,
            p.Transports?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [], p.IsUserVerified, p.IsBackupEligible, p.IsBackedUp,
            p.AttestationObject, p.ClientDataJson)
        { Name = p.Name };

    private static Task Set(Action set)
    {
        set();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
    }
}
