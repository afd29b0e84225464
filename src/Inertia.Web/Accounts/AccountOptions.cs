using System.ComponentModel.DataAnnotations;

namespace Inertia.Web.Accounts;

/// <summary>How sign-in is protected (section `Accounts`).</summary>
public sealed class AccountOptions
{
    /// <summary>Failed sign-ins to one account before it is locked for a while.</summary>
    [Range(1, 1000)]
    public int MaxFailedSignIns { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    [Range(1, 1440)]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>Sign-in attempts one address may make per minute, whatever the account.</summary>
    [Range(1, 10_000)]
    public int SignInsPerAddressPerMinute { get; set; } = 10;

    /// <summary>How long a session lasts without use.</summary>
    [Range(1, 3650)]
    public int SessionDays { get; set; } = 30;
}
