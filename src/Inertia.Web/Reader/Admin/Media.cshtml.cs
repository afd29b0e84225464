using Inertia.Reader.Storage;
using Inertia.Web.Media;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inertia.Web.Reader.Admin;

/// <summary>`/admin/media`: the media proxy's request rules per image host — the built-in ones, and the administrator's own (add, replace, remove).</summary>
[Authorize(Policy = "admin")]
public sealed class MediaModel(Database database, MediaProxy proxy, TimeProvider time) : PageModel
{
    public IReadOnlyList<MediaRule> Rules { get; private set; } = [];
    public IReadOnlyList<MediaRule> BuiltIn => HotlinkRules.Defaults;
    public bool Enabled => proxy.Options.Enabled;
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(string? host, string? referer, string? userAgent, CancellationToken cancellationToken)
    {
        var name = host?.Trim().TrimStart('.').ToLowerInvariant() ?? "";
        // a host name, not an address: letters, digits, dots and dashes
        if (name.Length is 0 or > 253 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-') || Uri.CheckHostName(name) == UriHostNameType.Unknown)
        {
            Error = "host";
            await LoadAsync(cancellationToken);
            return Page();
        }
        if (referer is { Length: > 0 } && !(Uri.TryCreate(referer.Trim(), UriKind.Absolute, out var r) && r.Scheme is "http" or "https"))
        {
            Error = "referer";
            await LoadAsync(cancellationToken);
            return Page();
        }
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await MediaRuleStore.SetAsync(connection, name, referer, userAgent, time.GetUtcNow().ToUnixTimeSeconds());
        }
        proxy.Forget();
        return Redirect("/admin/media");
    }

    public async Task<IActionResult> OnPostRemoveAsync(long id, CancellationToken cancellationToken)
    {
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await MediaRuleStore.RemoveAsync(connection, id);
        }
        proxy.Forget();
        return Redirect("/admin/media");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        Rules = await MediaRuleStore.ListAsync(connection);
    }
}
