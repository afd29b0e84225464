using System.CommandLine;
using Inertia.Reader.Storage;

namespace Inertia.Web.Cli;

/// <summary>`inertia migrate`: brings the configured database's schema up to date (the web app does the same at start-up).</summary>
public static class MigrateCommand
{
    public static Command Create()
    {
        var command = CommandHost.AcceptingSettings(new Command("migrate", "Apply database migrations (settings Database:Provider, Database:ConnectionString)"));
        command.SetAction((result, ct) => CommandHost.RunAsync("migrate", result, async host =>
        {
            var database = host.Get<Database>();
            var applied = await Migrator.MigrateAsync(database, ct);
            var version = await Migrator.CurrentVersionAsync(database, ct);
            Console.WriteLine(applied.Count == 0
                ? $"{database.Location}: schema is up to date (version {version})"
                : $"{database.Location}: applied {applied.Count} migration(s), now at version {version}");
            return 0;
        }));
        return command;
    }
}
