namespace Inertia.Web.Accounts;

/// <summary>The first administrator, created at start when no user exists yet (section `Admin`): set-up without the set-up page.</summary>
public sealed class AdminOptions
{
    public string? Name { get; set; }
    public string? Password { get; set; }
}
