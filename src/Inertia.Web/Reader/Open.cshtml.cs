using Inertia.Reader.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Inertia.Web.Reader;

/// <summary>
/// `/reader/open/{id}` (在惯性聚合中打开): after sign-in, the article in the reader; when the user does not read its feed yet,
/// a confirmation first — subscribing is a change, so it is a POST, never done by following a link.
/// </summary>
public sealed class OpenModel(Database database, TimeProvider time) : ReaderPage(database, time)
{
    public Article Article { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken);
        if (await ReaderViews.EntryAsync(connection, Me, id) is not null)
        {
            return Redirect($"/reader/entries/{id}");
        }
        // only what the public site shows can be opened from it
        if (await PublicSite.ArticleAsync(connection, id) is not { } article)
        {
            return NotFound();
        }
        Article = article;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        Article? article;
        await using (var connection = await Database.OpenAsync(cancellationToken))
        {
            article = await PublicSite.ArticleAsync(connection, id);
        }
        if (article is null)
        {
            return NotFound();
        }
        await Database.Writes.RunAsync((c, tx) => SubscriptionStore.SubscribeAsync(c, tx, Me, article.FeedUrl, null, null, null, Now), cancellationToken);
        return Redirect($"/reader/entries/{id}");
    }
}
