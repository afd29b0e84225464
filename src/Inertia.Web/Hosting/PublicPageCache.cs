using Microsoft.AspNetCore.OutputCaching;

namespace Inertia.Web.Hosting;

/// <summary>
/// Output caching for the public pages: the same page is served to every anonymous visitor of a language and theme for
/// `Public:CacheSeconds` (30 s; new entries and catalog changes show within that), rendered once. Signed-in visitors are never served
/// from the cache (their header differs), nor anything but a GET that answered 200.
/// </summary>
public sealed class PublicPageCache : IOutputCachePolicy
{
    public const string Name = "public";
    public const string Tag = "public";

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var anonymous = http.User.Identity?.IsAuthenticated != true;
        var seconds = http.RequestServices.GetRequiredService<Public.PublicOptions>().CacheSeconds;
        context.EnableOutputCaching = seconds > 0;
        context.AllowCacheLookup = anonymous && HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) && anonymous;
        context.AllowCacheStorage = context.AllowCacheLookup;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = TimeSpan.FromSeconds(Math.Max(1, seconds));
        context.Tags.Add(Tag);
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.VaryByValues["lang"] = Localization.Current;
        context.CacheVaryByRules.VaryByValues["theme"] = Localization.ThemeOf(http) ?? "system";
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        // a response that sets a cookie (a switch of language, a sign-in) is never shared
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.ContainsKey("Set-Cookie"))
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }
}
