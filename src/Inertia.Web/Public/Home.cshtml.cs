using Inertia.Reader.Storage;
using Inertia.Web.Hosting;
using Inertia.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace Inertia.Web.Public;

/// <summary>`/`: the newest articles of the recommended feeds, and the feeds by topic.</summary>
[OutputCache(PolicyName = PublicPageCache.Name)]
public sealed class HomeModel(Database database, PublicOptions options, TimeProvider time) : PublicPage(database, options, time)
{
    public const int PageSize = 30;

    public IReadOnlyList<EntryLine> Latest { get; private set; } = [];
    public string? Older { get; private set; }
    public bool IsFirstPage { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? before, CancellationToken cancellationToken)
    {
        if (!Options.Enabled)
        {
            return Redirect(User.Identity?.IsAuthenticated == true ? "/reader" : "/signin");
        }
        var from = Keyset.Parse(before);
        IsFirstPage = from is null;
        await using var connection = await Database.OpenAsync(cancellationToken);
        await LoadCatalogAsync(connection);
        Latest = await PublicSite.LatestAsync(connection, from ?? Keyset.Start, PageSize);
        Older = OlderLink("/", Latest, PageSize);
        Latest = Shown(Latest);
        if (Latest.Count > 0)
        {
            Response.Headers.LastModified = DateTimeOffset.FromUnixTimeSeconds(Latest.Max(e => e.CreatedAt)).ToString("R");
        }
        return Page();
    }
}
