using System.Data.Common;
using System.Threading.Channels;

namespace Inertia.Reader.Storage;

/// <summary>
/// Group commit for SQLite's one writer: write jobs queued by many tasks run one after another in one transaction. A batch
/// costs one commit (and one flush of the search index) instead of one per job. On PostgreSQL, which takes many writers at
/// once, each job runs at once in a transaction of its own. When a job throws, the batch is rolled back and each
/// of its jobs is run again in a transaction of its own, so one bad feed never fails the others (and the common case pays
/// for no savepoints). A job may therefore run twice: it must only touch the database.
/// </summary>
public sealed class GroupCommit : IAsyncDisposable
{
    private readonly Database _database;
    private readonly Channel<Job> _queue = Channel.CreateUnbounded<Job>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public GroupCommit(Database database)
    {
        _database = database;
        // a thread of its own: queued behind CPU-bound work on the thread pool, the one writer would idle while work piles up
        _loop = database.Provider == DatabaseProvider.Sqlite
            ? Task.Factory.StartNew(Loop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            : Task.CompletedTask;
    }

    // the most jobs one transaction takes; what is queued beyond waits for the next
    private const int MaxBatch = 64;

    /// <summary>Runs <paramref name="work"/> in the next batch; completes once that batch is committed (or the work failed).</summary>
    public Task<T> RunAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var job = new Job<T>(work);
        if (_database.Provider == DatabaseProvider.Postgres)
        {
            // PostgreSQL takes many writers at once: queued behind one, every job would wait out the others' round trips
            return RunAloneAsync(job, cancellationToken);
        }
        if (!_queue.Writer.TryWrite(job))
        {
            throw new ObjectDisposedException(nameof(GroupCommit), "the database is closed");
        }
        return job.Completion.Task.WaitAsync(cancellationToken);
    }

    public async Task RunAsync(Func<DbConnection, DbTransaction, Task> work, CancellationToken cancellationToken = default) =>
        await RunAsync(async (c, tx) =>
        {
            await work(c, tx);
            return true;
        }, cancellationToken);

    private async Task<T> RunAloneAsync<T>(Job<T> job, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var error = await TryCommitAsync([job], cancellationToken);
            // PostgreSQL breaks a deadlock (or a serialization conflict) by failing one side: that side runs again
            if (error is Npgsql.PostgresException { SqlState: "40P01" or "40001" } && attempt < 4)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt * Random.Shared.Next(1, 4)), cancellationToken);
                continue;
            }
            if (error is not null)
            {
                job.Fail(error);
            }
            else
            {
                job.Succeed();
            }
            return await job.Completion.Task;
        }
    }

    // blocking on purpose: every wait parks this thread, so waking it never queues behind the thread pool's work
    private void Loop()
    {
        var batch = new List<Job>(MaxBatch);
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var job))
            {
                batch.Add(job);
            }
            CommitAsync(batch).GetAwaiter().GetResult();
        }
    }

    private async Task CommitAsync(List<Job> batch)
    {
        if (await TryCommitAsync(batch) is null)
        {
            foreach (var job in batch)
            {
                job.Succeed();
            }
            return;
        }
        // something in the batch failed and all of it was rolled back: each job again, alone, so only the bad one fails
        foreach (var job in batch)
        {
            if (await TryCommitAsync([job]) is { } error)
            {
                job.Fail(error);
            }
            else
            {
                job.Succeed();
            }
        }
    }

    // runs the jobs in one transaction and commits it; the exception that stopped it, or null when committed
    private async Task<Exception?> TryCommitAsync(IReadOnlyList<Job> jobs, CancellationToken cancellationToken = default)
    {
        try
        {
            using var turn = await _database.WriterTurnAsync(cancellationToken);
            await using var connection = await _database.OpenAsync(cancellationToken);
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            foreach (var job in jobs)
            {
                await job.ExecuteAsync(connection, tx);
            }
            await tx.CommitAsync(cancellationToken);
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private abstract class Job
    {
        public abstract Task ExecuteAsync(DbConnection connection, DbTransaction transaction);
        public abstract void Succeed();
        public abstract void Fail(Exception exception);
    }

    private sealed class Job<T>(Func<DbConnection, DbTransaction, Task<T>> work) : Job
    {
        private T _result = default!;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async Task ExecuteAsync(DbConnection connection, DbTransaction transaction) => _result = await work(connection, transaction);
        public override void Succeed() => Completion.TrySetResult(_result);
        public override void Fail(Exception exception) => Completion.TrySetException(exception);
    }
}
