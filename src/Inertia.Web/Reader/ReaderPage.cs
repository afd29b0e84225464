using Inertia.Reader.Chinese;
using Inertia.Reader.Storage;
using Inertia.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inertia.Web.Reader;

/// <summary>What the reader's pages share: the signed-in user and their subscriptions for the sidebar.</summary>
[Authorize]
public abstract class ReaderPage(Database database, TimeProvider time) : PageModel
{
    public IReadOnlyList<SubscriptionLine> Subscriptions { get; private set; } = [];

    protected Database Database => database;

    /// <summary>The signed-in user's id ([Authorize] guarantees one).</summary>
    protected long Me => User.UserId() ?? throw new InvalidOperationException("no user signed in");

    protected long Now => time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>Now, for the views that say how long ago something was.</summary>
    public long Clock => Now;

    /// <summary>The list the request's address names, its days in the reader's time zone.</summary>
    protected ReaderView RequestedView => ReaderView.From(Request.Query, Hosting.DateText.ZoneFor(HttpContext));

    /// <summary>The user's categories, for pages that offer them (LoadSidebarAndCategoriesAsync loads them).</summary>
    public IReadOnlyList<Category> Categories { get; private set; } = [];

    /// <summary>How the user reads (page size, new tabs, when entries are marked read), loaded with the sidebar.</summary>
    public ReadingSettings Reading { get; private set; } = new();

    /// <summary>The user's saved views with their unread counts, loaded with the sidebar.</summary>
    public IReadOnlyList<SavedViewLine> SavedViews { get; private set; } = [];

    /// <summary>The sidebar, with <paramref name="current"/> open.</summary>
    public SidebarView Sidebar(ReaderView? current) => new(Subscriptions, current, SavedViews);

    private bool _readingLoaded;

    /// <summary>The user's reading settings, read once per request however many steps ask.</summary>
    protected async Task<ReadingSettings> LoadReadingAsync(System.Data.Common.DbConnection connection)
    {
        if (!_readingLoaded)
        {
            Reading = await UserStore.ReadingAsync(connection, Me);
            _readingLoaded = true;
        }
        return Reading;
    }

    /// <summary>
    /// The sidebar's subscriptions, reading settings and saved views; a saved view's unread count (a query each) only where
    /// <paramref name="countSavedViews"/>: the list pages, not an article.
    /// </summary>
    protected async Task LoadSidebarAsync(System.Data.Common.DbConnection connection, bool countSavedViews = true)
    {
        Subscriptions = await ReaderViews.SubscriptionsAsync(connection, Me);
        _byFeed = null;
        await LoadReadingAsync(connection);
        if (Conversion.IsAvailable)
        {
            // the sidebar's feed names in the form each feed is read in, as its entries are
            Subscriptions = [.. Subscriptions.Select(s => s.Title is null ? s : s with { Title = Conversion.Text(s.Title, VariantOf(s.FeedId)) })];
            _byFeed = null;
        }
        var saved = await SavedViewStore.ListAsync(connection, Me);
        var lines = new List<SavedViewLine>(saved.Count);
        foreach (var view in saved)
        {
            lines.Add(new SavedViewLine(view, countSavedViews ? await UnreadInAsync(connection, view) : 0));
        }
        SavedViews = lines;
    }

    // what of a saved view is unread, whichever list it shows
    private Task<long> UnreadInAsync(System.Data.Common.DbConnection connection, SavedView view) =>
        ItemStream.CountAsync(connection, ReaderView.FromAddress(view.Address, Hosting.DateText.ZoneFor(HttpContext)).Filter(Me, null, int.MaxValue) with { Read = false });

    protected async Task LoadSidebarAndCategoriesAsync(System.Data.Common.DbConnection connection)
    {
        await LoadSidebarAsync(connection);
        Categories = await CategoryStore.ListAsync(connection, Me);
    }

    protected async Task LoadSidebarAndCategoriesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken);
        await LoadSidebarAndCategoriesAsync(connection);
    }

    public long UnreadTotal => Subscriptions.Sum(s => s.UnreadCount);

    /// <summary>The Simplified/Traditional converter (it says whether OpenCC is there).</summary>
    public ChineseConversion Conversion => HttpContext.RequestServices.GetRequiredService<ChineseConversion>();

    /// <summary>The form a feed's Chinese is shown in: the subscription's choice, else the user's (after the sidebar is loaded).</summary>
    public ChineseVariant VariantOf(long feedId) =>
        ChineseVariants.Parse(SubscriptionOf(feedId)?.ChineseVariant ?? Reading.ChineseVariant);

    private Dictionary<long, SubscriptionLine>? _byFeed;

    // a list page asks after every line's feed: by id, not by walking hundreds of subscriptions each time
    private SubscriptionLine? SubscriptionOf(long feedId) =>
        (_byFeed ??= Subscriptions.GroupBy(s => s.FeedId).ToDictionary(g => g.Key, g => g.First())).GetValueOrDefault(feedId);

    /// <summary>The lang attribute of a text of a feed's entry as shown (the Chinese form it is converted to, else the feed's language).</summary>
    public string? LangOf(long feedId, string? text) =>
        Web.Chinese.ChineseShown.Lang(Conversion.IsAvailable ? VariantOf(feedId) : ChineseVariant.Original, SubscriptionOf(feedId)?.Language, text);

    /// <summary>Which media addresses of this user's entries go through the proxy (after the sidebar is loaded).</summary>
    protected Task<Web.Media.MediaPolicy> MediaPolicyAsync(CancellationToken cancellationToken)
    {
        var ruled = Subscriptions.Where(s => s.HasMediaRule).ToDictionary(s => s.FeedId, s => s.Id);
        return HttpContext.RequestServices.GetRequiredService<Web.Media.MediaProxy>()
            .PolicyAsync(Reading.ProxyMedia, ruled, cancellationToken: cancellationToken);
    }

    /// <summary>Lines in the form each one's feed is read in.</summary>
    protected IReadOnlyList<ReaderLine> Shown(IReadOnlyList<ReaderLine> lines) =>
        Conversion.IsAvailable ? [.. lines.Select(l => l with { Entry = Web.Chinese.ChineseShown.Line(Conversion, l.Entry, VariantOf(l.Entry.FeedId)) })] : lines;
}
