using Inertia.Reader.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Inertia.Web.Reader;

/// <summary>`/reader`: one list of the signed-in user's entries (<see cref="ReaderView"/>), a page at a time by keyset.</summary>
public sealed class IndexModel(Database database, TimeProvider time) : ReaderPage(database, time)
{
    public const int PageSize = 50;

    public ReaderView View { get; private set; } = new();
    public IReadOnlyList<ReaderLine> Lines { get; private set; } = [];
    public string? Older { get; private set; }
    /// <summary>Whether this page follows another (it was reached by "older").</summary>
    public bool IsLaterPage { get; private set; }
    /// <summary>The newest unread entry when the page was made: "mark all read" goes no further.</summary>
    public long NewestUnreadId { get; private set; }
    /// <summary>The name of the feed or category shown, or null for every feed.</summary>
    public string? ScopeName { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? after, CancellationToken cancellationToken)
    {
        View = RequestedView;
        await using var connection = await Database.OpenAsync(cancellationToken);
        await LoadSidebarAsync(connection);
        if (await ScopeNameAsync(connection) is not { } scope)
        {
            return NotFound();
        }
        ScopeName = scope.Length == 0 ? null : scope;
        var place = Keyset.Parse(after);
        IsLaterPage = place is not null;
        // one more than a page: whether there is an older page, without counting
        var refs = await ItemStream.RefsAsync(connection, View.Filter(Me, place, PageSize + 1));
        var shown = refs.Take(PageSize).ToList();
        Lines = await ReaderViews.LinesAsync(connection, Me, [.. shown.Select(r => r.Id)]);
        Older = refs.Count > PageSize ? View.Link(new Keyset(shown[^1].SortAt, shown[^1].Id)) : null;
        NewestUnreadId = await ReaderViews.NewestUnreadIdAsync(connection, Me);
        return Page();
    }

    /// <summary>Marks the view's feeds read up to the newest entry the page was made with; what arrived since stays unread.</summary>
    public async Task<IActionResult> OnPostMarkAllReadAsync(long upTo, CancellationToken cancellationToken)
    {
        View = RequestedView;
        if (upTo > 0)
        {
            // a feed or category of someone else's matches none of this user's subscriptions: nothing is marked
            await ReadState.MarkAllReadAsync(Database, Me, upTo, View.FeedId, View.CategoryId, cancellationToken);
        }
        return Redirect(View.Link());
    }

    /// <summary>"" for every feed, the feed's or category's name, or null when the user has no such feed or category.</summary>
    private async Task<string?> ScopeNameAsync(System.Data.Common.DbConnection connection)
    {
        if (View.FeedId is { } feedId)
        {
            return Subscriptions.FirstOrDefault(s => s.FeedId == feedId)?.Name;
        }
        if (View.CategoryId is { } categoryId)
        {
            return (await CategoryStore.ByIdAsync(connection, Me, categoryId))?.Title;
        }
        return "";
    }
}
