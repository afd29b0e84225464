namespace Inertia.Web.Api.GoogleReader;

/// <summary><c>reader/api/0/token</c> (the edit token, bare, no line ending) and <c>reader/api/0/user-info</c>.</summary>
public static class Account
{
    public static Task TokenAsync(HttpContext http) => GoogleReaderCall.RunAsync(http, write: false, call =>
        Task.FromResult(Results.Text(call.EditToken ?? "", "text/plain; charset=utf-8")));

    public static Task UserInfoAsync(HttpContext http) => GoogleReaderCall.RunAsync(http, write: false, call =>
    {
        var id = call.Caller.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Task.FromResult(Results.Json(new UserInfo(id, call.Caller.UserName, id, ""), GoogleReaderCall.Json));
    });

    private sealed record UserInfo(string UserId, string UserName, string UserProfileId, string UserEmail);
}
