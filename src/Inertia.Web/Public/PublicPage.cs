using Inertia.Reader.Storage;
using Inertia.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inertia.Web.Public;

/// <summary>What the public pages share: the catalog for the sidebar, the feeds by id for entry lines, and "off" when the site is.</summary>
public abstract class PublicPage(Database database, PublicOptions options, TimeProvider time) : PageModel
{
    public CatalogView Catalog { get; private set; } = new([], null, 0);

    protected Database Database => database;

    protected PublicOptions Options => options;

    public long Now => time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>With the public site off, its pages lead to the reader (or to sign-in).</summary>
    protected IActionResult? Closed() => options.Enabled ? null : NotFound();

    protected async Task LoadCatalogAsync(System.Data.Common.DbConnection connection, long? current = null) =>
        Catalog = new CatalogView(await PublicSite.CatalogAsync(connection), current, Now);

    /// <summary>The "older" link of a keyset page: after the last entry shown, when the page was full.</summary>
    protected static string? OlderLink(string path, IReadOnlyList<EntryLine> entries, int pageSize) =>
        entries.Count < pageSize ? null : $"{path}?before={new Keyset(entries[^1].SortAt, entries[^1].Id)}";
}
