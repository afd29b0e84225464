namespace Inertia.Web.Hosting;

/// <summary>
/// The headers every response carries: a Content-Security-Policy without inline script or style (our script and
/// stylesheet are files; feed HTML is sanitized and may only show images and media, and embed the allowed players),
/// nosniff, a referrer policy that does not leak paths, and no framing by other sites.
/// </summary>
public static class SecurityHeaders
{
    public static readonly string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: http: data:; media-src 'self' https: http:; " +
        "frame-src " + string.Join(' ', Feeds.Html.VideoPlayers.Hosts.Select(h => "https://" + h)) + "; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; connect-src 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            // an endpoint may set a stricter policy of its own (icons are someone else's bytes)
            if (!headers.ContainsKey("Content-Security-Policy"))
            {
                headers.ContentSecurityPolicy = Policy;
            }
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.XFrameOptions = "DENY";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
            return Task.CompletedTask;
        });
        await next(context);
    });
}
