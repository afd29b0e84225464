using System.Data.Common;
using System.Text;
using System.Text.Json;
using Inertia.Reader.Storage;
using Inertia.Web.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Inertia.Web.Api.Miniflux;

/// <summary>A request refused in Miniflux's words: a status and <c>{"error_message": "…"}</c>.</summary>
public sealed class MinifluxError(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>
/// One authenticated request to the Miniflux REST API: <c>X-Auth-Token</c> (an API password) or HTTP Basic with the user
/// name and an API password or the account password (checked by Identity, lockout included), as Miniflux takes them.
/// </summary>
public sealed class MinifluxCall
{
    private MinifluxCall(HttpContext http, DbConnection connection, long userId, string userName, string? chineseVariant, bool proxyMedia)
    {
        ProxyMedia = proxyMedia;
        Http = http;
        Connection = connection;
        UserId = userId;
        UserName = userName;
        ChineseVariant = chineseVariant;
    }

    /// <summary>Whether the API password asks for every image and enclosure through the media proxy.</summary>
    public bool ProxyMedia { get; }

    /// <summary>The form of Chinese the API password asks for (the account password: as written).</summary>
    public string? ChineseVariant { get; }

    public HttpContext Http { get; }
    /// <summary>The request's connection, open until the reply is made: reads use it, marks go through the database's writer.</summary>
    public DbConnection Connection { get; }
    public long UserId { get; }
    public string UserName { get; }
    public Database Database => Http.RequestServices.GetRequiredService<Database>();
    public long Now => Http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds();
    public CancellationToken Aborted => Http.RequestAborted;

    /// <summary>Miniflux's JSON: snake_case names as declared, CJK unescaped.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IResult Error(int status, string message) => Results.Json(new { error_message = message }, Json, statusCode: status);

    /// <summary>A whole-number query parameter; absent: null; anything else: 400.</summary>
    public long? Number(string name)
    {
        var text = Http.Request.Query[name].FirstOrDefault();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        return long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value : throw new MinifluxError(400, $"Invalid {name} value");
    }

    /// <summary>The JSON body as <typeparamref name="T"/>; 400 when it is none.</summary>
    public async Task<T> BodyAsync<T>()
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(Http.Request.Body, Json, Aborted) ?? throw new MinifluxError(400, "The request body is empty");
        }
        catch (JsonException)
        {
            throw new MinifluxError(400, "The request body is not valid JSON");
        }
    }

    public static async Task RunAsync(HttpContext http, Func<MinifluxCall, Task<IResult>> action)
    {
        IResult result;
        try
        {
            var failures = http.RequestServices.GetRequiredService<ApiAuthFailures>();
            var address = http.Connection.RemoteIpAddress;
            if (failures.IsBlocked(address))
            {
                result = Error(429, "Too many failed sign-ins; try again in a minute");
            }
            else
            {
                await using var connection = await http.RequestServices.GetRequiredService<Database>().OpenAsync(http.RequestAborted);
                if (await AuthenticateAsync(http, connection) is { } caller)
                {
                    result = await action(new MinifluxCall(http, connection, caller.UserId, caller.UserName, caller.ChineseVariant, caller.ProxyMedia));
                }
                else
                {
                    failures.Fail(address);
                    result = Error(401, "Access Unauthorized");
                }
            }
        }
        catch (MinifluxError e)
        {
            result = Error(e.Status, e.Message);
        }
        await result.ExecuteAsync(http);
    }

    private static async Task<(long UserId, string UserName, string? ChineseVariant, bool ProxyMedia)?> AuthenticateAsync(HttpContext http, DbConnection connection)
    {
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds();
        if (http.Request.Headers["X-Auth-Token"].FirstOrDefault() is { Length: > 0 } token)
        {
            return await ByApiPasswordAsync(connection, token.Trim(), null, now);
        }
        var header = http.Request.Headers.Authorization.FirstOrDefault();
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        }
        catch (FormatException)
        {
            return null;
        }
        var colon = decoded.IndexOf(':');
        if (colon <= 0)
        {
            return null;
        }
        var (name, password) = (decoded[..colon], decoded[(colon + 1)..]);
        if (await ByApiPasswordAsync(connection, password, name, now) is { } byApi)
        {
            return byApi;
        }
        // the account password, through Identity: lockout and disabled accounts as at the sign-in page
        var users = http.RequestServices.GetRequiredService<UserManager<AppUser>>();
        var signIn = http.RequestServices.GetRequiredService<SignInManager<AppUser>>();
        if (await users.FindByNameAsync(name) is { } user
            && (await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true)).Succeeded)
        {
            return (user.Id, user.UserName!, null, false);
        }
        return null;
    }

    private static async Task<(long, string, string?, bool)?> ByApiPasswordAsync(DbConnection connection, string secret, string? name, long now)
    {
        var caller = await ApiPasswordStore.BySecretAsync(connection, ApiSecret.Hash(secret));
        if (caller is null || (name is not null && !string.Equals(caller.UserName, name, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }
        await ApiPasswordStore.TouchAsync(connection, caller.PasswordId, now);
        return (caller.UserId, caller.UserName, caller.ChineseVariant, caller.ProxyMedia);
    }
}
