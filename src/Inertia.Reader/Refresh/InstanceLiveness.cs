using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using Dapper;
using Inertia.Reader.Storage;

namespace Inertia.Reader.Refresh;

/// <summary>
/// This process's identity as a refresher — a random 64-bit id, not MachineName:pid, which containers share — and a way to
/// tell whether another instance still runs. Each holds a lock for as long as it lives: on PostgreSQL a session advisory
/// lock keyed by its id, on SQLite an exclusive lock on a file beside the database. The system releases the lock when the
/// process dies, however it dies, so a dead instance's leases are taken over at once instead of after they expire.
/// </summary>
public sealed class InstanceLiveness(Database database) : IAsyncDisposable
{
    private readonly long _key = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8)) & long.MaxValue;
    private readonly SemaphoreSlim _starting = new(1, 1);
    private DbConnection? _held;
    private FileStream? _file;

    /// <summary>What leases are owned by: 16 hexadecimal digits.</summary>
    public string Id => _key.ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>Takes this instance's lock (once; later calls return at once, or take it again if it was lost).</summary>
    public async Task EnsureHeldAsync(CancellationToken cancellationToken = default)
    {
        if (_file is not null || _held is { State: System.Data.ConnectionState.Open })
        {
            return;
        }
        await _starting.WaitAsync(cancellationToken);
        try
        {
            if (database.Provider == DatabaseProvider.Postgres)
            {
                if (_held is not null)
                {
                    await _held.DisposeAsync();
                }
                _held = await database.OpenAsync(cancellationToken);
                await _held.ExecuteAsync("SELECT pg_advisory_lock(@key)", new { key = _key });
            }
            else
            {
                Directory.CreateDirectory(LockDirectory);
                _file ??= new FileStream(LockPath(Id), FileMode.Create, FileAccess.ReadWrite, FileShare.None);
            }
        }
        finally
        {
            _starting.Release();
        }
    }

    /// <summary>Whether the instance that owns leases as <paramref name="owner"/> still runs (false for ids not of this form).</summary>
    public async Task<bool> IsAliveAsync(string owner, CancellationToken cancellationToken = default)
    {
        if (owner == Id)
        {
            return true;
        }
        if (owner.Length != 16 || !long.TryParse(owner, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var key))
        {
            return false;
        }
        if (database.Provider == DatabaseProvider.Postgres)
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            // taking the lock succeeds only when its holder is gone: then it is given back at once
            if (!await connection.ExecuteScalarAsync<bool>("SELECT pg_try_advisory_lock(@key)", new { key }))
            {
                return true;
            }
            await connection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key });
            return false;
        }
        var path = LockPath(owner);
        try
        {
            using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
            }
            File.Delete(path);
            return false;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (DirectoryNotFoundException)
        {
            return false;
        }
        catch (IOException)
        {
            // locked: its owner holds it
            return true;
        }
    }

    private string LockDirectory => database.Location + ".instances";

    private string LockPath(string id) => Path.Combine(LockDirectory, id + ".lock");

    public async ValueTask DisposeAsync()
    {
        if (_held is not null)
        {
            await _held.DisposeAsync();
        }
        if (_file is not null)
        {
            await _file.DisposeAsync();
            try
            {
                File.Delete(LockPath(Id));
            }
            catch (IOException)
            {
                // another instance is checking it; it will delete it
            }
        }
    }
}
