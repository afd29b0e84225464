using Microsoft.Playwright;

namespace Inertia.Browser.Tests;

/// <summary>Where the tests leave their screenshots for people to look at: artifacts/screenshots/ at the repository's root (not committed).</summary>
public static class Screenshots
{
    public static string Directory { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Inertia.slnx")))
        {
            dir = dir.Parent;
        }
        var root = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "artifacts", "screenshots");
        System.IO.Directory.CreateDirectory(root);
        return root;
    }

    /// <summary>The whole page, as <paramref name="name"/>.png.</summary>
    public static Task SaveAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Directory, name + ".png"), FullPage = true });
}
