using Inertia.Web.Hosting;
using Scalar.AspNetCore;

namespace Inertia.Web.Api.Miniflux;

/// <summary>
/// The interactive reference of the Miniflux REST API at <c>/api/reference</c>: Scalar's viewer on our own page, whose
/// one script is a file (Scalar's own page configures itself in an inline script, which the site's policy refuses).
/// Scalar draws with styles it inserts, so this page alone allows inline styles; scripts stay files of this site.
/// </summary>
public static class MinifluxReference
{
    public const string Path = "/api/reference";

    private const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; connect-src 'self'";

    private static readonly string s_page =
        $"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Inertia — Miniflux REST API reference</title>
        <meta name="description" content="The Miniflux REST API v1 as Inertia serves it: endpoints, parameters, replies, and requests to try.">
        <link rel="icon" href="/static/icon.svg?v={StaticAssets.Version}" type="image/svg+xml">
        </head>
        <body>
        <div id="app"></div>
        <script src="{Path}/scalar.js"></script>
        <script src="/static/api-reference.js?v={StaticAssets.Version}"></script>
        </body>
        </html>
        """;

    public static void MapMinifluxReference(this IEndpointRouteBuilder app)
    {
        // Scalar's assets (its bundle) under the path; its own page for a document is replaced by ours just below
        app.MapScalarApiReference(Path);
        foreach (var path in new[] { Path, $"{Path}/{MinifluxOpenApi.Document}" })
        {
            app.MapGet(path, (HttpContext http) =>
            {
                http.Response.Headers.ContentSecurityPolicy = Policy;
                return Results.Content(s_page, "text/html; charset=utf-8");
            }).ExcludeFromDescription();
        }
    }
}
