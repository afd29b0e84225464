using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Inertia.Reader.Storage;

/// <summary>Opens connections to the configured database, each set up the way Inertia needs it (SQLite: WAL, busy timeout, foreign keys).</summary>
public sealed class Database : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly string? _sqlite;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private Task _checkpoint = Task.CompletedTask;
    private int _checkpointing;
    private long _lastCheckpoint;

    public Database(DatabaseOptions options)
    {
        Provider = options.Provider;
        if (Provider == DatabaseProvider.Postgres)
        {
            if (options.ConnectionString is null)
            {
                throw new ArgumentException("INERTIA__Database__ConnectionString is required with the postgres provider");
            }
            // per request: no DISCARD ALL round trip when a connection goes back to the pool (Inertia keeps no session
            // state outside transactions), and the statements it repeats parsed and planned once per connection
            var tuned = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            if (!options.ConnectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
            {
                tuned.NoResetOnClose = true;
            }
            if (tuned.MaxAutoPrepare == 0)
            {
                tuned.MaxAutoPrepare = 64;
            }
            _postgres = NpgsqlDataSource.Create(tuned.ConnectionString);
            Location = new NpgsqlConnectionStringBuilder(options.ConnectionString) is var b ? $"postgres://{b.Host}:{b.Port}/{b.Database}" : "postgres";
        }
        else
        {
            var builder = new SqliteConnectionStringBuilder(options.ConnectionString ?? $"Data Source={Path.Combine("data", "inertia.db")}");
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (directory is not null && builder.Mode != SqliteOpenMode.Memory)
            {
                Directory.CreateDirectory(directory);
            }
            builder.ForeignKeys = true;
            builder.DefaultTimeout = 30;
            _sqlite = builder.ToString();
            Location = Path.GetFullPath(builder.DataSource);
        }
        Writes = new GroupCommit(this);
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> s_configured = [];
    private static readonly object s_configuredMark = new();

    public DatabaseProvider Provider { get; }
    /// <summary>Where writes from many tasks are batched into one transaction each.</summary>
    public GroupCommit Writes { get; }
    /// <summary>Where the data is, for messages (no password).</summary>
    public string Location { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken);
        }
        var connection = new SqliteConnection(_sqlite);
        await connection.OpenAsync(cancellationToken);
        // the settings below belong to the native connection, which the pool keeps between opens: set once per native
        // connection, not on every open (setting the memory map again cost each API request a remapping)
        if (connection.Handle is not { } handle || s_configured.TryGetValue(handle, out _))
        {
            return connection;
        }
        await using var pragma = connection.CreateCommand();
        // WAL lets readers run beside the one writer; NORMAL sync is safe with WAL and much faster. No connection checkpoints
        // by itself: a checkpoint waits for the disk, and inside a commit it stalls every writer queued behind it (see CheckpointSoon).
        // Reads through a memory map (as far as SQLite's build allows, 2 GB) and a 32 MB page cache: with SQLite's 2 MB
        // default, a page of 10,000 unread ids read its index through system calls every time (docs/benchmarks.md, "Client APIs")
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA wal_autocheckpoint=0; PRAGMA mmap_size=8589934592; PRAGMA cache_size=-32768;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        s_configured.AddOrUpdate(handle, s_configuredMark);
        return connection;
    }

    /// <summary>
    /// Waits for this process's turn to write. SQLite has one writer: writers queue here instead of spinning on busy_timeout.
    /// PostgreSQL writes concurrently, so the turn is immediate.
    /// </summary>
    public async ValueTask<WriterTurn> WriterTurnAsync(CancellationToken cancellationToken = default)
    {
        if (_postgres is not null)
        {
            return default;
        }
        await _writer.WaitAsync(cancellationToken);
        return new WriterTurn(_writer, this);
    }

    /// <summary>
    /// SQLite, after a write: copies the write-ahead log into the database from another connection, at most once a second
    /// and one at a time, so the disk wait happens beside the writer instead of inside its commits. PASSIVE never blocks a
    /// reader or a writer; what it cannot copy now the next one does, and closing the last connection checkpoints the rest.
    /// </summary>
    internal void CheckpointSoon()
    {
        if (_postgres is not null || Environment.TickCount64 - Volatile.Read(ref _lastCheckpoint) < 1000 || Interlocked.Exchange(ref _checkpointing, 1) == 1)
        {
            return;
        }
        Volatile.Write(ref _lastCheckpoint, Environment.TickCount64);
        _checkpoint = Task.Run(async () =>
        {
            try
            {
                await using var connection = await OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                await command.ExecuteNonQueryAsync();
            }
            catch (DbException)
            {
                // busy or interrupted: the log stays in place, readable and durable, and the next checkpoint copies it
            }
            finally
            {
                Volatile.Write(ref _checkpointing, 0);
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Writes.DisposeAsync();
        await _checkpoint;
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}

