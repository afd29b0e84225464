using System.Data.Common;
using System.Text.Json;
using Inertia.Reader.Storage;

namespace Inertia.Web.Api.Fever;

/// <summary>
/// One Fever API request (<c>?api</c>, with <c>api_key</c> = md5("name:password") of an API password, from the query or
/// the POST body). Every reply carries <c>api_version</c> and <c>auth</c>; an authenticated one also
/// <c>last_refreshed_on_time</c>. A bad key is <c>auth: 0</c>, as Fever answered it.
/// </summary>
public sealed class FeverCall
{
    public const int ApiVersion = 3;

    private FeverCall(HttpContext http, DbConnection connection, RequestParameters parameters, ApiCaller caller)
    {
        Http = http;
        Connection = connection;
        Parameters = parameters;
        Caller = caller;
    }

    public HttpContext Http { get; }
    /// <summary>The request's connection, open until the reply is made: reads use it, marks go through the database's writer.</summary>
    public DbConnection Connection { get; }
    public RequestParameters Parameters { get; }
    public ApiCaller Caller { get; }
    public Database Database => Http.RequestServices.GetRequiredService<Database>();
    public long Now => Http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds();

    /// <summary>Whether the parameter is present (Fever's flags: <c>?api&amp;items</c>).</summary>
    public bool Has(string name) => Parameters.One(name) is not null;

    /// <summary>A whole-number parameter; absent: null; not a number: a Fever error reply (400).</summary>
    public long? Number(string name)
    {
        var text = Parameters.One(name);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        return long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value : throw new FeverError($"{name} must be a whole number");
    }

    public static readonly JsonSerializerOptions Json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task HandleAsync(HttpContext http)
    {
        var reply = new Dictionary<string, object?> { ["api_version"] = ApiVersion, ["auth"] = 0 };
        var status = StatusCodes.Status200OK;
        try
        {
            var failures = http.RequestServices.GetRequiredService<ApiAuthFailures>();
            var address = http.Connection.RemoteIpAddress;
            if (failures.IsBlocked(address))
            {
                status = StatusCodes.Status429TooManyRequests;
            }
            else
            {
                var parameters = await RequestParameters.ReadAsync(http.Request, http.RequestAborted);
                var key = parameters.One("api_key")?.Trim().ToLowerInvariant();
                await using var connection = await http.RequestServices.GetRequiredService<Database>().OpenAsync(http.RequestAborted);
                var caller = key is { Length: 32 } ? await ApiPasswordStore.ByFeverKeyAsync(connection, key) : null;
                if (caller is null)
                {
                    failures.Fail(address);
                }
                else
                {
                    await ApiPasswordStore.TouchAsync(connection, caller.PasswordId, http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds());
                    reply["auth"] = 1;
                    await FeverReplies.FillAsync(new FeverCall(http, connection, parameters, caller), reply);
                }
            }
        }
        catch (FeverError e)
        {
            status = StatusCodes.Status400BadRequest;
            reply["error"] = e.Message;
        }
        catch (InvalidDataException)
        {
            status = StatusCodes.Status400BadRequest;
            reply["error"] = "the parameters cannot be read (a body too large, or a NUL character)";
        }
        await Results.Json(reply, Json, statusCode: status).ExecuteAsync(http);
    }
}

/// <summary>A Fever request refused: the reply keeps its shape and says why in <c>error</c>.</summary>
public sealed class FeverError(string message) : Exception(message);
