using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Inertia.Web.Accounts;

/// <summary>
/// `/signin`: user name and password (a wrong one counts toward the account's lockout; every address is also limited per
/// minute), or a passkey. Then back to where the visitor was going, if that is a page of this site.
/// </summary>
[EnableRateLimiting(AccountServices.SignInLimit)]
public sealed class SignInModel(
    SignInManager<AppUser> signIn, UserManager<AppUser> users, AccountOptions accounts, AccountSignInLimit perAccount, IStringLocalizer<Strings> t, ILogger<SignInModel> log) : PageModel
{
    [BindProperty]
    public string UserName { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty]
    public bool RememberMe { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect(Destination) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!perAccount.TryAcquire(UserName))
        {
            log.LogWarning("sign-in refused for {Name} from {Address}: too many attempts on the account this minute", UserName, HttpContext.Connection.RemoteIpAddress);
            Error = t["TooManyAttemptsAccount"].Value;
            return Page();
        }
        var user = await users.FindByNameAsync(UserName.Trim());
        if (user is null)
        {
            log.LogInformation("sign-in refused for unknown user {Name} from {Address}", UserName, HttpContext.Connection.RemoteIpAddress);
            Error = t["SignInFailed"].Value;
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(user, Password, RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            log.LogInformation("user {Name} signed in", user.UserName);
            return LocalRedirect(Destination);
        }
        log.LogInformation("sign-in refused for {Name} from {Address}: {Outcome}", user.UserName, HttpContext.Connection.RemoteIpAddress,
            result.IsLockedOut ? "locked out" : result.IsNotAllowed ? "disabled" : "wrong password");
        Error = result.IsLockedOut ? t["LockedOut", accounts.LockoutMinutes].Value
            : result.IsNotAllowed ? t["AccountDisabled"].Value
            : t["SignInFailed"].Value;
        return Page();
    }

    /// <summary>Where to go after signing in: the page asked for, when it is on this site, else the reader.</summary>
    public string Destination => ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) ? url : "/reader";
}
