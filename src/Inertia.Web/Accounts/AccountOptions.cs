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

    /// <summary>Sign-in attempts one account may receive per minute, from however many addresses.</summary>
    [Range(1, 10_000)]
    public int SignInsPerAccountPerMinute { get; set; } = 10;

    /// <summary>How often a session is checked against its account (disabled, password reset): at most this many seconds stale.</summary>
    [Range(0, 3600)]
    public int SessionCheckSeconds { get; set; } = 60;

    /// <summary>How long a session lasts without use.</summary>
    [Range(1, 3650)]
    public int SessionDays { get; set; } = 30;
}
