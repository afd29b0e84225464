using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Inertia.Web.Accounts;

/// <summary>`/account`: the signed-in user's language, theme and time zone, their passkeys, and signing out.</summary>
[Authorize]
public sealed class AccountModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, IStringLocalizer<Strings> t) : PageModel
{
    public AppUser Me { get; private set; } = null!;
    public IList<UserPasskeyInfo> Passkeys { get; private set; } = [];
    public string? Message { get; private set; }

    /// <summary>Time zones offered: the common ones of Inertia's readers first.</summary>
    public static IReadOnlyList<string> Zones { get; } =
        ["Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Singapore", "Asia/Tokyo", "Europe/London", "Europe/Berlin", "America/New_York", "America/Los_Angeles", "UTC"];

    public async Task<IActionResult> OnGetAsync(string? done)
    {
        if (!await LoadAsync())
        {
            return Redirect("/signin");
        }
        Message = done == "passkey" ? t["PasskeyAdded"].Value : done is not null ? t["Saved"].Value : null;
        return Page();
    }

    public async Task<IActionResult> OnPostSettingsAsync(string? language, string? theme, string? timeZone)
    {
        if (!await LoadAsync())
        {
            return Redirect("/signin");
        }
        Me.Language = Hosting.Localization.LanguageOf(language);
        Me.Theme = theme is "light" or "dark" ? theme : null;
        Me.TimeZone = timeZone is { Length: > 0 } && Hosting.DateText.TryZone(timeZone) is not null ? timeZone : null;
        await users.UpdateAsync(Me);
        // the session's claims carry the settings: renewed now rather than at the next validation
        await signIn.RefreshSignInAsync(Me);
        return Redirect("/account?done=settings");
    }

    public async Task<IActionResult> OnPostRemovePasskeyAsync(string id)
    {
        if (!await LoadAsync())
        {
            return Redirect("/signin");
        }
        byte[] credential;
        try
        {
            credential = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(id);
        }
        catch (FormatException)
        {
            return BadRequest();
        }
        // a passkey of another user is not found among this user's, so nothing is removed
        await users.RemovePasskeyAsync(Me, credential);
        return Redirect("/account?done=removed");
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await signIn.SignOutAsync();
        return Redirect("/");
    }

    private async Task<bool> LoadAsync()
    {
        if (await users.GetUserAsync(User) is not { } me)
        {
            return false;
        }
        Me = me;
        Passkeys = await users.GetPasskeysAsync(me);
        return true;
    }
}
