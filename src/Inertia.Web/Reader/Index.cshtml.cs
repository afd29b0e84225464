using Inertia.Reader.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Inertia.Web.Reader;

/// <summary>`/reader`: one list of the signed-in user's entries (<see cref="ReaderView"/>), a page at a time by keyset.</summary>
public sealed class IndexModel(Database database, TimeProvider time) : ReaderPage(database, time)
{

    public ReaderView View { get; private set; } = new();
    public IReadOnlyList<ReaderLine> Lines { get; private set; } = [];
    /// <summary>Each line's whole content, as its article shows it, for a reader who reads whole entries in lists (else null).</summary>
    public IReadOnlyDictionary<long, string>? Contents { get; private set; }
    /// <summary>For a line whose story also came through other feeds of the user's: those copies.</summary>
    public IReadOnlyDictionary<long, IReadOnlyList<StoryCopy>> Copies { get; private set; } = new Dictionary<long, IReadOnlyList<StoryCopy>>();
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
        var size = Reading.EntriesPerPage;
        var refs = await ItemStream.RefsAsync(connection, View.Filter(Me, place, size + 1));
        var shown = refs.Take(size).ToList();
        Lines = Shown(await ReaderViews.LinesAsync(connection, Me, [.. shown.Select(r => r.Id)]));
        Copies = await StoryCopies.OfAsync(connection, Me, [.. shown.Select(r => r.Id)]);
        if (Reading.ListContent)
        {
            // as the article page shows it: in the feed's Chinese form, its media through the proxy where the reader asked
            var media = await MediaPolicyAsync(cancellationToken);
            var feeds = Lines.ToDictionary(l => l.Entry.Id, l => l.Entry.FeedId);
            // an entry retention removed between the two reads is in neither
            Contents = (await ReaderViews.ContentsAsync(connection, [.. feeds.Keys]))
                .Where(c => feeds.ContainsKey(c.Key)).ToDictionary(c => c.Key, c => media.Html(Conversion.IsAvailable ? Conversion.Html(c.Value, VariantOf(feeds[c.Key])) : c.Value, feeds[c.Key]) ?? "");
        }
        Older = refs.Count > size ? View.Link(new Keyset(shown[^1].SortAt, shown[^1].Id)) : null;
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

    /// <summary>
    /// Marks read the entries the list scrolled past (the script sends them, for a user who asked for it): ids of another
    /// user's entries mark nothing. Answers how many were marked.
    /// </summary>
    public async Task<IActionResult> OnPostSeenAsync(string? ids, CancellationToken cancellationToken)
    {
        var entries = (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => long.TryParse(t, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Where(id => id > 0).Distinct().Take(500).ToList();
        if (entries.Count == 0)
        {
            return new JsonResult(new { marked = 0 });
        }
        var results = await Database.Writes.RunAsync((c, tx) => ReadState.SetReadAsync(c, tx, Me, entries, read: true, Now), cancellationToken);
        return new JsonResult(new { marked = results.Count(r => r == MarkResult.Changed) });
    }

    /// <summary>Saves this view (a search, a date range) into the sidebar under a title; the same title again takes the new view.</summary>
    public async Task<IActionResult> OnPostSaveViewAsync(string? title, CancellationToken cancellationToken)
    {
        View = RequestedView;
        if (title?.Trim() is { Length: > 0 } name && View.IsNarrowed)
        {
            await using var connection = await Database.OpenAsync(cancellationToken);
            await SavedViewStore.SaveAsync(connection, Me, name.Length > 100 ? name[..100] : name, View.Link(), Now);
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
