using Inertia.Reader.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Inertia.Web.Reader;

/// <summary>
/// `/reader/import/{id}`: one OPML import — its progress while it runs (the script polls `?handler=progress`; without a
/// script the page refreshes itself), then its report: imported, already subscribed, and each invalid outline with its
/// line and reason. Another user's job is not found.
/// </summary>
public sealed class ImportJobPageModel(Database database, TimeProvider time) : ReaderPage(database, time)
{
    public ImportJob Job { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken);
        if (await ImportJobStore.ByIdAsync(connection, Me, id) is not { } job)
        {
            return NotFound();
        }
        Job = job;
        await LoadSidebarAsync(connection);
        return Page();
    }

    /// <summary>The job's progress as JSON, for the page's script.</summary>
    public async Task<IActionResult> OnGetProgressAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken);
        if (await ImportJobStore.ByIdAsync(connection, Me, id) is not { } job)
        {
            return NotFound();
        }
        var state = job.IsInterrupted(Now) ? "interrupted" : job.State;
        return new JsonResult(new { state, job.Done, job.Total, job.Imported, job.Already, invalid = job.Invalid.Count });
    }
}
