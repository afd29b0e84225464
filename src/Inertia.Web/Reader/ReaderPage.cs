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

    /// <summary>The list the request's address names, its days in the reader's time zone.</summary>
    protected ReaderView RequestedView => ReaderView.From(Request.Query, Hosting.DateText.ZoneFor(HttpContext));

    /// <summary>The user's categories, for pages that offer them (<see cref="LoadSidebarAndCategoriesAsync"/> loads them).</summary>
    public IReadOnlyList<Category> Categories { get; private set; } = [];

    /// <summary>How the user reads (page size, new tabs, when entries are marked read), loaded with the sidebar.</summary>
    public ReadingSettings Reading { get; private set; } = new();

    /// <summary>The user's saved views with their unread counts, loaded with the sidebar.</summary>
    public IReadOnlyList<SavedViewLine> SavedViews { get; private set; } = [];

    /// <summary>The sidebar, with <paramref name="current"/> open.</summary>
    public SidebarView Sidebar(ReaderView? current) => new(Subscriptions, current, SavedViews);

    protected async Task LoadSidebarAsync(System.Data.Common.DbConnection connection)
    {
        Subscriptions = await ReaderViews.SubscriptionsAsync(connection, Me);
        Reading = await UserStore.ReadingAsync(connection, Me);
        var saved = await SavedViewStore.ListAsync(connection, Me);
        var lines = new List<SavedViewLine>(saved.Count);
        foreach (var view in saved)
        {
            // what of the view is unread, whichever list it shows
            var filter = ReaderView.FromAddress(view.Address, Hosting.DateText.ZoneFor(HttpContext)).Filter(Me, null, int.MaxValue) with { Read = false };
            lines.Add(new SavedViewLine(view, await ItemStream.CountAsync(connection, filter)));
        }
        SavedViews = lines;
    }

    protected async Task LoadSidebarAndCategoriesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken);
        await LoadSidebarAsync(connection);
        Categories = await CategoryStore.ListAsync(connection, Me);
    }

    public long UnreadTotal => Subscriptions.Sum(s => s.UnreadCount);
}
