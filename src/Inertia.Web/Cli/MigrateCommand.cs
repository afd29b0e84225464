using System.CommandLine;
using Inertia.Reader.Storage;

namespace Inertia.Web.Cli;

/// <summary>`inertia migrate`: brings the configured database's schema up to date (the web app does the same at start-up).</summary>
public static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Apply database migrations (INERTIA__Database__Provider, INERTIA__Database__ConnectionString)");
        command.SetAction(async (_, cancellationToken) =>
        {
            DatabaseOptions options;
            try
            {
                options = DatabaseOptions.FromEnvironment();
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine($"inertia migrate: {ex.Message}");
                return 2;
            }
            await using var database = new Database(options);
            try
            {
                var applied = await Migrator.MigrateAsync(database, cancellationToken);
                var version = await Migrator.CurrentVersionAsync(database, cancellationToken);
                Console.WriteLine(applied.Count == 0
                    ? $"{database.Location}: schema is up to date (version {version})"
                    : $"{database.Location}: applied {applied.Count} migration(s), now at version {version}");
                return 0;
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or System.Net.Sockets.SocketException)
            {
                Console.Error.WriteLine($"inertia migrate: {database.Location}: {ex.Message}");
                return 1;
            }
        });
        return command;
    }
}
