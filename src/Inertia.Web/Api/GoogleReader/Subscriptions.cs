using Inertia.Feeds.Opml;
using Inertia.Reader.Ingest;
using Inertia.Reader.Storage;

namespace Inertia.Web.Api.GoogleReader;

/// <summary>
/// Subscriptions: <c>subscription/list</c>, <c>subscription/edit</c> (subscribe, unsubscribe, edit: title and labels),
/// <c>subscription/quickadd</c>, <c>subscription/export</c> and <c>subscription/import</c> (OPML).
/// </summary>
public static class Subscriptions
{
    public sealed record Subscription(string Id, string Title, IReadOnlyList<CategoryRef> Categories, string Url, string HtmlUrl, string IconUrl, string Sortid, string Firstitemmsec);
    public sealed record CategoryRef(string Id, string Label);
    public sealed record SubscriptionList(IReadOnlyList<Subscription> Subscriptions);
    public sealed record QuickAddResult(string Query, int NumResults, string? StreamId, string? StreamName);

    public static Task ListAsync(HttpContext http) => GoogleReaderCall.RunAsync(http, write: false, async call =>
    {
        var connection = call.Connection;
        var lines = await ReaderViews.SubscriptionsAsync(connection, call.Caller.UserId);
        var origin = $"{http.Request.Scheme}://{http.Request.Host}";
        return Results.Json(new SubscriptionList([.. lines.Select(s => new Subscription(
            StreamId.ForFeed(s.FeedId),
            s.Name,
            s.Category is { } c ? [new CategoryRef(StreamId.ForLabel(c), c)] : [],
            s.Url,
            s.SiteUrl ?? s.Url,
            s.HasIcon ? $"{origin}/icons/{s.FeedId}" : "",
            s.FeedId.ToString("X8", System.Globalization.CultureInfo.InvariantCulture),
            "0"))]), GoogleReaderCall.Json);
    });

    public static Task EditAsync(HttpContext http) => GoogleReaderCall.RunAsync(http, write: true, async call =>
    {
        var action = call.One("ac") ?? "edit";
        var streams = call.All("s");
        if (streams.Count == 0)
        {
            throw new GoogleReaderError(400, "No stream (s)");
        }
        var addLabel = call.All("a").Select(a => StreamId.Parse(a, call.Caller.UserId)).FirstOrDefault(x => x?.Kind == StreamKind.Label)?.Label;
        var removeLabel = call.All("r").Select(r => StreamId.Parse(r, call.Caller.UserId)).Any(x => x?.Kind == StreamKind.Label);
        var title = call.One("t") is { Length: > 0 } t ? t.Trim() : null;
        foreach (var text in streams)
        {
            var stream = StreamId.Parse(text, call.Caller.UserId);
            if (stream?.Kind != StreamKind.Feed)
            {
                throw new GoogleReaderError(400, $"'{text}' is not a feed stream");
            }
            switch (action)
            {
                case "subscribe":
                    var url = stream.FeedUrl ?? throw new GoogleReaderError(400, "Subscribe takes feed/URL");
                    await call.Database.Writes.RunAsync((c, tx) => SubscriptionStore.SubscribeAsync(c, tx, call.Caller.UserId, url, addLabel, title, null, call.Now),
                        call.Http.RequestAborted);
                    break;
                case "unsubscribe":
                    await SubscriptionStore.UnsubscribeAsync(call.Connection, call.Caller.UserId, await StreamRequest.FeedIdAsync(call, stream));
                    break;
                case "edit":
                    var feedId = await StreamRequest.FeedIdAsync(call, stream);
                    if (title is not null)
                    {
                        await SubscriptionStore.SetTitleAsync(call.Connection, call.Caller.UserId, feedId, title);
                    }
                    if (addLabel is not null)
                    {
                        var category = await CategoryStore.EnsureAsync(call.Connection, null, call.Caller.UserId, addLabel);
                        await SubscriptionStore.SetCategoryAsync(call.Connection, call.Caller.UserId, feedId, category);
                    }
                    else if (removeLabel)
                    {
                        await SubscriptionStore.SetCategoryAsync(call.Connection, call.Caller.UserId, feedId, null);
                    }
                    break;
                default:
                    throw new GoogleReaderError(400, $"Unknown action ac={action}");
            }
        }
        return GoogleReaderCall.Ok();
    });

    public static Task QuickAddAsync(HttpContext http) => GoogleReaderCall.RunAsync(http, write: true, async call =>
    {
        var query = call.One("quickadd")?.Trim() ?? throw new GoogleReaderError(400, "No URL (quickadd)");
        var url = query.StartsWith("feed/", StringComparison.Ordinal) ? query[5..] : query;
        if (StreamId.Parse("feed/" + url, call.Caller.UserId) is not { FeedUrl: not null })
        {
            return Results.Json(new QuickAddResult(query, 0, null, null), GoogleReaderCall.Json);
        }
        await call.Database.Writes.RunAsync((c, tx) => SubscriptionStore.SubscribeAsync(c, tx, call.Caller.UserId, url, null, null, null, call.Now), call.Http.RequestAborted);
        var connection = call.Connection;
        var feedId = await SubscriptionStore.FeedByUrlAsync(connection, call.Caller.UserId, url);
        return Results.Json(new QuickAddResult(query, 1, StreamId.ForFeed(feedId!.Value), url), GoogleReaderCall.Json);
    });

    public static Task ExportAsync(HttpContext http) => GoogleReaderCall.RunAsync(http, write: false, async call =>
    {
        var opml = await OpmlExport.BytesAsync(call.Connection, call.Caller.UserId, call.Caller.UserName, DateTimeOffset.FromUnixTimeSeconds(call.Now));
        return Results.Bytes(opml, "text/x-opml; charset=utf-8", "subscriptions.opml");
    });

    /// <summary>The OPML file is the request body (or its form field <c>opml</c>); the report is plain text.</summary>
    public static Task ImportAsync(HttpContext http) => GoogleReaderCall.RunAsync(http, write: true, async call =>
    {
        string opml;
        if (call.One("opml") is { Length: > 0 } field)
        {
            opml = field;
        }
        else if (!call.BodyWasForm)
        {
            using var reader = new StreamReader(http.Request.Body);
            opml = await reader.ReadToEndAsync(call.Http.RequestAborted);
        }
        else
        {
            opml = "";
        }
        if (opml.Length == 0)
        {
            throw new GoogleReaderError(400, "No OPML in the request");
        }
        var report = await OpmlImport.RunAsync(call.Database, call.Caller.UserId, opml, cancellationToken: call.Http.RequestAborted);
        return Results.Text(report + "\n", "text/plain; charset=utf-8");
    });
}
