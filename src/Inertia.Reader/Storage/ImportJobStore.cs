using System.Data.Common;
using System.Text.Json;
using Dapper;
using Inertia.Feeds.Opml;

namespace Inertia.Reader.Storage;

/// <summary>An OPML import running in the background, or its outcome: progress, counts, the outlines refused and why.</summary>
public sealed class ImportJob
{
    public long Id { get; init; }
    public string? FileName { get; init; }
    public int Total { get; init; }
    public int Done { get; init; }
    public int Imported { get; init; }
    public int Already { get; init; }
    public string? Problems { get; init; }
    public required string State { get; init; }
    public string? Error { get; init; }
    public long CreatedAt { get; init; }
    public long UpdatedAt { get; init; }

    public const string Running = "running", Finished = "finished", Failed = "failed";

    /// <summary>The outlines refused so far, with their lines and reasons.</summary>
    public IReadOnlyList<OpmlProblem> Invalid =>
        Problems is null ? [] : JsonSerializer.Deserialize<List<ProblemRow>>(Problems)!.Select(p => new OpmlProblem(p.Line, p.Reason)).ToList();

    /// <summary>
    /// A running job whose progress has not moved for this long lost its process (a restart mid-import): what it stored
    /// stays, and importing the file again finishes it, since subscribing is idempotent.
    /// </summary>
    public bool IsInterrupted(long now) => State == Running && now - UpdatedAt > 120;

    internal sealed record ProblemRow(int Line, string Reason);
}

/// <summary>The rows of OPML import jobs: started, moved on batch by batch, finished or failed; each user sees only theirs.</summary>
public static class ImportJobStore
{
    private const string Columns =
        "id AS Id, file_name AS FileName, total AS Total, done AS Done, imported AS Imported, already AS Already, problems AS Problems, " +
        "state AS State, error AS Error, created_at AS CreatedAt, updated_at AS UpdatedAt";

    public static Task<long> StartAsync(DbConnection connection, long userId, string? fileName, int total, long now) =>
        connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO import_jobs (user_id, file_name, total, state, created_at, updated_at)
            VALUES (@userId, @fileName, @total, 'running', @now, @now) RETURNING id
            """, new { userId, fileName, total, now });

    /// <summary>Records how far the job is; the state becomes <paramref name="state"/> (running, finished).</summary>
    public static Task ProgressAsync(DbConnection connection, long id, int done, int imported, int already, IReadOnlyList<OpmlProblem> problems, string state, long now) =>
        connection.ExecuteAsync(
            """
            UPDATE import_jobs SET done = @done, imported = @imported, already = @already, problems = @problems, state = @state, updated_at = @now
            WHERE id = @id
            """, new { id, done, imported, already, problems = Serialize(problems), state, now });

    public static Task FailAsync(DbConnection connection, long id, string error, long now) =>
        connection.ExecuteAsync("UPDATE import_jobs SET state = 'failed', error = @error, updated_at = @now WHERE id = @id", new { id, error, now });

    /// <summary>The user's job with this id; null when it is none of theirs.</summary>
    public static Task<ImportJob?> ByIdAsync(DbConnection connection, long userId, long id) =>
        connection.QuerySingleOrDefaultAsync<ImportJob>($"SELECT {Columns} FROM import_jobs WHERE user_id = @userId AND id = @id", new { userId, id });

    /// <summary>The user's latest jobs, newest first.</summary>
    public static async Task<IReadOnlyList<ImportJob>> RecentAsync(DbConnection connection, long userId, int limit = 5) =>
        [.. await connection.QueryAsync<ImportJob>($"SELECT {Columns} FROM import_jobs WHERE user_id = @userId ORDER BY id DESC LIMIT @limit", new { userId, limit })];

    private static string? Serialize(IReadOnlyList<OpmlProblem> problems) =>
        problems.Count == 0 ? null : JsonSerializer.Serialize(problems.Select(p => new ImportJob.ProblemRow(p.Line, p.Reason)));
}
