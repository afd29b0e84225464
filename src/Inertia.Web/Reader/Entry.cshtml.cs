using Inertia.Reader.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Inertia.Web.Reader;

/// <summary>`/reader/entries/{id}`: one entry of the user's feeds, marked read as it is opened; star it, or keep it unread.</summary>
public sealed class EntryModel(Database database, TimeProvider time) : ReaderPage(database, time)
{
    public ReaderEntry Entry { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken);
        if (await ReaderViews.EntryAsync(connection, Me, id) is not { } entry)
        {
            return NotFound();
        }
        if (!entry.IsRead)
        {
            await ReadState.SetReadAsync(Database, Me, id, read: true, Now, cancellationToken);
        }
        Entry = entry with { IsRead = true };
        await LoadSidebarAsync(connection);
        return Page();
    }

    public async Task<IActionResult> OnPostStarAsync(long id, bool starred, CancellationToken cancellationToken)
    {
        var result = await ReadState.SetStarredAsync(Database, Me, id, starred, Now, cancellationToken);
        return result == MarkResult.NotSubscribed ? NotFound() : Redirect($"/reader/entries/{id}");
    }

    public async Task<IActionResult> OnPostUnreadAsync(long id, CancellationToken cancellationToken)
    {
        var result = await ReadState.SetReadAsync(Database, Me, id, read: false, Now, cancellationToken);
        return result == MarkResult.NotSubscribed ? NotFound() : Redirect("/reader");
    }
}
