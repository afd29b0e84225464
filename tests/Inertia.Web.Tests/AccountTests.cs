using System.Net;
using Inertia.Reader.Storage;
using Inertia.Reader.Tests;

namespace Inertia.Web.Tests;

/// <summary>First run, sign-in and its protections, sessions, and the administrator's users page, over HTTP on both databases.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AccountTests(PostgresServer postgres)
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private Task<SiteHost> StartAsync(DatabaseProvider provider, IReadOnlyDictionary<string, string?>? settings = null) =>
        SiteHost.StartAsync(provider, provider == DatabaseProvider.Postgres ? postgres.CreateDatabase() : null, settings, refresh: false);

    private static Uri? Location(HttpResponseMessage response) => response.Headers.Location;

    [Theory, MemberData(nameof(Providers))]
    public async Task First_visitor_creates_the_administrator_once_and_the_next_one_gets_sign_in(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider);
        var first = site.Client();
        var home = await first.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/setup", Location(home)!.OriginalString);
        var setup = await first.GetStringAsync("/setup");
        Assert.Contains("创建管理员", setup);

        var mismatch = await SiteHost.PostFormAsync(first, "/setup", [new("UserName", "root"), new("Password", "long enough 1"), new("ConfirmPassword", "long enough 2")]);
        Assert.Equal(HttpStatusCode.OK, mismatch.StatusCode);
        Assert.Contains("两次输入的密码不一致", await mismatch.Content.ReadAsStringAsync());

        var created = await SiteHost.PostFormAsync(first, "/setup", [new("UserName", "root"), new("Password", "long enough 1"), new("ConfirmPassword", "long enough 1")]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        // signed in as the administrator at once
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/admin/users")).StatusCode);

        var second = site.Client();
        var again = await second.GetAsync("/setup");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("/signin", Location(again)!.OriginalString);
        // a form posted by someone who loaded /setup before the administrator existed creates nobody
        var late = await second.PostAsync("/setup", new FormUrlEncodedContent([new("UserName", "intruder"), new("Password", "long enough 3"), new("ConfirmPassword", "long enough 3"),
            new("__RequestVerificationToken", SiteHost.FormToken(setup))]));
        Assert.NotEqual(HttpStatusCode.OK, late.StatusCode);
        await using var connection = await site.Database.OpenAsync();
        Assert.Equal(1, await UserStore.CountAsync(connection));
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/")).StatusCode);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Settings_create_the_administrator_headless(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider, new Dictionary<string, string?> { ["Admin:Name"] = "ops", ["Admin:Password"] = "from the environment" });
        var client = site.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal("/signin", Location(await client.GetAsync("/setup"))!.OriginalString);
        var signIn = await SiteHost.SignInAsync(client, "ops", "from the environment");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/users")).StatusCode);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Sign_in_sets_a_protected_session_cookie_and_sign_out_ends_it(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider);
        await site.CreateUserAsync("ann", "ann-password-1");
        var client = site.Client();
        var refused = await client.GetAsync("/reader");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/signin?ReturnUrl=%2Freader", Location(refused)!.PathAndQuery);

        var signIn = await SiteHost.SignInAsync(client, "ANN", "ann-password-1");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/reader", Location(signIn)!.OriginalString);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("inertia-session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        // served over plain http with no trusted proxy: a Secure cookie would never come back
        Assert.DoesNotContain("secure", cookie.Replace("samesite", "", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/reader")).StatusCode);

        var signOut = await SiteHost.PostFormAsync(client, "/account", [], handler: "SignOut");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/reader")).StatusCode);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Cookies_are_secure_behind_a_trusted_https_proxy_only(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider, new Dictionary<string, string?> { ["Server:TrustedProxies"] = "127.0.0.1" });
        await site.CreateUserAsync("ann", "ann-password-1");
        var (csrf, session) = await SignInThroughProxyAsync(site);
        Assert.Contains("; secure", csrf, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; secure", session, StringComparison.OrdinalIgnoreCase);

        // without a trusted proxy the header is a client's claim, and believed by nobody
        await using var untrusted = await StartAsync(provider);
        await untrusted.CreateUserAsync("ann", "ann-password-1");
        var (plainCsrf, plainSession) = await SignInThroughProxyAsync(untrusted);
        Assert.DoesNotContain("; secure", plainCsrf, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("; secure", plainSession, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Signs in as a proxy that terminates https would: X-Forwarded-Proto on every request, cookies passed back by hand.</summary>
    private static async Task<(string Csrf, string Session)> SignInThroughProxyAsync(SiteHost site)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = site.Root };
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
        var page = await client.GetAsync("/signin");
        var csrf = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("inertia-csrf=", StringComparison.Ordinal));
        using var post = new HttpRequestMessage(HttpMethod.Post, "/signin")
        {
            Content = new FormUrlEncodedContent([new("UserName", "ann"), new("Password", "ann-password-1"),
                new("__RequestVerificationToken", SiteHost.FormToken(await page.Content.ReadAsStringAsync()))]),
        };
        post.Headers.Add("Cookie", csrf.Split(';')[0]);
        var signedIn = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return (csrf, signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("inertia-session=", StringComparison.Ordinal)));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Repeated_wrong_passwords_lock_the_account_even_for_the_right_one(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider, new Dictionary<string, string?> { ["Accounts:MaxFailedSignIns"] = "3" });
        await site.CreateUserAsync("ann", "ann-password-1");
        var client = site.Client();
        for (var i = 0; i < 2; i++)
        {
            var wrong = await SiteHost.SignInAsync(client, "ann", "wrong password");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("用户名或密码不正确", await wrong.Content.ReadAsStringAsync());
        }
        var third = await SiteHost.SignInAsync(client, "ann", "wrong password");
        Assert.Contains("此账户已暂时锁定", await third.Content.ReadAsStringAsync());
        var right = await SiteHost.SignInAsync(client, "ann", "ann-password-1");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("此账户已暂时锁定", await right.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/reader")).StatusCode);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Sign_in_attempts_are_limited_per_address_and_per_account(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider, new Dictionary<string, string?>
        {
            ["Accounts:SignInsPerAddressPerMinute"] = "3",
            ["Accounts:SignInsPerAccountPerMinute"] = "100",
            ["Accounts:MaxFailedSignIns"] = "100",
        });
        await site.CreateUserAsync("ann", "ann-password-1");
        var client = site.Client();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SiteHost.SignInAsync(client, "nobody", "x")).StatusCode);
        }
        var limited = await SiteHost.SignInAsync(client, "nobody", "x");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("请求过于频繁", await limited.Content.ReadAsStringAsync());

        await using var perAccount = await StartAsync(provider, new Dictionary<string, string?>
        {
            ["Accounts:SignInsPerAddressPerMinute"] = "100",
            ["Accounts:SignInsPerAccountPerMinute"] = "2",
            ["Accounts:MaxFailedSignIns"] = "100",
        });
        await perAccount.CreateUserAsync("ann", "ann-password-1");
        var attacker = perAccount.Client();
        await SiteHost.SignInAsync(attacker, "ann", "guess 1");
        await SiteHost.SignInAsync(attacker, "ann", "guess 2");
        var third = await SiteHost.SignInAsync(attacker, "ann", "ann-password-1");
        Assert.Contains("此账户的登录尝试过于频繁", await third.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await attacker.GetAsync("/reader")).StatusCode);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Forms_without_their_antiforgery_token_are_refused(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider);
        await site.CreateUserAsync("ann", "ann-password-1");
        var client = site.Client();
        var forged = await client.PostAsync("/signin", new FormUrlEncodedContent([new("UserName", "ann"), new("Password", "ann-password-1")]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/reader")).StatusCode);
        // a token from another visitor's page does not pass either
        var otherPage = await site.Client().GetStringAsync("/signin");
        await client.GetStringAsync("/signin");
        var borrowed = await client.PostAsync("/signin", new FormUrlEncodedContent([new("UserName", "ann"), new("Password", "ann-password-1"), new("__RequestVerificationToken", SiteHost.FormToken(otherPage))]));
        Assert.Equal(HttpStatusCode.BadRequest, borrowed.StatusCode);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Administrator_creates_disables_and_resets_users_and_sessions_end(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider, new Dictionary<string, string?> { ["Accounts:SessionCheckSeconds"] = "0" });
        await site.CreateUserAsync("root", "root-password-1", admin: true);
        var admin = site.Client();
        await SiteHost.SignInAsync(admin, "root", "root-password-1");

        var added = await SiteHost.PostFormAsync(admin, "/admin/users", [new("name", "bob"), new("password", "bob-password-1")], handler: "Add");
        Assert.Contains("bob", await added.Content.ReadAsStringAsync());
        var bob = site.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await SiteHost.SignInAsync(bob, "bob", "bob-password-1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync("/reader")).StatusCode);
        // not an administrator
        var denied = await bob.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/status/403", Location(denied)!.PathAndQuery);

        long bobId;
        await using (var connection = await site.Database.OpenAsync())
        {
            bobId = (await UserStore.ByNormalizedNameAsync(connection, "BOB"))!.Id;
        }
        await SiteHost.PostFormAsync(admin, "/admin/users", [new("id", bobId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("disable", "true")], handler: "Disable");
        // the open session ends, and no new one starts
        Assert.Equal(HttpStatusCode.Redirect, (await bob.GetAsync("/reader")).StatusCode);
        var disabled = await SiteHost.SignInAsync(site.Client(), "bob", "bob-password-1");
        Assert.Contains("此账户已停用", await disabled.Content.ReadAsStringAsync());

        await SiteHost.PostFormAsync(admin, "/admin/users", [new("id", bobId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("disable", "false")], handler: "Disable");
        var bobAgain = site.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await SiteHost.SignInAsync(bobAgain, "bob", "bob-password-1")).StatusCode);
        await SiteHost.PostFormAsync(admin, "/admin/users", [new("id", bobId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("password", "bob-new-password")], handler: "Reset");
        Assert.Equal(HttpStatusCode.Redirect, (await bobAgain.GetAsync("/reader")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SiteHost.SignInAsync(site.Client(), "bob", "bob-password-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SiteHost.SignInAsync(site.Client(), "bob", "bob-new-password")).StatusCode);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Sign_in_returns_only_to_pages_of_this_site(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider);
        await site.CreateUserAsync("ann", "ann-password-1");
        foreach (var (returnUrl, expected) in new[] { ("/reader/open/5", "/reader/open/5"), ("https://evil.example/", "/reader"), ("//evil.example/", "/reader") })
        {
            var client = site.Client();
            var response = await SiteHost.PostFormAsync(client, "/signin?ReturnUrl=" + Uri.EscapeDataString(returnUrl),
                [new("UserName", "ann"), new("Password", "ann-password-1"), new("ReturnUrl", returnUrl)]);
            Assert.Equal(expected, Location(response)!.OriginalString);
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Settings_make_an_API_password_shown_once_that_apps_sign_in_with_and_revoke_it(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider);
        await site.CreateUserAsync("ann", "ann-account-password");
        var bobId = await site.CreateUserAsync("bob", "bob-account-password");
        var (_, _) = await Inertia.Web.Api.ApiPasswords.CreateAsync(site.Database, bobId, "bob", "bob's phone", 1, CancellationToken.None);
        var client = site.Client();
        await SiteHost.SignInAsync(client, "ann", "ann-account-password");
        var made = await SiteHost.PostFormAsync(client, "/account", [new("label", "Reeder")], handler: "CreateApiPassword");
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        Assert.True(made.Headers.CacheControl?.NoStore);
        var page = await made.Content.ReadAsStringAsync();
        var password = System.Text.RegularExpressions.Regex.Match(page, "<code class=\"secret\">([a-z2-7]{32})</code>").Groups[1].Value;
        Assert.Equal(32, password.Length);
        Assert.Contains("/api/greader.php", page);
        // shown once: the next visit lists its label, never the password
        var again = await client.GetStringAsync("/account");
        Assert.Contains("Reeder", again);
        Assert.DoesNotContain(password, again);

        var login = await site.Client(null).PostAsync("api/greader.php/accounts/ClientLogin", new FormUrlEncodedContent([new("Email", "ann"), new("Passwd", password)]));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);

        // revoking bob's password from ann's page does nothing; her own, at once
        await using (var connection = await site.Database.OpenAsync())
        {
            var bobs = Assert.Single(await ApiPasswordStore.ListAsync(connection, bobId));
            await SiteHost.PostFormAsync(client, "/account", [new("id", bobs.Id.ToString())], handler: "RevokeApiPassword");
            Assert.Single(await ApiPasswordStore.ListAsync(connection, bobId));
            var annId = (await UserStore.FindAsync(connection, "ann"))!.Value;
            var mine = Assert.Single(await ApiPasswordStore.ListAsync(connection, annId));
            var revoked = await SiteHost.PostFormAsync(client, "/account", [new("id", mine.Id.ToString())], handler: "RevokeApiPassword");
            Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
            Assert.Empty(await ApiPasswordStore.ListAsync(connection, annId));
        }
        var refused = await site.Client(null).PostAsync("api/greader.php/accounts/ClientLogin", new FormUrlEncodedContent([new("Email", "ann"), new("Passwd", password)]));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
