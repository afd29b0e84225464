using System.CommandLine;
using Inertia.Feeds.Charsets;
using Inertia.Feeds.Opml;
using Inertia.Feeds.Text;
using Inertia.Reader.Ingest;
using Inertia.Reader.Storage;

namespace Inertia.Web.Cli;

/// <summary>`inertia import FILE --user NAME` (prints the report) and `inertia export --user NAME` (OPML on stdout).</summary>
public static class ImportExportCommands
{
    public static Command Import()
    {
        var file = new Argument<string>("FILE") { Description = "An OPML file" };
        var user = new Option<string>("--user") { Description = "Whose subscriptions", Required = true };
        var command = CommandHost.AcceptingSettings(new Command("import", "Import subscriptions from OPML") { file, user });
        command.SetAction((result, ct) => CommandHost.RunAsync("import", result, async host =>
        {
            var bytes = await File.ReadAllBytesAsync(result.GetValue(file)!, ct);
            var text = DocumentDecoder.Decode(bytes, null, new ParseDiagnostics(null)).Text;
            var database = await host.OpenDatabaseAsync(ct);
            var userId = await CommandHost.FindUserAsync(database, result.GetValue(user)!, ct);
            if (userId is null)
            {
                return 1;
            }
            // progress on stderr, so that stdout carries only the report scripts read
            var report = await OpmlImport.RunAsync(database, userId.Value, text, afterBatch: (_, sofar) =>
            {
                Console.Error.WriteLine($"inertia import: {sofar.Imported + sofar.AlreadySubscribed} outlines stored");
                return Task.CompletedTask;
            }, cancellationToken: ct);
            Console.WriteLine(report.ToString());
            return 0;
        }));
        return command;
    }

    public static Command Export()
    {
        var user = new Option<string>("--user") { Description = "Whose subscriptions", Required = true };
        var command = CommandHost.AcceptingSettings(new Command("export", "Export subscriptions as OPML 2.0 to standard output") { user });
        command.SetAction((result, ct) => CommandHost.RunAsync("export", result, async host =>
        {
            var database = await host.OpenDatabaseAsync(ct);
            var userName = result.GetValue(user)!;
            var userId = await CommandHost.FindUserAsync(database, userName, ct);
            if (userId is null)
            {
                return 1;
            }
            byte[] opml;
            await using (var connection = await database.OpenAsync(ct))
            {
                opml = await OpmlExport.BytesAsync(connection, userId.Value, userName, DateTimeOffset.UtcNow);
            }
            await using var stdout = Console.OpenStandardOutput();
            await stdout.WriteAsync(opml, ct);
            stdout.WriteByte((byte)'\n');
            return 0;
        }));
        return command;
    }

}
