using System.CommandLine;
using Inertia.Reader.Fetching;
using Inertia.Reader.Storage;
using Inertia.Web.Hosting;

namespace Inertia.Web.Cli;

/// <summary>
/// What an operator's command runs with: the settings, read as the server reads them (plus the command's own
/// `--Section:Key=value` tokens), validated before anything runs; the database (migrated on open) and the feed fetcher.
/// </summary>
public sealed class CommandHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private CommandHost(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddSettings(configuration);
        services.AddLogging();
        services.AddEngine();
        _services = services.BuildServiceProvider();
    }

    public IServiceProvider Services => _services;

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>The configured database, its schema brought up to date.</summary>
    public async Task<Database> OpenDatabaseAsync(CancellationToken cancellationToken)
    {
        var database = Get<Database>();
        await Migrator.MigrateAsync(database, cancellationToken);
        return database;
    }

    public FeedFetcher Fetcher => Get<FeedFetcher>();

    /// <summary>Marks a command as taking settings tokens (`--Section:Key=value`) besides its own options.</summary>
    public static T AcceptingSettings<T>(T command)
        where T : Command
    {
        command.TreatUnmatchedTokensAsErrors = false;
        return command;
    }

    /// <summary>
    /// Runs a command body with its settings, turning the failures an operator can cause into one line on stderr: exit 2
    /// for a setting that cannot be used, 1 for a database, file or network that fails.
    /// </summary>
    public static async Task<int> RunAsync(string command, ParseResult result, Func<CommandHost, Task<int>> body)
    {
        try
        {
            if (Settings.FirstUnknown(result.UnmatchedTokens) is { } unknown)
            {
                Console.Error.WriteLine($"inertia {command}: unknown argument '{unknown}' (settings are given as --Section:Key=value)");
                return 2;
            }
            await using var host = new CommandHost(Settings.Build(result.UnmatchedTokens));
            Settings.ValidateAll(host.Services);
            return await body(host);
        }
        catch (SettingsException ex)
        {
            Console.Error.WriteLine($"inertia {command}: {ex.Message}");
            return 2;
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or ArgumentException or IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException)
        {
            Console.Error.WriteLine($"inertia {command}: {Settings.Explain(ex).Message}");
            return 1;
        }
    }

    /// <summary>The id of the user with this name, or null after saying on stderr that there is none.</summary>
    public static async Task<long?> FindUserAsync(Database database, string name, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var id = await UserStore.FindAsync(connection, name);
        if (id is null)
        {
            Console.Error.WriteLine($"inertia: no user named '{name}' (add one with: inertia user add {name} --password-stdin)");
        }
        return id;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
    }
}
