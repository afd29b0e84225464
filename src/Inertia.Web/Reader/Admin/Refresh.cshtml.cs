using Inertia.Reader.Storage;
using Inertia.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Inertia.Web.Reader.Admin;

/// <summary>`/admin/refresh`: the refresh queue — how many feeds are due, being fetched, failing or stopped; the next due, those leased, those failing with their reasons; retry one now.</summary>
[Authorize(Policy = "admin")]
public sealed class RefreshModel(Database database, RefreshSignal refresh, IStringLocalizer<Strings> t, TimeProvider time) : PageModel
{
    public QueueCounts Counts { get; private set; } = new();
    public IReadOnlyList<QueuedFeed> Next { get; private set; } = [];
    public IReadOnlyList<QueuedFeed> Leased { get; private set; } = [];
    public IReadOnlyList<QueuedFeed> Failing { get; private set; } = [];
    public string? Message { get; private set; }
    public long Now => time.GetUtcNow().ToUnixTimeSeconds();

    public async Task OnGetAsync(bool retried, CancellationToken cancellationToken)
    {
        Message = retried ? t["RetryQueued"].Value : null;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRetryAsync(long feed, CancellationToken cancellationToken)
    {
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            if (!await RefreshQueue.RetryAsync(connection, feed))
            {
                return NotFound();
            }
        }
        refresh.Wake();
        return Redirect("/admin/refresh?retried=true");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        Counts = await RefreshQueue.CountsAsync(connection, Now);
        Next = await RefreshQueue.NextAsync(connection, 20);
        Leased = await RefreshQueue.LeasedAsync(connection, Now, 50);
        Failing = await RefreshQueue.FailingAsync(connection, 200);
    }
}
