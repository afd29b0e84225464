using Microsoft.Playwright;

namespace Inertia.Browser.Tests;

/// <summary>One headless Chromium (Debian's, /usr/bin/chromium) for the whole run, and pages opened on it the way a visitor's would be.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"No browser for the browser tests: install Debian's chromium ({ChromiumPath}); .ci/run does");
        }
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh visitor (own cookies) on <paramref name="site"/>: language, colour scheme and viewport as given.</summary>
    public async Task<IPage> VisitorAsync(Uri site, string locale = "zh-CN", ColorScheme scheme = ColorScheme.Light, int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = site.ToString(),
            Locale = locale,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = locale },
            ColorScheme = scheme,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            IsMobile = width < 600,
            HasTouch = width < 600,
            DeviceScaleFactor = 1,
        });
        return await context.NewPageAsync();
    }

    /// <summary>Signs <paramref name="page"/> in with the password form (in Chinese, the default language) and waits for the reader.</summary>
    public static async Task SignInAsync(IPage page, string name, string password)
    {
        await page.GotoAsync("/signin");
        await page.GetByLabel("用户名").FillAsync(name);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/reader$"));
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
