using Inertia.Reader.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Inertia.Web.Reader;

/// <summary>
/// `/reader/subscriptions`: the user's categories (create, rename, reorder, delete — their feeds then belong to none) and
/// every feed with its health, each leading to its own settings; import and export OPML from here.
/// </summary>
public sealed class SubscriptionsModel(Database database, TimeProvider time, IStringLocalizer<Strings> strings) : ReaderPage(database, time)
{
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    /// <summary>How many of the user's feeds each category holds.</summary>
    public int FeedCount(long categoryId) => Subscriptions.Count(s => s.CategoryId == categoryId);

    public async Task OnGetAsync(bool unsubscribed, CancellationToken cancellationToken)
    {
        Message = unsubscribed ? strings["Unsubscribed"].Value : null;
        await LoadAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostAddAsync(string? title, CancellationToken cancellationToken) => ChangeAsync(async connection =>
        Title(title) is not { } name ? Refused(strings["CategoryNameRequired"])
        : await CategoryStore.AddAsync(connection, Me, name) is null ? Refused(strings["CategoryTaken", name]) : Done, cancellationToken);

    public Task<IActionResult> OnPostRenameAsync(long id, string? title, CancellationToken cancellationToken) => ChangeAsync(async connection =>
        await CategoryStore.ByIdAsync(connection, Me, id) is null ? NotMine
        : Title(title) is not { } name ? Refused(strings["CategoryNameRequired"])
        : await CategoryStore.RetitleAsync(connection, Me, id, name) ? Done : Refused(strings["CategoryTaken", name]), cancellationToken);

    public Task<IActionResult> OnPostMoveAsync(long id, int by, CancellationToken cancellationToken) => ChangeAsync(async connection =>
        await CategoryStore.MoveAsync(connection, Me, id, by) ? Done : NotMine, cancellationToken);

    public Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken cancellationToken) => ChangeAsync(async connection =>
        await CategoryStore.DeleteAsync(connection, Me, id) ? Done : NotMine, cancellationToken);

    public Task<IActionResult> OnPostDeleteViewAsync(long id, CancellationToken cancellationToken) => ChangeAsync(async connection =>
        await SavedViewStore.DeleteAsync(connection, Me, id) ? Done : NotMine, cancellationToken);

    private static string? Title(string? title) => title?.Trim() is { Length: > 0 } t ? (t.Length > 100 ? t[..100] : t) : null;

    // what a change came to: made, refused with a reason, or aimed at a category that is not the user's (not found)
    private sealed record Outcome(bool Found, string? Error);

    private static readonly Outcome Done = new(true, null), NotMine = new(false, null);

    private static Outcome Refused(string error) => new(true, error);

    // a change made, the page shown again with its outcome (a plain form post: no script needed)
    private async Task<IActionResult> ChangeAsync(Func<System.Data.Common.DbConnection, Task<Outcome>> change, CancellationToken cancellationToken)
    {
        await using (var connection = await Database.OpenAsync(cancellationToken))
        {
            var outcome = await change(connection);
            if (!outcome.Found)
            {
                return NotFound();
            }
            Error = outcome.Error;
        }
        Message = Error is null ? strings["Saved"].Value : null;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private Task LoadAsync(CancellationToken cancellationToken) => LoadSidebarAndCategoriesAsync(cancellationToken);
}
