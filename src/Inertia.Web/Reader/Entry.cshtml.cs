using Inertia.Reader.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Inertia.Web.Reader;

/// <summary>`/reader/entries/{id}`: one entry of the user's feeds, marked read as it is opened; star it, or keep it unread.</summary>
public sealed class EntryModel(Database database, TimeProvider time) : ReaderPage(database, time)
{
    public ReaderEntry Entry { get; private set; } = null!;
    /// <summary>The list the entry was opened from (its address carries it): where back, previous and next lead.</summary>
    public ReaderView View { get; private set; } = new();
    public string? Previous { get; private set; }
    /// <summary>The entry's attachments: players for audio and video, images, links.</summary>
    public Web.Shared.EnclosureList Enclosures { get; private set; } = new([]);
    public string? Next { get; private set; }
    /// <summary>The other copies of the entry's story, in the user's other feeds.</summary>
    public IReadOnlyList<StoryCopy> Copies { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        View = RequestedView;
        await using var connection = await Database.OpenAsync(cancellationToken);
        if (await ReaderViews.EntryAsync(connection, Me, id) is not { } entry)
        {
            return NotFound();
        }
        // the entries on either side of this one in the list's order (one keyset step each way)
        var place = new Keyset(entry.Article.SortAt, entry.Article.Id);
        var next = await ItemStream.RefsAsync(connection, View.Filter(Me, place, 1));
        var previous = await ItemStream.RefsAsync(connection, (View with { OldestFirst = !View.OldestFirst }).Filter(Me, place, 1));
        Next = next.Count > 0 ? View.EntryLink(next[0].Id) : null;
        Previous = previous.Count > 0 ? View.EntryLink(previous[0].Id) : null;
        // opening marks it read (before the sidebar counts), unless the user marks by hand only
        var marks = (await LoadReadingAsync(connection)).MarkRead != ReadingSettings.Never;
        Copies = (await StoryCopies.OfAsync(connection, Me, [id])).GetValueOrDefault(id) ?? [];
        if (!entry.IsRead && marks)
        {
            await ReadState.SetReadAsync(Database, Me, id, read: true, Now, cancellationToken);
        }
        Entry = marks ? entry with { IsRead = true } : entry;
        await LoadSidebarAsync(connection, countSavedViews: false);
        var shown = Web.Chinese.ChineseShown.Article(Conversion, Entry.Article, VariantOf(entry.Article.FeedId));
        var media = await MediaPolicyAsync(cancellationToken);
        Entry = Entry with { Article = shown with { Content = media.Html(shown.Content, shown.FeedId), Summary = media.Html(shown.Summary, shown.FeedId) } };
        Enclosures = new Web.Shared.EnclosureList(Web.Shared.EnclosureList.Parse(shown.Enclosures), url => media.For(url, shown.FeedId));
        return Page();
    }

    public async Task<IActionResult> OnPostStarAsync(long id, bool starred, CancellationToken cancellationToken)
    {
        var result = await ReadState.SetStarredAsync(Database, Me, id, starred, Now, cancellationToken);
        return result == MarkResult.NotSubscribed ? NotFound() : Redirect(RequestedView.EntryLink(id));
    }

    public async Task<IActionResult> OnPostUnreadAsync(long id, CancellationToken cancellationToken)
    {
        var result = await ReadState.SetReadAsync(Database, Me, id, read: false, Now, cancellationToken);
        return result == MarkResult.NotSubscribed ? NotFound() : Redirect(RequestedView.Link());
    }
}
