using System.Collections;

namespace Inertia.Reader.Storage;

/// <summary>Where the data lives: `INERTIA__Database__Provider` (sqlite, the default, or postgres) and `INERTIA__Database__ConnectionString`.</summary>
public sealed record DatabaseOptions
{
    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;
    /// <summary>Null with SQLite means a file under ./data of the working directory.</summary>
    public string? ConnectionString { get; init; }

    public static DatabaseOptions FromEnvironment(IDictionary? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariables();
        var provider = environment["INERTIA__Database__Provider"] as string;
        var connectionString = environment["INERTIA__Database__ConnectionString"] as string;
        return new DatabaseOptions
        {
            Provider = provider?.Trim().ToLowerInvariant() switch
            {
                null or "" or "sqlite" => DatabaseProvider.Sqlite,
                "postgres" or "postgresql" => DatabaseProvider.Postgres,
                var other => throw new ArgumentException($"INERTIA__Database__Provider is '{other}': use sqlite or postgres"),
            },
            ConnectionString = string.IsNullOrWhiteSpace(connectionString) ? null : connectionString,
        };
    }
}
