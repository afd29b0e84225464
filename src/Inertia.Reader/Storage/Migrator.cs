using System.Data.Common;
using System.Reflection;
using Dapper;

namespace Inertia.Reader.Storage;

/// <summary>
/// Applies the versioned SQL scripts under Storage/Migrations/{Sqlite,Postgres} that the database has not seen yet,
/// each in its own transaction, under a lock so that several processes starting at once apply each script once.
/// </summary>
public static class Migrator
{
    private const long PostgresLockKey = 0x1_4E52_5441; // any constant shared by all Inertia processes

    /// <summary>The scripts for a provider, in version order: (version, name, SQL).</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Scripts(DatabaseProvider provider)
    {
        var assembly = typeof(Migrator).Assembly;
        var folder = provider == DatabaseProvider.Postgres ? "Postgres/" : "Sqlite/";
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(folder, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => (Version: int.Parse(n[folder.Length..].Split('_')[0], System.Globalization.CultureInfo.InvariantCulture), Name: n[folder.Length..], Sql: Read(assembly, n)))
            .OrderBy(s => s.Version)];
    }

    /// <summary>Brings the schema up to date; returns the versions applied now (empty when it already was).</summary>
    public static async Task<IReadOnlyList<int>> MigrateAsync(Database database, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var postgres = database.Provider == DatabaseProvider.Postgres;
        if (postgres)
        {
            // a session lock around the whole run: even CREATE TABLE IF NOT EXISTS races between processes on PostgreSQL
            await connection.ExecuteAsync("SELECT pg_advisory_lock(@key)", new { key = PostgresLockKey });
        }
        try
        {
            return await ApplyAsync(database, connection, cancellationToken);
        }
        finally
        {
            if (postgres)
            {
                await connection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = PostgresLockKey });
            }
        }
    }

    private static async Task<IReadOnlyList<int>> ApplyAsync(Database database, DbConnection connection, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
        var scripts = Scripts(database.Provider);
        // a schema written by a newer Inertia is left alone: this program would misread it, and a downgrade would lose data
        var newest = await connection.ExecuteScalarAsync<int?>("SELECT MAX(version) FROM schema_migrations") ?? 0;
        if (newest > scripts[^1].Version)
        {
            throw new InvalidOperationException(
                $"the database {database.Location} has schema version {newest}, newer than this program's {scripts[^1].Version}: run the newer Inertia (or restore a backup)");
        }
        var applied = new List<int>();
        foreach (var (version, name, sql) in scripts)
        {
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            // read inside the transaction (SQLite: BEGIN IMMEDIATE holds the write lock): another process may just have applied it
            var done = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations WHERE version = @version", new { version }, tx);
            if (done > 0)
            {
                await tx.RollbackAsync(cancellationToken);
                continue;
            }
            try
            {
                await connection.ExecuteAsync(sql, transaction: tx);
            }
            catch (DbException ex)
            {
                throw new InvalidOperationException($"migration {name} failed on {database.Location}: {ex.Message}", ex);
            }
            await AfterScriptAsync(database.Provider, version, connection, tx);
            await connection.ExecuteAsync("INSERT INTO schema_migrations (version, applied_at) VALUES (@version, @now)",
                new { version, now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() }, tx);
            await tx.CommitAsync(cancellationToken);
            applied.Add(version);
        }
        return applied;
    }

    // what a script cannot do in SQL, in the same transaction: SQLite's word index needs SearchTerms for what is stored
    private static async Task AfterScriptAsync(DatabaseProvider provider, int version, DbConnection connection, DbTransaction transaction)
    {
        if (provider == DatabaseProvider.Sqlite && version == 6)
        {
            await EntrySearch.IndexAllAsync(connection, transaction);
        }
        if (version == 7)
        {
            await ReadState.RecountAsync(connection, transaction);
        }
        if (version == 8)
        {
            await EntrySearch.LowercaseAllAsync(connection, transaction);
        }
        if (version == 11)
        {
            await EntrySearch.ExcerptAllAsync(connection, transaction);
        }
        if (version == 19)
        {
            await EntrySearch.AddFormsToAllAsync(provider, connection, transaction);
        }
    }

    /// <summary>The highest version applied, or 0 for an empty database.</summary>
    public static async Task<int> CurrentVersionAsync(Database database, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        try
        {
            return await connection.ExecuteScalarAsync<int?>("SELECT MAX(version) FROM schema_migrations") ?? 0;
        }
        catch (DbException)
        {
            return 0;
        }
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
