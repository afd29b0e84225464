using Inertia.Reader.Content;
using Inertia.Reader.Storage;
using Inertia.Web.Accounts;

namespace Inertia.Web.Public;

/// <summary>`/icons/{feedId}`: the site's stored icon, or its letter avatar as SVG when it has none; only for a public feed or one of the visitor's.</summary>
public static class IconEndpoints
{
    public static void MapIcons(this IEndpointRouteBuilder app)
    {
        app.MapGet("/icons/{feedId:long}", async (long feedId, HttpContext context, Database database, CancellationToken ct) =>
        {
            await using var connection = await database.OpenAsync(ct);
            var feed = await IconStore.VisibleFeedAsync(connection, feedId, context.User.UserId());
            if (feed is null)
            {
                return Results.NotFound();
            }
            // an icon is someone else's bytes: never sniffed into HTML, never allowed to run script if opened directly
            var response = context.Response;
            response.Headers.XContentTypeOptions = "nosniff";
            response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
            // a private feed's icon is the visitor's alone
            response.Headers.CacheControl = context.User.UserId() is null ? "public, max-age=86400" : "private, max-age=86400";
            if (await IconStore.GetAsync(connection, feedId) is { } icon)
            {
                return Results.Bytes(icon.Data, icon.ContentType);
            }
            var avatar = LetterAvatar.For(feed.Value.Title ?? new Uri(feed.Value.Url).Host);
            return Results.Text(avatar.ToSvg(), "image/svg+xml");
        });
    }
}
