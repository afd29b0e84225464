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
        Catalog = new CatalogView(Chinese.ChineseShown.Catalog(Conversion, await PublicSite.CatalogAsync(connection), Hosting.Localization.Variant), current, Now);

    /// <summary>A feed's name and description in the visitor's script.</summary>
    protected FeedCard Shown(FeedCard feed) => Chinese.ChineseShown.Feed(Conversion, feed, Hosting.Localization.Variant);

    /// <summary>The Simplified/Traditional converter.</summary>
    protected Inertia.Reader.Chinese.ChineseConversion Conversion => HttpContext.RequestServices.GetRequiredService<Inertia.Reader.Chinese.ChineseConversion>();

    /// <summary>Lines in the visitor's script: Simplified for 简体中文, Taiwan Traditional for 繁體中文, as written in English.</summary>
    protected IReadOnlyList<EntryLine> Shown(IReadOnlyList<EntryLine> lines) =>
        Hosting.Localization.Variant is var v && v != Inertia.Reader.Chinese.ChineseVariant.Original && Conversion.IsAvailable
            ? [.. lines.Select(l => Chinese.ChineseShown.Line(Conversion, l, v))] : lines;

    /// <summary>An article in the visitor's script.</summary>
    protected Article Shown(Article article) => Chinese.ChineseShown.Article(Conversion, article, Hosting.Localization.Variant);

    /// <summary>The lang attribute of a text shown converted (null when it is shown as written: the page's own language stands).</summary>
    public string? ShownLang(string? text) =>
        Conversion.IsAvailable ? Chinese.ChineseShown.Lang(Hosting.Localization.Variant, null, text) : null;

    /// <summary>The "older" link of a keyset page: after the last entry shown, when the page was full.</summary>
    protected static string? OlderLink(string path, IReadOnlyList<EntryLine> entries, int pageSize) =>
        entries.Count < pageSize ? null : $"{path}?before={new Keyset(entries[^1].SortAt, entries[^1].Id)}";
}
