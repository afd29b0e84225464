using Inertia.Reader.Storage;
using Inertia.Web.Hosting;
using Inertia.Web.Shared;
using Microsoft.Extensions.Localization;

namespace Inertia.Web.Reader;

/// <summary>
/// A user's starred entries as a feed, Atom (`/feeds/starred/{token}/atom.xml`) and JSON Feed (`…/feed.json`), at the
/// secret address made in their settings: the token is the only key, so any other token — revoked, mistyped, a
/// disabled user's — is not found. The newest 50, by entry date.
/// </summary>
public static class StarredFeeds
{
    private const int Size = 50;

    public static void MapStarredFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/feeds/starred/{token}/atom.xml", (string token, HttpContext context, Database database, ServerOptions server, IStringLocalizer<Strings> t, CancellationToken ct) =>
            AnswerAsync(token, context, database, ct, (name, articles) =>
                EntryFeeds.Atom(context, server, t["StarredOf", name], null, "/", $"/feeds/starred/{token}/atom.xml", articles, Ours)));
        app.MapGet("/feeds/starred/{token}/feed.json", (string token, HttpContext context, Database database, ServerOptions server, IStringLocalizer<Strings> t, CancellationToken ct) =>
            AnswerAsync(token, context, database, ct, (name, articles) =>
                EntryFeeds.Json(context, server, t["StarredOf", name], "/", $"/feeds/starred/{token}/feed.json", articles, Ours)));
    }

    // an entry's page in the reader: its owner, signed in, reads it there
    private static string Ours(Article article) => $"/reader/entries/{article.Id}";

    private static async Task<IResult> AnswerAsync(string token, HttpContext context, Database database, CancellationToken ct, Func<string, IReadOnlyList<Article>, IResult> write)
    {
        await using var connection = await database.OpenAsync(ct);
        if (token.Length > 100 || await UserStore.ByFeedTokenAsync(connection, token) is not { } userId || await UserStore.ByIdAsync(connection, userId) is not { } user)
        {
            return Results.NotFound();
        }
        var refs = await ItemStream.RefsAsync(connection, new StreamFilter { UserId = userId, StarredOnly = true, Limit = Size });
        var articles = new List<Article>(refs.Count);
        foreach (var r in refs)
        {
            if (await ReaderViews.EntryAsync(connection, userId, r.Id) is { } entry)
            {
                articles.Add(entry.Article);
            }
        }
        // a secret address: no shared cache keeps it, and search engines are told to leave it alone
        context.Response.Headers.CacheControl = "private, max-age=300";
        context.Response.Headers["X-Robots-Tag"] = "noindex";
        return write(user.Name, articles);
    }
}
