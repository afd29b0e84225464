using Inertia.Reader.Storage;

namespace Inertia.Web.Reader;

/// <summary>A saved view as the sidebar lists it: its name, address and unread entries.</summary>
public sealed record SavedViewLine(SavedView View, long UnreadCount);

/// <summary>What the reader's sidebar shows: the lists, the saved views, the categories and feeds with their unread counts, and which of them is open (null: none, as on an entry).</summary>
public sealed record SidebarView(IReadOnlyList<SubscriptionLine> Subscriptions, ReaderView? Current, IReadOnlyList<SavedViewLine>? Saved = null)
{
    public IReadOnlyList<SavedViewLine> SavedViews => Saved ?? [];

    /// <summary>Whether the list open is this saved view.</summary>
    public bool IsOpenSaved(SavedViewLine saved) => Current?.Link() == saved.View.Address;

    public long UnreadTotal => Subscriptions.Sum(s => s.UnreadCount);

    /// <summary>Whether the list open is <paramref name="show"/> of every feed (no search).</summary>
    public bool IsOpen(ReaderShow show) => Current is { FeedId: null, CategoryId: null, Query: null } c && c.Show == show;

    public bool IsOpenFeed(long feedId) => Current?.FeedId == feedId;

    public bool IsOpenCategory(long categoryId) => Current?.CategoryId == categoryId;

    /// <summary>The address of a feed's or category's list: unread, or what the open list shows.</summary>
    public string FeedLink(long feedId) => new ReaderView { Show = Show, FeedId = feedId }.Link();

    public string CategoryLink(long categoryId) => new ReaderView { Show = Show, CategoryId = categoryId }.Link();

    private ReaderShow Show => Current is { Query: null } c ? c.Show : ReaderShow.Unread;
}
