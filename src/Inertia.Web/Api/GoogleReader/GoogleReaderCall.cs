using System.Data.Common;
using System.Text.Json;
using Inertia.Reader.Storage;
using Microsoft.AspNetCore.Http.Features;

namespace Inertia.Web.Api.GoogleReader;

/// <summary>A request refused in the Google Reader dialect: a status and a one-line plain-text reason.</summary>
public sealed class GoogleReaderError(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>
/// One authenticated Google Reader API request: its parameters (the query's and the form body's together, as apps send
/// them either way), who it speaks for, and the edit token to hand out.
/// </summary>
public sealed class GoogleReaderCall
{
    private readonly RequestParameters _parameters;

    private GoogleReaderCall(HttpContext http, DbConnection connection, RequestParameters parameters, ApiCaller caller, string? editToken)
    {
        Http = http;
        Connection = connection;
        _parameters = parameters;
        Caller = caller;
        EditToken = editToken;
    }

    public HttpContext Http { get; }
    /// <summary>The request's connection (opened to authenticate it, open until the reply is made): reads use it, writes go through the database's writer.</summary>
    public DbConnection Connection { get; }
    public ApiCaller Caller { get; }
    /// <summary>The caller's edit token, when the request carried what it derives from (the Auth token or the token itself).</summary>
    public string? EditToken { get; }
    public Database Database => Http.RequestServices.GetRequiredService<Database>();
    public long Now => Http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds();

    /// <summary>Every value of the parameter (exact name): the query's, then the form body's.</summary>
    public IReadOnlyList<string> All(string name) => _parameters.All(name);

    /// <summary>The parameter's first value, or null.</summary>
    public string? One(string name) => _parameters.One(name);

    /// <summary>Whether the body was a form (read for the parameters) rather than something else (an OPML file).</summary>
    public bool BodyWasForm => _parameters.BodyWasForm;

    /// <summary>A whole-number parameter within bounds; absent: the default; anything else: 400.</summary>
    public long Number(string name, long fallback, long min, long max)
    {
        var text = One(name);
        if (text is null or "")
        {
            return fallback;
        }
        if (!long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            throw new GoogleReaderError(400, $"{name} must be a whole number");
        }
        return Math.Clamp(value, min, max);
    }

    /// <summary>
    /// Runs <paramref name="action"/> for an authenticated caller. Authentication is the <c>GoogleLogin auth=</c> header, or
    /// failing that <c>T</c> alone, the edit token or the Auth token (Liferea 1.14 sends its Auth token as <c>T</c> on
    /// <c>stream/items/contents</c> and <c>edit-tag</c>, with no header and without asking for an edit token). A write
    /// with a <c>T</c> that is not the caller's (edit or Auth token) is refused with <c>Google-Bad-Token: true</c>; a write with a valid header
    /// and no <c>T</c> is done, as some apps never send one (the header itself cannot be forged by another site).
    /// </summary>
    public static async Task RunAsync(HttpContext http, bool write, Func<GoogleReaderCall, Task<IResult>> action)
    {
        IResult result;
        try
        {
            result = await AuthenticatedAsync(http, write, action);
        }
        catch (GoogleReaderError e)
        {
            result = Results.Text(e.Message + "\n", "text/plain; charset=utf-8", statusCode: e.Status);
        }
        catch (InvalidDataException)
        {
            // a form body that is not one (too large, malformed)
            result = Results.Text("The parameters cannot be read (a body too large, or a NUL character)\n", "text/plain; charset=utf-8", statusCode: 400);
        }
        await result.ExecuteAsync(http);
    }

    private static async Task<IResult> AuthenticatedAsync(HttpContext http, bool write, Func<GoogleReaderCall, Task<IResult>> action)
    {
        var failures = http.RequestServices.GetRequiredService<ApiAuthFailures>();
        var address = http.Connection.RemoteIpAddress;
        if (failures.IsBlocked(address))
        {
            return Results.Text("Too many failed sign-ins; try again in a minute\n", "text/plain", statusCode: 429);
        }
        var parameters = await RequestParameters.ReadAsync(http.Request, http.RequestAborted);
        var database = http.RequestServices.GetRequiredService<Database>();
        await using var connection = await database.OpenAsync(http.RequestAborted);

        var token = Token(http, parameters);
        ApiCaller? caller = null;
        string? editToken = null;
        string? authToken = null;
        // Auth is "USERID/PASSWORD": the password finds the caller; the id must agree with it
        async Task<bool> ByAuthAsync(string auth)
        {
            var slash = auth.IndexOf('/');
            var secret = slash < 0 ? auth : auth[(slash + 1)..];
            var found = await ApiPasswordStore.BySecretAsync(connection, ApiSecret.Hash(secret));
            if (found is null || (slash >= 0 && auth[..slash] != found.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                return false;
            }
            (caller, editToken, authToken) = (found, ApiSecret.EditToken(secret), auth);
            return true;
        }
        if (AuthHeader(http) is { } header)
        {
            await ByAuthAsync(header);
        }
        else if (token is not null)
        {
            // T alone: the edit token, or — as Liferea sends it — the Auth token from ClientLogin
            caller = await ApiPasswordStore.ByEditTokenAsync(connection, ApiSecret.Hash(token));
            editToken = caller is null ? null : token;
            if (caller is null)
            {
                await ByAuthAsync(token);
            }
        }
        if (caller is null)
        {
            failures.Fail(address);
            return Results.Text("Unauthorized\n", "text/plain", statusCode: 401);
        }
        if (write && token is not null && token != editToken && token != authToken)
        {
            http.Response.Headers["Google-Bad-Token"] = "true";
            return Results.Text("Bad edit token\n", "text/plain", statusCode: 401);
        }
        await ApiPasswordStore.TouchAsync(connection, caller.PasswordId, http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds());
        return await action(new GoogleReaderCall(http, connection, parameters, caller, editToken));
    }

    // the header "Authorization: GoogleLogin auth=TOKEN"; anything else ("undefined", Basic) is no Google Reader auth
    private static string? AuthHeader(HttpContext http)
    {
        foreach (var value in http.Request.Headers.Authorization)
        {
            if (value is not null && value.StartsWith("GoogleLogin ", StringComparison.OrdinalIgnoreCase))
            {
                var rest = value["GoogleLogin ".Length..].Trim();
                if (rest.StartsWith("auth=", StringComparison.OrdinalIgnoreCase) && rest.Length > 5)
                {
                    return rest[5..].Trim();
                }
            }
        }
        return null;
    }

    // T from the query, the form or a header; trimmed, as apps may keep the token's line ending
    private static string? Token(HttpContext http, RequestParameters parameters)
    {
        var text = (parameters.One("T") is { Length: > 0 } given ? given : http.Request.Headers["T"].FirstOrDefault())?.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>JSON as the apps parse it: the property names as written, nulls left out, no escaping of CJK.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IResult Ok() => Results.Text("OK", "text/plain; charset=utf-8");

    /// <summary>The request's raw path after <paramref name="marker"/>, percent-decoded once (stream ids hold URLs, whose slashes apps escape).</summary>
    public string RawPathAfter(string marker)
    {
        var raw = Http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? Http.Request.Path.Value ?? "";
        var query = raw.IndexOf('?');
        if (query >= 0)
        {
            raw = raw[..query];
        }
        var at = raw.IndexOf(marker, StringComparison.Ordinal);
        var text = at < 0 ? "" : Uri.UnescapeDataString(raw[(at + marker.Length)..]);
        return text.Contains('\0') ? throw new GoogleReaderError(400, "The stream id holds a NUL character") : text;
    }
}
