using Inertia.Reader.Storage;

namespace Inertia.Web.Reader;

/// <summary>`/reader`: the signed-in user's unread entries, newest first.</summary>
public sealed class IndexModel(Database database, TimeProvider time) : ReaderPage(database, time)
{
    public const int PageSize = 50;

    public IReadOnlyList<EntryLine> Entries { get; private set; } = [];
    public string? Older { get; private set; }

    public async Task OnGetAsync(string? before, CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken);
        await LoadSidebarAsync(connection);
        Entries = await ReaderViews.UnreadAsync(connection, Me, Keyset.Parse(before) ?? Keyset.Start, PageSize);
        Older = Entries.Count < PageSize ? null : $"/reader?before={new Keyset(Entries[^1].SortAt, Entries[^1].Id)}";
    }
}
