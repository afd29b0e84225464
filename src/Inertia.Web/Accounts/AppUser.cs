using Inertia.Reader.Storage;

namespace Inertia.Web.Accounts;

/// <summary>A user as ASP.NET Core Identity works with one: the stored <see cref="Account"/>, mutable while Identity changes it.</summary>
public sealed class AppUser
{
    public long Id { get; set; }
    public string UserName { get; set; } = "";
    public string NormalizedUserName { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    public string SecurityStamp { get; set; } = "";
    public DateTimeOffset? LockoutEnd { get; set; }
    public int AccessFailedCount { get; set; }
    public bool IsAdmin { get; set; }
    public long CreatedAt { get; set; }
    public long? DisabledAt { get; set; }
    public string? Language { get; set; }
    public string? Theme { get; set; }
    public string? TimeZone { get; set; }

    public bool IsDisabled => DisabledAt is not null;

    public static AppUser From(Account a) => new()
    {
        Id = a.Id,
        UserName = a.Name,
        NormalizedUserName = a.NormalizedName,
        PasswordHash = a.PasswordHash,
        SecurityStamp = a.SecurityStamp ?? "",
        LockoutEnd = a.LockoutEnd is { } end ? DateTimeOffset.FromUnixTimeSeconds(end) : null,
        AccessFailedCount = a.AccessFailedCount,
        IsAdmin = a.IsAdmin,
        CreatedAt = a.CreatedAt,
        DisabledAt = a.DisabledAt,
        Language = a.Language,
        Theme = a.Theme,
        TimeZone = a.TimeZone,
    };

    public Account ToAccount() => new()
    {
        Id = Id,
        Name = UserName,
        NormalizedName = NormalizedUserName,
        PasswordHash = PasswordHash,
        SecurityStamp = SecurityStamp,
        // far-future lockouts (DateTimeOffset.MaxValue) are kept in range of Unix seconds
        LockoutEnd = LockoutEnd is { } end ? Math.Min(end.ToUnixTimeSeconds(), 253_402_300_799) : null,
        AccessFailedCount = AccessFailedCount,
        IsAdmin = IsAdmin,
        CreatedAt = CreatedAt,
        DisabledAt = DisabledAt,
        Language = Language,
        Theme = Theme,
        TimeZone = TimeZone,
    };
}
