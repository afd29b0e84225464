using Inertia.Reader.Storage;

namespace Inertia.Web.Api.GoogleReader;

/// <summary>
/// <c>accounts/ClientLogin</c> (GET or POST, <c>Email</c> and <c>Passwd</c>): an API password buys the Auth token
/// <c>USERID/PASSWORD</c>, as <c>SID=</c>/<c>LSID=</c>/<c>Auth=</c> lines or, with <c>output=json</c>, JSON.
/// </summary>
public static class ClientLogin
{
    public static async Task HandleAsync(HttpContext http)
    {
        var failures = http.RequestServices.GetRequiredService<ApiAuthFailures>();
        var address = http.Connection.RemoteIpAddress;
        if (failures.IsBlocked(address))
        {
            await Results.Text("Error=TooManyRequests\n", "text/plain", statusCode: 429).ExecuteAsync(http);
            return;
        }
        RequestParameters parameters;
        try
        {
            parameters = await RequestParameters.ReadAsync(http.Request, http.RequestAborted);
        }
        catch (InvalidDataException)
        {
            await Results.Text("Error=BadRequest\n", "text/plain", statusCode: 400).ExecuteAsync(http);
            return;
        }
        string? Value(string name) => parameters.One(name);
        var email = Value("Email")?.Trim();
        var password = Value("Passwd");
        ApiCaller? caller = null;
        if (!string.IsNullOrEmpty(email) && !string.IsNullOrEmpty(password))
        {
            var database = http.RequestServices.GetRequiredService<Database>();
            await using var connection = await database.OpenAsync(http.RequestAborted);
            caller = await ApiPasswordStore.BySecretAsync(connection, ApiSecret.Hash(password));
            if (caller is not null && !string.Equals(caller.UserName, email, StringComparison.OrdinalIgnoreCase))
            {
                caller = null;
            }
        }
        if (caller is null)
        {
            failures.Fail(address);
            await Results.Text("Error=BadAuthentication\n", "text/plain", statusCode: 401).ExecuteAsync(http);
            return;
        }
        var auth = $"{caller.UserId}/{password}";
        var result = Value("output") == "json"
            ? Results.Json(new Dictionary<string, string> { ["SID"] = auth, ["LSID"] = "null", ["Auth"] = auth })
            : Results.Text($"SID={auth}\nLSID=null\nAuth={auth}\n", "text/plain; charset=utf-8");
        await result.ExecuteAsync(http);
    }
}
