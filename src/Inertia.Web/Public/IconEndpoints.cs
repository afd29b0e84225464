using Dapper;
using Inertia.Reader.Content;
using Inertia.Reader.Storage;

namespace Inertia.Web.Public;

/// <summary>`/icons/{feedId}`: the site's stored icon, or its letter avatar as SVG when it has none.</summary>
public static class IconEndpoints
{
    public static void MapIcons(this IEndpointRouteBuilder app)
    {
        app.MapGet("/icons/{feedId:long}", async (long feedId, HttpResponse response, Database database, CancellationToken ct) =>
        {
            await using var connection = await database.OpenAsync(ct);
            var feed = await connection.QuerySingleOrDefaultAsync<(long Id, string? Title, string Url)?>(
                "SELECT id, title, url FROM feeds WHERE id = @feedId", new { feedId });
            if (feed is null)
            {
                return Results.NotFound();
            }
            // an icon is someone else's bytes: never sniffed into HTML, never allowed to run script if opened directly
            response.Headers.XContentTypeOptions = "nosniff";
            response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
            response.Headers.CacheControl = "public, max-age=86400";
            if (await IconStore.GetAsync(connection, feedId) is { } icon)
            {
                return Results.Bytes(icon.Data, icon.ContentType);
            }
            var avatar = LetterAvatar.For(feed.Value.Title ?? new Uri(feed.Value.Url).Host);
            return Results.Text(avatar.ToSvg(), "image/svg+xml");
        });
    }
}
