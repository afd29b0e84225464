using Inertia.Reader.Storage;

namespace Inertia.Reader.Tests;

/// <summary>What every storage test shares: the two providers, and a fresh migrated database on either.</summary>
public abstract class ProviderTest(PostgresServer postgres) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("inertia-db-").FullName;

    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    /// <summary>A new empty database (an SQLite file, or a PostgreSQL database), not yet migrated.</summary>
    protected Database NewDatabase(DatabaseProvider provider) => new(provider == DatabaseProvider.Postgres
        ? new DatabaseOptions { Provider = provider, ConnectionString = postgres.CreateDatabase() }
        : new DatabaseOptions { Provider = provider, ConnectionString = $"Data Source={Path.Combine(_directory, Guid.NewGuid() + ".db")}" });

    protected async Task<Database> NewMigratedDatabaseAsync(DatabaseProvider provider)
    {
        var db = NewDatabase(provider);
        await Migrator.MigrateAsync(db);
        return db;
    }

    /// <summary>Stores entries of a feed as one ingest does (nothing sanitized), in a transaction of its own.</summary>
    protected static async Task AddEntriesAsync(System.Data.Common.DbConnection c, long feed, params Inertia.Feeds.Model.ParsedEntry[] entries)
    {
        await using var tx = await c.BeginTransactionAsync();
        await EntryStore.UpsertAsync(c, tx, feed, entries, e => e, 2);
        await tx.CommitAsync();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        GC.SuppressFinalize(this);
    }
}
