using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Inertia.Web.Accounts;

/// <summary>
/// ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> for every new hash; hashes written by earlier versions of
/// Inertia ("pbkdf2-sha256$iterations$salt$hash") still verify, and are replaced by a new hash at that sign-in.
/// </summary>
public sealed class AppPasswordHasher : IPasswordHasher<AppUser>
{
    private readonly PasswordHasher<AppUser> _identity = new();

    public string HashPassword(AppUser user, string password) => _identity.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
    {
        if (hashedPassword.StartsWith("pbkdf2-sha256$", StringComparison.Ordinal))
        {
            return VerifyLegacy(providedPassword, hashedPassword) ? PasswordVerificationResult.SuccessRehashNeeded : PasswordVerificationResult.Failed;
        }
        try
        {
            return _identity.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
        catch (FormatException)
        {
            return PasswordVerificationResult.Failed;
        }
    }

    private static bool VerifyLegacy(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || !int.TryParse(parts[1], out var iterations))
        {
            return false;
        }
        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var expected = Convert.FromBase64String(parts[3]);
            var actual = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, expected.Length);
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
