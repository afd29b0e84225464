using Inertia.Reader.Fetching;
using Inertia.Reader.WebSub;

namespace Inertia.Web.Hosting;

/// <summary>The WebSub callback, `/websub/{feedId}/{token}`: GET for the hub's verification of intent, POST for pushed content.</summary>
public static class WebSubEndpoints
{
    public static void MapWebSub(this IEndpointRouteBuilder app)
    {
        app.MapGet("/websub/{feedId:long}/{token}", async (long feedId, string token, HttpRequest request, WebSubCallback callback, ILogger<WebSubCallback> log, CancellationToken ct) =>
        {
            var q = request.Query;
            var answer = await callback.VerifyAsync(feedId, token, q["hub.mode"], q["hub.topic"], q["hub.challenge"], q["hub.lease_seconds"], q["hub.reason"], ct);
            return Answer(answer, log);
        });
        app.MapPost("/websub/{feedId:long}/{token}", async (long feedId, string token, HttpRequest request, WebSubCallback callback, FetchOptions limits, ILogger<WebSubCallback> log, CancellationToken ct) =>
        {
            var body = await ReadCappedAsync(request.Body, limits.MaxBodyBytes, ct);
            if (body is null)
            {
                log.LogWarning("feed {FeedId}: push over {Limit} bytes refused", feedId, limits.MaxBodyBytes);
                return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            }
            var signature = request.Headers["X-Hub-Signature-256"].FirstOrDefault() ?? request.Headers["X-Hub-Signature"].FirstOrDefault();
            var answer = await callback.ReceiveAsync(feedId, token, body, request.ContentType, signature, ct);
            return Answer(answer, log);
        });
    }

    private static IResult Answer(CallbackAnswer answer, ILogger log)
    {
        log.Log(answer.Status >= 400 ? LogLevel.Warning : LogLevel.Information, "websub: {Note}", answer.Note);
        return answer.Body is null ? Results.StatusCode(answer.Status) : Results.Text(answer.Body, "text/plain", statusCode: answer.Status);
    }

    // a push is a whole feed document: the same cap as a fetched one, enforced while reading, not after
    private static async Task<byte[]?> ReadCappedAsync(Stream body, long limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
