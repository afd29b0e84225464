using Inertia.Feeds.Discovery;
using Inertia.Reader.Fetching;
using Inertia.Reader.Ingest;
using Inertia.Reader.Storage;
using Inertia.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Inertia.Web.Reader;

/// <summary>
/// `/reader/add`: subscribe by a feed's or a site's address. A feed is subscribed to at once (and fetched soon); a page
/// that offers feeds has them listed to choose from; anything else is said in plain words, and nothing is stored.
/// </summary>
public sealed class AddModel(Database database, TimeProvider time, FeedFetcher fetcher, RefreshSignal refresh, IStringLocalizer<Strings> strings)
    : ReaderPage(database, time)
{
    public IReadOnlyList<DiscoveredFeed> Candidates { get; private set; } = [];
    public string? Error { get; private set; }
    public string? Address { get; private set; }
    public string? Category { get; private set; }

    /// <summary>The form, filled in with <paramref name="url"/> when a subscribe link brought the user here (nothing subscribed yet).</summary>
    public async Task OnGetAsync(string? url, CancellationToken cancellationToken)
    {
        Address = url?.Trim() is { Length: > 0 and <= 2048 } u ? u : null;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(string? url, string? category, CancellationToken cancellationToken)
    {
        Address = url?.Trim();
        if (Address is not null && Address.StartsWith("rsshub:", StringComparison.OrdinalIgnoreCase))
        {
            await using var connection = await Database.OpenAsync(cancellationToken);
            var instance = (await LoadReadingAsync(connection)).RssHubInstance ?? HttpContext.RequestServices.GetRequiredService<Chinese.ChineseOptions>().RssHub;
            Address = Inertia.Feeds.Urls.RssHubAddress.Expand(Address, instance);
        }
        Category = string.IsNullOrWhiteSpace(category) ? null : category.Trim();
        if (Category is { Length: > 100 })
        {
            Category = Category[..100];
        }
        if (!Uri.TryCreate(Address, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            Error = strings["AddNeedsAddress"];
            await LoadAsync(cancellationToken);
            return Page();
        }
        var found = await AddSubscription.LookUpAsync(fetcher, address.AbsoluteUri, cancellationToken);
        if (found is { Feed: { } feed, FeedUrl: { } feedUrl })
        {
            await Database.Writes.RunAsync((c, tx) => SubscriptionStore.SubscribeAsync(c, tx, Me, feedUrl, Category, null, feed.SiteUrl, Now), cancellationToken);
            long? feedId;
            await using (var connection = await Database.OpenAsync(cancellationToken))
            {
                feedId = await SubscriptionStore.FeedByUrlAsync(connection, Me, feedUrl);
            }
            // its entries come with the next refresh pass, woken now rather than at the next poll
            refresh.Wake();
            return Redirect(feedId is { } id ? new ReaderView { FeedId = id }.Link() : "/reader");
        }
        Candidates = [.. found.Candidates.Where(c => Uri.TryCreate(c.Url, UriKind.Absolute, out _)).Take(20)];
        Error = Candidates.Count > 0 ? null : found.Error ?? strings["AddFoundNoFeed"];
        await LoadAsync(cancellationToken);
        return Page();
    }

    private Task LoadAsync(CancellationToken cancellationToken) => LoadSidebarAndCategoriesAsync(cancellationToken);
}
