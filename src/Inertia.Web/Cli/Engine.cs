using Inertia.Reader.Fetching;
using Inertia.Reader.Storage;

namespace Inertia.Web.Cli;

/// <summary>What the operator's commands share: the configured database (migrated on open) and the feed fetcher.</summary>
public static class Engine
{
    /// <summary>Opens the database that `INERTIA__Database__*` names and brings its schema up to date.</summary>
    public static async Task<Database> OpenDatabaseAsync(CancellationToken cancellationToken)
    {
        var database = new Database(DatabaseOptions.FromEnvironment());
        await Migrator.MigrateAsync(database, cancellationToken);
        return database;
    }

    public static FetchOptions FetchOptionsFromEnvironment() => new()
    {
        AllowPrivateNetworks = string.Equals(Environment.GetEnvironmentVariable("INERTIA__Fetching__AllowPrivateNetworks"), "true", StringComparison.OrdinalIgnoreCase),
    };

    public static FeedFetcher CreateFetcher(FetchOptions options) => FetchingServices.CreateFetcher(options);

    /// <summary>The id of the user with this name, or null after saying on stderr that there is none.</summary>
    public static async Task<long?> FindUserAsync(Database database, string name, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var id = await UserStore.FindAsync(connection, name);
        if (id is null)
        {
            Console.Error.WriteLine($"inertia: no user named '{name}' (add one with: inertia user add {name} --password …)");
        }
        return id;
    }

    /// <summary>Runs a command body, turning the failures an operator can cause into a one-line message and exit 1.</summary>
    public static async Task<int> GuardAsync(string command, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or ArgumentException or IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException)
        {
            Console.Error.WriteLine($"inertia {command}: {ex.Message}");
            return 1;
        }
    }
}
