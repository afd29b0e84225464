using Inertia.Reader.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Inertia.Web.Reader;

/// <summary>`/reader/subscribe?feed={id}`: subscribe to a feed of the public site, after a confirmation (a POST).</summary>
public sealed class SubscribeModel(Database database, TimeProvider time) : ReaderPage(database, time)
{
    public FeedCard Feed { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long feed, CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken);
        if (await PublicSite.FeedAsync(connection, feed) is not { } card)
        {
            return NotFound();
        }
        if (await ReaderViews.IsSubscribedAsync(connection, Me, feed))
        {
            return Redirect("/reader");
        }
        Feed = card;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long feed, CancellationToken cancellationToken)
    {
        FeedCard? card;
        await using (var connection = await Database.OpenAsync(cancellationToken))
        {
            card = await PublicSite.FeedAsync(connection, feed);
        }
        if (card is null)
        {
            return NotFound();
        }
        await Database.Writes.RunAsync((c, tx) => SubscriptionStore.SubscribeAsync(c, tx, Me, card.Url, null, null, null, Now), cancellationToken);
        return Redirect("/reader");
    }
}
