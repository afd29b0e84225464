using System.Text.RegularExpressions;
using Inertia.Web.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Inertia.Browser.Tests;

/// <summary>Accounts in a real browser: first-run set-up, sign in and out, lockout, and a passkey made in settings that signs in alone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountTests(BrowserFixture browser)
{
    private static async Task SignInAsync(IPage page, string name, string password)
    {
        await page.GetByLabel("用户名").FillAsync(name);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
    }

    [Fact]
    public async Task First_run_creates_the_administrator_then_sign_out_and_sign_in_again()
    {
        await using var site = await SiteHost.StartAsync(refresh: false);
        var page = await browser.VisitorAsync(site.Root);
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/setup$"));
        await PageChecks.AssertAccessibleAsync(page);
        await page.GetByLabel("用户名").FillAsync("root");
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync("a long password");
        await page.GetByLabel("确认密码").FillAsync("a long password");
        await page.GetByRole(AriaRole.Button, new() { Name = "创建管理员" }).ClickAsync();
        // the administrator is signed in, on the site
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "root" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "管理" })).ToBeVisibleAsync();

        // a second visitor finds sign-in, not set-up
        var second = await browser.VisitorAsync(site.Root);
        await second.GotoAsync("/setup");
        await Expect(second).ToHaveURLAsync(new Regex("/signin$"));
        await PageChecks.AssertAccessibleAsync(second);
        await second.Context.CloseAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "root" }).ClickAsync();
        await PageChecks.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "登录" })).ToBeVisibleAsync();
        await page.GotoAsync("/reader");
        await Expect(page).ToHaveURLAsync(new Regex("/signin\\?ReturnUrl=%2Freader$"));
        await SignInAsync(page, "root", "a long password");
        await Expect(page).ToHaveURLAsync(new Regex("/reader$"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Repeated_failures_lock_the_account_and_say_so()
    {
        await using var site = await SiteHost.StartAsync(settings: new Dictionary<string, string?> { ["Accounts:MaxFailedSignIns"] = "3" }, refresh: false);
        await site.CreateUserAsync("ann", "ann-password-1");
        var page = await browser.VisitorAsync(site.Root);
        await page.GotoAsync("/signin");
        for (var i = 0; i < 2; i++)
        {
            await SignInAsync(page, "ann", "wrong");
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("用户名或密码不正确。");
        }
        await SignInAsync(page, "ann", "wrong");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("此账户已暂时锁定");
        await SignInAsync(page, "ann", "ann-password-1");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("此账户已暂时锁定");
        await PageChecks.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_passkey_added_in_settings_signs_in_without_a_password()
    {
        await using var site = await SiteHost.StartAsync(refresh: false);
        await site.CreateUserAsync("ann", "ann-password-1");
        // WebAuthn wants a domain: localhost (a secure context over http), not 127.0.0.1
        var root = new Uri($"http://localhost:{site.Root.Port}/");
        var page = await browser.VisitorAsync(root);
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        await page.GotoAsync("/signin");
        await SignInAsync(page, "ann", "ann-password-1");
        await page.GotoAsync("/account");
        await page.GetByLabel("名称").FillAsync("Test laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "添加通行密钥" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Test laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();

        await page.GotoAsync("/signin");
        await page.GetByRole(AriaRole.Button, new() { Name = "使用通行密钥登录" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/reader$"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "ann" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
