using Inertia.Reader.Storage;
using Inertia.Web.Hosting;
using Inertia.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace Inertia.Web.Public;

/// <summary>`/feeds/{id}`: a public feed — its picture, names and addresses, its state, its newest articles, a subscribe button.</summary>
[OutputCache(PolicyName = PublicPageCache.Name)]
public sealed class FeedModel(Database database, PublicOptions options, TimeProvider time) : PublicPage(database, options, time)
{
    public const int PageSize = 30;

    public FeedCard Feed { get; private set; } = null!;
    public IReadOnlyList<EntryLine> Entries { get; private set; } = [];
    public string? Older { get; private set; }
    public bool IsFirstPage { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, string? before, CancellationToken cancellationToken)
    {
        if (Closed() is { } closed)
        {
            return closed;
        }
        await using var connection = await Database.OpenAsync(cancellationToken);
        if (await PublicSite.FeedAsync(connection, id) is not { } feed)
        {
            return NotFound();
        }
        Feed = Shown(feed);
        var from = Keyset.Parse(before);
        IsFirstPage = from is null;
        Entries = await PublicSite.FeedEntriesAsync(connection, id, from ?? Keyset.Start, PageSize);
        Older = OlderLink($"/feeds/{id}", Entries, PageSize);
        Entries = Shown(Entries);
        await LoadCatalogAsync(connection, id);
        if (feed.LastFetchedAt is { } fetched)
        {
            Response.Headers.LastModified = DateTimeOffset.FromUnixTimeSeconds(fetched).ToString("R");
        }
        return Page();
    }
}
