using System.Security.Cryptography;
using Microsoft.Extensions.FileProviders;

namespace Inertia.Web.Hosting;

/// <summary>
/// The stylesheet, script and icons under /static, from wwwroot beside the program. Pages link them with `?v=` and a
/// hash of their contents, so they can be cached for a year and a new version is fetched at once.
/// </summary>
public static class StaticAssets
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "wwwroot");

    /// <summary>A short hash of every file under wwwroot, computed once.</summary>
    public static string Version { get; } = Hash();

    private static string Hash()
    {
        if (!Directory.Exists(Root))
        {
            return "0";
        }
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.GetFiles(Root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            sha.AppendData(File.ReadAllBytes(file));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..12];
    }

    public static IApplicationBuilder UseInertiaStaticFiles(this IApplicationBuilder app) => app.UseStaticFiles(new StaticFileOptions
    {
        RequestPath = "/static",
        FileProvider = new PhysicalFileProvider(Root),
        OnPrepareResponse = context =>
        {
            var versioned = context.Context.Request.Query.ContainsKey("v");
            context.Context.Response.Headers.CacheControl = versioned ? "public, max-age=31536000, immutable" : "public, max-age=3600";
        },
    });
}
