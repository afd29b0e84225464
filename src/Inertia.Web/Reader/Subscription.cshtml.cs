using Inertia.Reader.Storage;
using Inertia.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Inertia.Web.Reader;

/// <summary>
/// `/reader/feeds/{id}`: one of the user's subscriptions — its health in plain words, its options (title, category,
/// full content, pause), refresh now, unsubscribe. Another user's feed, or one the user does not follow, is not found.
/// </summary>
public sealed class SubscriptionModel(Database database, TimeProvider time, RefreshSignal refresh, IStringLocalizer<Strings> strings)
    : ReaderPage(database, time)
{
    public SubscriptionSettings Settings { get; private set; } = null!;
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    /// <summary>How many of the user's rules act on this feed (its own and those for all feeds).</summary>
    public int RuleCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, bool saved, CancellationToken cancellationToken)
    {
        Message = saved ? strings["Saved"].Value : null;
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(long id, string? title, long? category, string? newCategory, bool fullContent, bool paused, string? chineseVariant,
        string? mediaReferer, string? mediaUserAgent, CancellationToken cancellationToken)
    {
        await using (var connection = await Database.OpenAsync(cancellationToken))
        {
            if (await SubscriptionStore.SettingsAsync(connection, Me, id) is not { } current)
            {
                return NotFound();
            }
            var categoryId = category is > 0 ? category : null;
            if (newCategory?.Trim() is { Length: > 0 } name)
            {
                categoryId = await CategoryStore.EnsureAsync(connection, null, Me, name.Length > 100 ? name[..100] : name);
            }
            var options = new SubscriptionOptions
            {
                // an empty title, or the feed's own, means the feed's: it then follows the feed when that changes
                Title = title?.Trim() is { Length: > 0 } t && t != current.Feed.Title ? (t.Length > 200 ? t[..200] : t) : null,
                CategoryId = categoryId,
                FetchFullContent = fullContent,
                PausedAt = paused ? Now : null,
                // "user": the user's own choice; no field (no OpenCC): what was chosen before stays
                ChineseVariant = chineseVariant is null ? current.Options.ChineseVariant : chineseVariant == "user" ? null : chineseVariant,
            };
            var referer = mediaReferer?.Trim() is { Length: > 0 } r && Uri.TryCreate(r, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" ? r : null;
            await Inertia.Reader.Storage.MediaRuleStore.SetSubscriptionRuleAsync(connection, Me, id, referer, mediaUserAgent);
            if (!await SubscriptionStore.SetOptionsAsync(connection, Me, id, options, Now))
            {
                // the only way left to fail: a category id that is not the user's
                Error = strings["NoSuchCategory"].Value;
                await LoadAsync(id, cancellationToken);
                return Page();
            }
        }
        return Redirect($"/reader/feeds/{id}?saved=true");
    }

    public async Task<IActionResult> OnPostRefreshAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken);
        if (await SubscriptionStore.MakeDueAsync(connection, Me, feedId: id) == 0 && !await ReaderViews.IsSubscribedAsync(connection, Me, id))
        {
            return NotFound();
        }
        refresh.Wake();
        Message = strings["RefreshQueued"];
        await LoadAsync(id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostUnsubscribeAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken);
        return await SubscriptionStore.UnsubscribeAsync(connection, Me, id) ? Redirect("/reader/subscriptions?unsubscribed=true") : NotFound();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken);
        if (await SubscriptionStore.SettingsAsync(connection, Me, id) is not { } settings)
        {
            return false;
        }
        Settings = settings;
        await LoadSidebarAndCategoriesAsync(connection);
        RuleCount = (await EntryRuleStore.ListAsync(connection, Me)).Count(r => r.Rule.AppliesTo(id));
        return true;
    }
}
