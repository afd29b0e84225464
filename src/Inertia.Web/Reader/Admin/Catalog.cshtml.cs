using Inertia.Reader.Storage;
using Inertia.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Localization;

namespace Inertia.Web.Reader.Admin;

/// <summary>`/admin/catalog`: the administrator adds, removes, restores and regroups the recommended feeds, and marks feeds public.</summary>
[Authorize(Policy = "admin")]
public sealed class CatalogModel(Database database, IOutputCacheStore cache, IStringLocalizer<Strings> t, TimeProvider time) : PageModel
{
    public IReadOnlyList<CatalogStore.Entry> Entries { get; private set; } = [];
    public IReadOnlyList<(long Id, string Title)> Groups { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostAddAsync(string url, long? group, CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            Error = $"'{url}' is not an http(s) URL";
            return;
        }
        await CatalogStore.AddAsync(database, uri.AbsoluteUri, group is > 0 ? group : null, Now, cancellationToken);
    }, cancellationToken);

    public Task<IActionResult> OnPostRemoveAsync(long feed, CancellationToken cancellationToken) =>
        ChangeAsync(() => CatalogStore.RemoveAsync(database, feed, Now, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRestoreAsync(long feed, long? group, CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var url = (await CatalogStore.ListAsync(connection)).FirstOrDefault(e => e.FeedId == feed)?.Url;
        if (url is not null)
        {
            await CatalogStore.AddAsync(database, url, group is > 0 ? group : null, Now, cancellationToken);
        }
    }, cancellationToken);

    public Task<IActionResult> OnPostMoveAsync(long feed, long? group, CancellationToken cancellationToken) =>
        ChangeAsync(() => CatalogStore.MoveAsync(database, feed, group is > 0 ? group : null, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostPublicAsync(long feed, bool isPublic, CancellationToken cancellationToken) =>
        ChangeAsync(() => CatalogStore.SetPublicAsync(database, feed, isPublic, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostGroupAsync(string title, CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        if (title?.Trim() is { Length: > 0 } name)
        {
            await CatalogStore.AddGroupAsync(database, name, cancellationToken);
        }
    }, cancellationToken);

    public long Now => time.GetUtcNow().ToUnixTimeSeconds();

    // every change shows on the public pages at once: their cached copies go
    private async Task<IActionResult> ChangeAsync(Func<Task> change, CancellationToken cancellationToken)
    {
        await change();
        await cache.EvictByTagAsync(PublicPageCache.Tag, cancellationToken);
        Message ??= Error is null ? t["Saved"].Value : null;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        Entries = await CatalogStore.ListAsync(connection);
        Groups = await CatalogStore.GroupsAsync(connection);
    }
}
