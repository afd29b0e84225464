using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Inertia.Web.Accounts;

/// <summary>Accounts the ASP.NET Core way: Identity over our tables, its cookies, lockout, passkeys; a rate limit on sign-in by address.</summary>
public static class AccountServices
{
    public const string AdminClaim = "inertia:admin";
    public const string LanguageClaim = "inertia:lang";
    public const string ThemeClaim = "inertia:theme";
    public const string TimeZoneClaim = "inertia:tz";
    public const string SignInLimit = "sign-in";

    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddIdentityCore<AppUser>()
            .AddSignInManager()
            .AddUserStore<IdentityUserStore>()
            .AddClaimsPrincipalFactory<AppClaimsFactory>()
            .AddDefaultTokenProviders();
        services.AddScoped<IPasswordHasher<AppUser>, AppPasswordHasher>();
        services.AddScoped<IUserConfirmation<AppUser>, NotDisabled>();
        services.AddOptions<IdentityOptions>().Configure<AccountOptions>((o, accounts) =>
        {
            o.Lockout.AllowedForNewUsers = true;
            o.Lockout.MaxFailedAccessAttempts = accounts.MaxFailedSignIns;
            o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(accounts.LockoutMinutes);
            o.Password.RequiredLength = 8;
            o.Password.RequireDigit = o.Password.RequireLowercase = o.Password.RequireUppercase = o.Password.RequireNonAlphanumeric = false;
            o.User.AllowedUserNameCharacters = "";
            // a disabled account is "not confirmed" (see NotDisabled)
            o.SignIn.RequireConfirmedAccount = true;
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).Configure<AccountOptions>((o, accounts) =>
        {
            o.Cookie.Name = "inertia-session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/signin";
            o.LogoutPath = "/signout";
            o.AccessDeniedPath = "/status/403";
            o.ExpireTimeSpan = TimeSpan.FromDays(accounts.SessionDays);
            o.SlidingExpiration = true;
            // API clients get a status, not a redirect to a page
            o.Events.OnRedirectToLogin = context =>
            {
                if (context.Request.Path.StartsWithSegments("/api") || context.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                }
                else
                {
                    context.Response.Redirect(context.RedirectUri);
                }
                return Task.CompletedTask;
            };
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
        {
            o.Cookie.Name = "inertia-passkey";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        // a password reset or a disabled account ends every session within SessionCheckSeconds
        services.AddOptions<SecurityStampValidatorOptions>().Configure<AccountOptions>((o, accounts) =>
            o.ValidationInterval = TimeSpan.FromSeconds(accounts.SessionCheckSeconds));
        services.AddSingleton<AccountSignInLimit>();
        services.AddSingleton<Api.ApiAuthFailures>();
        services.AddAuthorizationBuilder()
            .AddPolicy("admin", p => p.RequireClaim(AdminClaim, "true"));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInLimit, context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("");
                }
                var limit = context.RequestServices.GetRequiredService<IOptions<AccountOptions>>().Value.SignInsPerAddressPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
        });
        return services;
    }

    /// <summary>The user's id from the session, or null when nobody is signed in.</summary>
    public static long? UserId(this ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true && long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static bool IsAdmin(this ClaimsPrincipal principal) => principal.HasClaim(AdminClaim, "true");

    /// <summary>A disabled account cannot sign in (Identity's "confirmed account" check).</summary>
    private sealed class NotDisabled : IUserConfirmation<AppUser>
    {
        public Task<bool> IsConfirmedAsync(UserManager<AppUser> manager, AppUser user) => Task.FromResult(!user.IsDisabled);
    }
}

/// <summary>The session's claims: who, whether an administrator, and the settings every page needs (language, theme, time zone).</summary>
public sealed class AppClaimsFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options) : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AccountServices.AdminClaim, user.IsAdmin ? "true" : "false"));
        if (user.Language is { } language)
        {
            identity.AddClaim(new Claim(AccountServices.LanguageClaim, language));
        }
        if (user.Theme is { } theme)
        {
            identity.AddClaim(new Claim(AccountServices.ThemeClaim, theme));
        }
        if (user.TimeZone is { } zone)
        {
            identity.AddClaim(new Claim(AccountServices.TimeZoneClaim, zone));
        }
        return identity;
    }
}
