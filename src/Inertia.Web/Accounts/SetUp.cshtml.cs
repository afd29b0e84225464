using Inertia.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Inertia.Web.Accounts;

/// <summary>`/setup`: the first visitor of a new server creates the administrator; once anyone has an account it leads to sign-in.</summary>
public sealed class SetUpModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, SetupState setup, IStringLocalizer<Strings> t) : PageModel
{
    [BindProperty]
    public string UserName { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty]
    public string ConfirmPassword { get; set; } = "";

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await setup.HasUsersAsync(cancellationToken) ? Redirect("/signin") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await setup.HasUsersAsync(cancellationToken))
        {
            return Redirect("/signin");
        }
        Error = UserName.Trim().Length == 0 ? t["NameRequired"].Value
            : Password.Length < 8 ? t["PasswordTooShort"].Value
            : Password != ConfirmPassword ? t["PasswordsDiffer"].Value
            : null;
        if (Error is not null)
        {
            return Page();
        }
        var admin = new AppUser { UserName = UserName.Trim(), IsAdmin = true };
        var created = await users.CreateAsync(admin, Password);
        if (!created.Succeeded)
        {
            // two first visitors at once: the second finds the name (or the server) taken
            return await setup.HasUsersAsync(cancellationToken) ? Redirect("/signin") : ErrorPage(created);
        }
        await signIn.SignInAsync(admin, isPersistent: true);
        return Redirect("/");
    }

    private PageResult ErrorPage(IdentityResult result)
    {
        Error = string.Join(" ", result.Errors.Select(e => e.Description));
        return Page();
    }
}
