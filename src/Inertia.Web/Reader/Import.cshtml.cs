using Inertia.Feeds.Charsets;
using Inertia.Feeds.Opml;
using Inertia.Feeds.Text;
using Inertia.Reader.Storage;
using Inertia.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Inertia.Web.Reader;

/// <summary>
/// `/reader/import`: upload an OPML file. It is read once to count its outlines, then imported in the background
/// (<see cref="ImportRunner"/>); the browser is sent to the job's page, which shows its progress live and its report.
/// </summary>
[RequestSizeLimit(MaxBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxBytes + 64 * 1024)]
public sealed class ImportModel(Database database, TimeProvider time, ImportRunner runner, IStringLocalizer<Strings> strings)
    : ReaderPage(database, time)
{
    // the same cap as the APIs' import: a 10,000-outline file is about 2 MB
    private const int MaxBytes = 16 * 1024 * 1024;

    public IReadOnlyList<ImportJob> Recent { get; private set; } = [];
    public string? Error { get; private set; }
    public IReadOnlyList<OpmlProblem> Problems { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            Error = strings["ImportNeedsFile"];
        }
        else if (file.Length > MaxBytes)
        {
            Error = strings["ImportTooLarge"];
        }
        else
        {
            var bytes = new byte[file.Length];
            await using (var stream = file.OpenReadStream())
            {
                await stream.ReadExactlyAsync(bytes, cancellationToken);
            }
            // an OPML file says its encoding like any XML document; the decoder honours it, else sniffs
            var text = DocumentDecoder.Decode(bytes, null, new ParseDiagnostics(null)).Text;
            var problems = new List<OpmlProblem>();
            var outlines = OpmlReader.Read(text, problems.Add).Count();
            if (outlines == 0)
            {
                Error = strings["ImportNoOutlines"];
                Problems = [.. problems.Take(20)];
            }
            else
            {
                long id;
                await using (var connection = await Database.OpenAsync(cancellationToken))
                {
                    id = await ImportJobStore.StartAsync(connection, Me, Path.GetFileName(file.FileName), outlines + problems.Count, Now);
                }
                runner.Enqueue(new ImportRequest(id, Me, text));
                return Redirect($"/reader/import/{id}");
            }
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken);
        await LoadSidebarAsync(connection);
        Recent = await ImportJobStore.RecentAsync(connection, Me);
    }
}
