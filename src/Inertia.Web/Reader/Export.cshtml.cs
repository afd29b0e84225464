using Inertia.Reader.Ingest;
using Inertia.Reader.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Inertia.Web.Reader;

/// <summary>`/reader/export.opml`: the user's subscriptions as an OPML 2.0 file, by category, to download.</summary>
public sealed class ExportModel(Database database, TimeProvider time) : ReaderPage(database, time)
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken);
        var opml = await OpmlExport.BytesAsync(connection, Me, User.Identity?.Name ?? "", DateTimeOffset.FromUnixTimeSeconds(Now));
        return File(opml, "text/x-opml; charset=utf-8", "inertia-subscriptions.opml");
    }
}
