using System.Net;
using System.Text.Json;
using Inertia.Web.Api;

namespace Inertia.Web.Tests;

/// <summary>A Google Reader API client for the tests: an API password made for a user, ClientLogin, the edit token, calls.</summary>
public sealed class GoogleReaderClient
{
    public const string Base = "api/greader.php/";

    private GoogleReaderClient(SiteHost site, string userName, string password, string auth, string token)
    {
        Site = site;
        UserName = userName;
        Password = password;
        Auth = auth;
        Token = token;
    }

    public SiteHost Site { get; }
    public string UserName { get; }
    public string Password { get; }
    public string Auth { get; }
    public string Token { get; }

    /// <summary>A new API password for the user, then ClientLogin and token as an app does them.</summary>
    public static async Task<GoogleReaderClient> SignInAsync(SiteHost site, long userId, string userName)
    {
        var (_, password) = await ApiPasswords.CreateAsync(site.Database, userId, userName, "test app", DateTimeOffset.UtcNow.ToUnixTimeSeconds(), CancellationToken.None);
        var http = site.Client(null);
        var login = await http.PostAsync(Base + "accounts/ClientLogin", new FormUrlEncodedContent([new("Email", userName), new("Passwd", password)]));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var auth = (await login.Content.ReadAsStringAsync()).Split('\n').Single(l => l.StartsWith("Auth=", StringComparison.Ordinal))[5..];
        var request = new HttpRequestMessage(HttpMethod.Get, Base + "reader/api/0/token");
        request.Headers.TryAddWithoutValidation("Authorization", "GoogleLogin auth=" + auth);
        var token = await (await http.SendAsync(request)).Content.ReadAsStringAsync();
        return new GoogleReaderClient(site, userName, password, auth, token);
    }

    public Task<HttpResponseMessage> GetAsync(string path, bool authorized = true) => SendAsync(HttpMethod.Get, path, null, authorized);

    public Task<HttpResponseMessage> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> form, bool authorized = true) =>
        SendAsync(HttpMethod.Post, path, new FormUrlEncodedContent(form), authorized);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, bool authorized = true)
    {
        var request = new HttpRequestMessage(method, Base + path) { Content = content };
        if (authorized)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "GoogleLogin auth=" + Auth);
        }
        return await Site.Client(null).SendAsync(request);
    }

    /// <summary>GET that must answer 200 with JSON.</summary>
    public async Task<JsonElement> JsonAsync(string path)
    {
        var response = await GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>POST with the edit token that must answer "OK".</summary>
    public async Task EditAsync(string path, params (string Name, string Value)[] fields)
    {
        var response = await PostAsync(path, [.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), new("T", Token)]);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK && body == "OK", $"{path}: {(int)response.StatusCode} {body}");
    }

    /// <summary>Every id of a stream, page by page through its continuations.</summary>
    public async Task<List<long>> AllIdsAsync(string query, int pageSize)
    {
        var ids = new List<long>();
        string? continuation = null;
        do
        {
            var page = await JsonAsync($"reader/api/0/stream/items/ids?{query}&n={pageSize}" + (continuation is null ? "" : "&c=" + Uri.EscapeDataString(continuation)));
            ids.AddRange(page.GetProperty("itemRefs").EnumerateArray().Select(r => long.Parse(r.GetProperty("id").GetString()!)));
            continuation = page.TryGetProperty("continuation", out var c) ? c.GetString() : null;
        }
        while (continuation is not null);
        return ids;
    }

    /// <summary>The reading list's unread count as unread-count reports it (0 when absent).</summary>
    public async Task<long> UnreadAsync(string stream = "user/-/state/com.google/reading-list")
    {
        var counts = await JsonAsync("reader/api/0/unread-count?output=json");
        return counts.GetProperty("unreadcounts").EnumerateArray().Where(c => c.GetProperty("id").GetString() == stream)
            .Select(c => c.GetProperty("count").GetInt64()).FirstOrDefault();
    }
}
