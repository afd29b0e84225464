using Inertia.Web.Hosting;
using Microsoft.AspNetCore.Identity;

namespace Inertia.Web.Accounts;

/// <summary>
/// Passkeys (WebAuthn), with .NET's Identity doing the cryptography: options for the browser, then the credential it
/// made (registration, signed in) or used (sign-in). The exchange's state travels in Identity's own short-lived cookie.
/// </summary>
public static class PasskeyEndpoints
{
    public static void MapPasskeys(this IEndpointRouteBuilder app)
    {
        var signInGroup = app.MapGroup("/signin/passkey").AddEndpointFilter<AntiforgeryFilter>().RequireRateLimiting(AccountServices.SignInLimit);
        signInGroup.MapPost("/options", async (SignInManager<AppUser> signIn) =>
            Results.Content(await signIn.MakePasskeyRequestOptionsAsync(null), "application/json"));
        signInGroup.MapPost("", async (HttpRequest request, SignInManager<AppUser> signIn, ILogger<SignInManager<AppUser>> log, string? returnUrl) =>
        {
            using var reader = new StreamReader(request.Body);
            var credential = await reader.ReadToEndAsync();
            if (await UnlessMalformed(() => signIn.PasskeySignInAsync(credential), log) is not { } result)
            {
                return NotACredential;
            }
            if (!result.Succeeded)
            {
                log.LogInformation("passkey sign-in refused from {Address}: {Outcome}", request.HttpContext.Connection.RemoteIpAddress,
                    result.IsLockedOut ? "locked out" : result.IsNotAllowed ? "disabled" : "not accepted");
                return Results.Problem("The passkey was not accepted.", statusCode: StatusCodes.Status400BadRequest);
            }
            return Results.Json(new { redirect = returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/reader" });
        });

        var accountGroup = app.MapGroup("/account/passkeys").RequireAuthorization().AddEndpointFilter<AntiforgeryFilter>();
        accountGroup.MapPost("/options", async (HttpContext context, UserManager<AppUser> users, SignInManager<AppUser> signIn) =>
        {
            var user = await users.GetUserAsync(context.User);
            if (user is null)
            {
                return Results.Unauthorized();
            }
            var options = await signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
            {
                Id = await users.GetUserIdAsync(user),
                Name = user.UserName,
                DisplayName = user.UserName,
            });
            return Results.Content(options, "application/json");
        });
        accountGroup.MapPost("", async (HttpContext context, UserManager<AppUser> users, SignInManager<AppUser> signIn, ILogger<SignInManager<AppUser>> log, string? name) =>
        {
            var user = await users.GetUserAsync(context.User);
            if (user is null)
            {
                return Results.Unauthorized();
            }
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            if (await UnlessMalformed(() => signIn.PerformPasskeyAttestationAsync(body), log) is not { } attestation)
            {
                return NotACredential;
            }
            if (!attestation.Succeeded)
            {
                return Results.Problem($"The passkey was not accepted: {attestation.Failure?.Message}", statusCode: StatusCodes.Status400BadRequest);
            }
            attestation.Passkey.Name = string.IsNullOrWhiteSpace(name) ? null : name.Trim()[..Math.Min(name.Trim().Length, 100)];
            var saved = await users.AddOrUpdatePasskeyAsync(user, attestation.Passkey);
            return saved.Succeeded ? Results.Json(new { ok = true }) : Results.Problem(string.Join(" ", saved.Errors.Select(e => e.Description)));
        });
    }

    private static readonly IResult NotACredential = Results.Problem("The request did not carry a passkey credential.", statusCode: StatusCodes.Status400BadRequest);

    // a body that is not the browser's credential JSON (or an exchange with no options asked first) makes Identity throw:
    // that is bad input, a 400, never a 500
    private static async Task<T?> UnlessMalformed<T>(Func<Task<T>> step, ILogger log) where T : class
    {
        try
        {
            return await step();
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            log.LogInformation("passkey request refused: {Reason}", e.Message);
            return null;
        }
    }
}
