using System.Text.Json;
using Inertia.Reader.Storage;
using Inertia.Web.Hosting;
using Inertia.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace Inertia.Web.Public;

/// <summary>`/articles/{id}`: one article of a public feed in full, as the seed page shows it.</summary>
[OutputCache(PolicyName = PublicPageCache.Name)]
public sealed class ArticleModel(Database database, PublicOptions options, TimeProvider time) : PublicPage(database, options, time)
{
    public Article Article { get; private set; } = null!;
    public FeedCard? Feed { get; private set; }
    public IReadOnlyList<EntryLine> MoreFromFeed { get; private set; } = [];
    public EnclosureList Enclosures { get; private set; } = new([]);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (Closed() is { } closed)
        {
            return closed;
        }
        await using var connection = await Database.OpenAsync(cancellationToken);
        if (await PublicSite.ArticleAsync(connection, id) is not { } article)
        {
            return NotFound();
        }
        var shown = Shown(article);
        // hosts that refuse hotlinking get their images through the proxy (a visitor's own privacy is the reader's setting)
        var media = await HttpContext.RequestServices.GetRequiredService<Media.MediaProxy>().PolicyAsync(all: false, cancellationToken: cancellationToken);
        Article = shown with { Content = media.Html(shown.Content, shown.FeedId), Summary = media.Html(shown.Summary, shown.FeedId) };
        await LoadCatalogAsync(connection, article.FeedId);
        Feed = Catalog.ById.GetValueOrDefault(article.FeedId) ?? (await PublicSite.FeedAsync(connection, article.FeedId) is { } card ? Shown(card) : null);
        MoreFromFeed = Shown([.. (await PublicSite.FeedEntriesAsync(connection, article.FeedId, Keyset.Start, 21)).Where(e => e.Id != id).Take(20)]);
        Enclosures = new EnclosureList(EnclosureList.Parse(article.Enclosures), url => media.For(url, article.FeedId));
        Response.Headers.LastModified = DateTimeOffset.FromUnixTimeSeconds(article.CreatedAt).ToString("R");
        return Page();
    }


    /// <summary>schema.org Article for search engines.</summary>
    public IReadOnlyDictionary<string, object?> JsonLd(string pageUrl, string? original, string feedName)
    {
        return new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Article",
            ["headline"] = Article.Title,
            ["url"] = pageUrl,
            ["mainEntityOfPage"] = original ?? pageUrl,
            ["datePublished"] = DateText.Iso(Article.PublishedAt ?? Article.SortAt),
            ["dateModified"] = Article.UpdatedAt is { } updated ? DateText.Iso(updated) : null,
            ["author"] = Article.Author is { } author ? new Dictionary<string, string> { ["@type"] = "Person", ["name"] = author } : null,
            ["publisher"] = new Dictionary<string, string> { ["@type"] = "Organization", ["name"] = feedName },
            ["image"] = SafeUrl.Http(Article.ImageUrl),
        };
    }
}
