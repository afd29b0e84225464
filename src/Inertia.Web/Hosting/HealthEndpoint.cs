using System.Text.Json.Serialization;
using Dapper;
using Inertia.Reader.Storage;

namespace Inertia.Web.Hosting;

/// <summary>What the background refresh last did, for /healthz: when a pass started and ended, and whether it failed.</summary>
public sealed class RefreshHealth(TimeProvider time)
{
    private long _lastPassStarted;
    private long _lastPassEnded;
    private string? _lastError;

    public void PassStarted() => Interlocked.Exchange(ref _lastPassStarted, time.GetUtcNow().ToUnixTimeSeconds());

    public void PassEnded(string? error)
    {
        _lastError = error;
        Interlocked.Exchange(ref _lastPassEnded, time.GetUtcNow().ToUnixTimeSeconds());
    }

    public (long Started, long Ended, string? Error) Last => (Interlocked.Read(ref _lastPassStarted), Interlocked.Read(ref _lastPassEnded), _lastError);
}

/// <summary>`/healthz`: JSON on the database and the refresher; 503 when the database cannot be reached or refresh has stalled.</summary>
public static class HealthEndpoint
{
    public sealed record Health(
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("database")] string Database,
        [property: JsonPropertyName("refresher")] string Refresher,
        [property: JsonPropertyName("last_pass_started_at")] long? LastPassStartedAt,
        [property: JsonPropertyName("last_pass_ended_at")] long? LastPassEndedAt,
        [property: JsonPropertyName("last_error")] string? LastError);

    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (Database database, RefreshHealth refresh, Inertia.Reader.Refresh.RefreshOptions options, TimeProvider time, CancellationToken ct) =>
        {
            string db;
            try
            {
                await using var connection = await database.OpenAsync(ct);
                await connection.ExecuteScalarAsync<int>("SELECT 1");
                db = "ok";
            }
            catch (System.Data.Common.DbException ex)
            {
                db = $"unreachable: {ex.Message}";
            }
            var (started, ended, error) = refresh.Last;
            var now = time.GetUtcNow().ToUnixTimeSeconds();
            // a refresher that has not finished a pass for ten poll periods (or an hour) has stalled
            var stalled = options.Enabled && started > 0 && now - Math.Max(started, ended) > Math.Max(3600, options.PollSeconds * 10) && ended < started;
            var refresher = !options.Enabled ? "disabled" : started == 0 ? "starting" : stalled ? "stalled" : "alive";
            var healthy = db == "ok" && refresher != "stalled";
            return Results.Json(
                new Health(healthy ? "ok" : "failing", db, refresher, started == 0 ? null : started, ended == 0 ? null : ended, error),
                statusCode: healthy ? 200 : 503);
        });
    }
}
