using Inertia.Reader.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Inertia.Web.Accounts;

/// <summary>`/account`: the signed-in user's language, theme and time zone, their passkeys and API passwords, and signing out.</summary>
[Authorize]
public sealed class AccountModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, IStringLocalizer<Strings> t, Database database, TimeProvider time,
    Inertia.Reader.Chinese.ChineseConversion conversion, Web.Chinese.ChineseOptions chinese) : PageModel
{
    /// <summary>Whether Simplified/Traditional conversion can be offered (OpenCC is installed).</summary>
    public Inertia.Reader.Chinese.ChineseConversion Conversion => conversion;

    /// <summary>The RSSHub instance used when the user names none.</summary>
    public string DefaultRssHub => chinese.RssHub;

    public AppUser Me { get; private set; } = null!;
    public IList<UserPasskeyInfo> Passkeys { get; private set; } = [];
    public IReadOnlyList<ApiPassword> ApiPasswords { get; private set; } = [];
    /// <summary>A password just made, shown this once (the response is not stored by any cache).</summary>
    public string? NewApiPassword { get; private set; }
    public string? Message { get; private set; }
    /// <summary>How the user reads: entries a page, links in a new tab, when entries are marked read.</summary>
    public ReadingSettings Reading { get; private set; } = new();
    /// <summary>The secret token of the user's starred feed; null when they have none.</summary>
    public string? FeedToken { get; private set; }

    /// <summary>Time zones offered: the common ones of Inertia's readers first.</summary>
    public static IReadOnlyList<string> Zones { get; } =
        ["Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Singapore", "Asia/Tokyo", "Europe/London", "Europe/Berlin", "America/New_York", "America/Los_Angeles", "UTC"];

    public async Task<IActionResult> OnGetAsync(string? done)
    {
        if (!await LoadAsync())
        {
            return Redirect("/signin");
        }
        Message = done switch
        {
            "passkey" => t["PasskeyAdded"].Value,
            "revoked" => t["ApiPasswordRevoked"].Value,
            "feed" => t["StarredFeedMade"].Value,
            "feed-revoked" => t["StarredFeedRevoked"].Value,
            null => null,
            _ => t["Saved"].Value,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostSettingsAsync(string? language, string? theme, string? timeZone)
    {
        if (!await LoadAsync())
        {
            return Redirect("/signin");
        }
        Me.Language = Hosting.Localization.LanguageOf(language);
        Me.Theme = theme is "light" or "dark" ? theme : null;
        Me.TimeZone = timeZone is { Length: > 0 } && Hosting.DateText.TryZone(timeZone) is not null ? timeZone : null;
        await users.UpdateAsync(Me);
        // the session's claims carry the settings: renewed now rather than at the next validation
        await signIn.RefreshSignInAsync(Me);
        return Redirect("/account?done=settings");
    }

    public async Task<IActionResult> OnPostRemovePasskeyAsync(string id)
    {
        if (!await LoadAsync())
        {
            return Redirect("/signin");
        }
        byte[] credential;
        try
        {
            credential = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(id);
        }
        catch (FormatException)
        {
            return BadRequest();
        }
        // a passkey of another user is not found among this user's, so nothing is removed
        await users.RemovePasskeyAsync(Me, credential);
        return Redirect("/account?done=removed");
    }

    public async Task<IActionResult> OnPostCreateApiPasswordAsync(string? label, CancellationToken cancellationToken)
    {
        if (!await LoadAsync())
        {
            return Redirect("/signin");
        }
        var text = string.IsNullOrWhiteSpace(label) ? "app" : label.Trim();
        text = text.Length > 100 ? text[..100] : text;
        (_, NewApiPassword) = await Api.ApiPasswords.CreateAsync(database, Me.Id, Me.UserName!, text, time.GetUtcNow().ToUnixTimeSeconds(), cancellationToken);
        await LoadAsync();
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    /// <summary>Sets the form of Chinese an API password's apps are served and whether their media is proxied; another user's password changes nothing.</summary>
    public async Task<IActionResult> OnPostApiPasswordOptionsAsync(long id, string? chineseVariant, bool proxyMedia, CancellationToken cancellationToken)
    {
        if (!await LoadAsync())
        {
            return Redirect("/signin");
        }
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            // without OpenCC the form has no such field: the choice made before stays
            if (chineseVariant is not null)
            {
                await ApiPasswordStore.SetChineseVariantAsync(connection, Me.Id, id, chineseVariant);
            }
            await MediaRuleStore.SetApiPasswordProxiesAllAsync(connection, Me.Id, id, proxyMedia);
        }
        return Redirect("/account?done=settings");
    }

    public async Task<IActionResult> OnPostRevokeApiPasswordAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync())
        {
            return Redirect("/signin");
        }
        // another user's id revokes nothing: the store matches on the owner too
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await ApiPasswordStore.RevokeAsync(connection, Me.Id, id);
        }
        return Redirect("/account?done=revoked");
    }

    public async Task<IActionResult> OnPostReadingAsync(int entriesPerPage, bool openInNewTab, bool listContent, string? markRead, string? chineseVariant, string? rssHub, bool proxyMedia, CancellationToken cancellationToken)
    {
        if (!await LoadAsync())
        {
            return Redirect("/signin");
        }
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await UserStore.SetReadingAsync(connection, Me.Id, new ReadingSettings
            {
                EntriesPerPage = entriesPerPage == 0 ? 50 : entriesPerPage,
                OpenInNewTab = openInNewTab,
                ListContent = listContent,
                MarkRead = markRead ?? ReadingSettings.OnOpen,
                // without OpenCC the form has no such field: the choice made before is kept for when it returns
                ChineseVariant = chineseVariant ?? Reading.ChineseVariant,
                RssHubInstance = rssHub,
                ProxyMedia = proxyMedia,
            });
        }
        return Redirect("/account?done=reading");
    }

    /// <summary>Gives the starred feed a new secret address (the old one, if any, stops answering), or takes it away.</summary>
    public async Task<IActionResult> OnPostStarredFeedAsync(bool revoke, CancellationToken cancellationToken)
    {
        if (!await LoadAsync())
        {
            return Redirect("/signin");
        }
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            var token = revoke ? null : Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
            await UserStore.SetFeedTokenAsync(connection, Me.Id, token);
        }
        return Redirect(revoke ? "/account?done=feed-revoked" : "/account?done=feed");
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await signIn.SignOutAsync();
        return Redirect("/");
    }

    private async Task<bool> LoadAsync()
    {
        if (await users.GetUserAsync(User) is not { } me)
        {
            return false;
        }
        Me = me;
        Passkeys = await users.GetPasskeysAsync(me);
        await using var connection = await database.OpenAsync();
        ApiPasswords = await ApiPasswordStore.ListAsync(connection, me.Id);
        FeedToken = await UserStore.FeedTokenAsync(connection, me.Id);
        Reading = await UserStore.ReadingAsync(connection, me.Id);
        return true;
    }
}
