using Inertia.Feeds.Opml;
using Inertia.Reader.Fetching;
using Inertia.Reader.Ingest;
using Inertia.Reader.Storage;

namespace Inertia.Web.Api.Miniflux;

/// <summary>Miniflux's OPML export and import (the body is the file) and feed discovery from a URL.</summary>
public static class MinifluxOpml
{
    private const int MaxOpmlBytes = 16 * 1024 * 1024;

    public sealed record DiscoverRequest(string? Url);
    public sealed record Subscription(string Url, string Title, string Type);

    public static async Task<IResult> ExportAsync(MinifluxCall call)
    {
        var opml = await OpmlExport.BytesAsync(call.Connection, call.UserId, call.UserName, DateTimeOffset.FromUnixTimeSeconds(call.Now));
        return Results.Bytes(opml, "text/xml; charset=utf-8");
    }

    /// <summary>Imports every valid outline; the reply says how many were new, already there, and which lines were refused why.</summary>
    public static async Task<IResult> ImportAsync(MinifluxCall call)
    {
        var body = new MemoryStream();
        await call.Http.Request.Body.CopyToAsync(body, call.Aborted);
        if (body.Length == 0 || body.Length > MaxOpmlBytes)
        {
            throw new MinifluxError(400, body.Length == 0 ? "The request body is empty: send the OPML file" : "The OPML file is over 16 MB");
        }
        var opml = System.Text.Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length);
        var report = await OpmlImport.RunAsync(call.Database, call.UserId, opml, cancellationToken: call.Aborted);
        if (report.Imported == 0 && report.AlreadySubscribed == 0 && report.Invalid.Count > 0)
        {
            throw new MinifluxError(400, $"Nothing could be imported: {report}");
        }
        call.Http.RequestServices.GetRequiredService<Hosting.RefreshSignal>().Wake();
        return Results.Json(new
        {
            message = "Feeds imported successfully",
            imported = report.Imported,
            already_subscribed = report.AlreadySubscribed,
            invalid = report.Invalid.Select(p => new { line = p.Line, reason = p.Reason }),
        }, MinifluxCall.Json, statusCode: 201);
    }

    /// <summary>The feeds a URL is or offers, fetched through the fetch guard; 404 when it offers none.</summary>
    public static async Task<IResult> DiscoverAsync(MinifluxCall call)
    {
        var url = (await call.BodyAsync<DiscoverRequest>()).Url?.Trim();
        if (string.IsNullOrEmpty(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new MinifluxError(400, "The URL must be an absolute http(s) URL");
        }
        var found = await AddSubscription.LookUpAsync(call.Http.RequestServices.GetRequiredService<FeedFetcher>(), url, call.Aborted);
        if (found is { Feed: { } feed, FeedUrl: { } feedUrl })
        {
            return Results.Json(new[] { new Subscription(feedUrl, feed.Title ?? feedUrl, feed.Format.ToString().ToLowerInvariant()) }, MinifluxCall.Json);
        }
        return found.Candidates.Count > 0
            ? Results.Json(found.Candidates.Select(c => new Subscription(c.Url, c.Title ?? c.Url, c.Type ?? "rss")).ToList(), MinifluxCall.Json)
            : throw new MinifluxError(404, found.Error ?? "No subscription found");
    }
}
