using Inertia.Reader.Storage;
using Inertia.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Inertia.Web.Reader.Admin;

/// <summary>`/admin/users`: the administrator adds users, disables and enables them, resets their passwords.</summary>
[Authorize(Policy = "admin")]
public sealed class UsersModel(Database database, UserManager<AppUser> users, IStringLocalizer<Strings> t, TimeProvider time) : PageModel
{
    public IReadOnlyList<Account> Accounts { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(string name, string password, bool admin, CancellationToken cancellationToken)
    {
        name = (name ?? "").Trim();
        if (name.Length == 0 || (password ?? "").Length < 8)
        {
            Error = name.Length == 0 ? t["NameRequired"].Value : t["PasswordTooShort"].Value;
        }
        else
        {
            var created = await users.CreateAsync(new AppUser { UserName = name, IsAdmin = admin }, password!);
            Error = created.Succeeded ? null : t["NameTaken"].Value;
            Message = created.Succeeded ? t["UserCreated", name].Value : null;
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(long id, bool disable, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture)) is { } user && user.Id != User.UserId())
        {
            user.DisabledAt = disable ? time.GetUtcNow().ToUnixTimeSeconds() : null;
            await users.UpdateAsync(user);
            // a new stamp ends the user's sessions at once
            await users.UpdateSecurityStampAsync(user);
            Message = t["Done"].Value;
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync(long id, string password, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture)) is { } user)
        {
            if ((password ?? "").Length < 8)
            {
                Error = t["PasswordTooShort"].Value;
            }
            else
            {
                var token = await users.GeneratePasswordResetTokenAsync(user);
                var reset = await users.ResetPasswordAsync(user, token, password!);
                Message = reset.Succeeded ? t["PasswordReset", user.UserName].Value : null;
                Error = reset.Succeeded ? null : string.Join(" ", reset.Errors.Select(e => e.Description));
                if (reset.Succeeded)
                {
                    await users.ResetAccessFailedCountAsync(user);
                    await users.SetLockoutEndDateAsync(user, null);
                }
            }
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        Accounts = await UserStore.ListAsync(connection);
    }
}
