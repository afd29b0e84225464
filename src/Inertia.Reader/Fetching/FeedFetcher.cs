using System.Net;
using System.Net.Http.Headers;
using Polly.Timeout;

namespace Inertia.Reader.Fetching;

/// <summary>
/// Fetches one feed politely and defensively: conditional GET, redirects followed by hand (permanent ones reported so the
/// feed's URL can move), body and decompressed-size caps, one deadline over all attempts, and failures as plain-word values.
/// </summary>
public sealed class FeedFetcher(IHttpClientFactory clients, FetchOptions options, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<FetchResult> FetchAsync(Uri url, string? etag = null, string? lastModified = null, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.TotalTimeout);
        var client = clients.CreateClient(FetchingServices.ClientName);
        var current = url;
        var allPermanent = true;
        var seen = new HashSet<Uri> { url };
        try
        {
            for (var hop = 0; ; hop++)
            {
                if (current.Scheme is not ("http" or "https"))
                {
                    return FetchResult.Failure($"cannot fetch {current.Scheme}: URLs");
                }
                using var request = new HttpRequestMessage(HttpMethod.Get, current);
                request.Headers.Accept.ParseAdd("application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8");
                if (etag is not null)
                {
                    request.Headers.TryAddWithoutValidation("If-None-Match", etag);
                }
                if (lastModified is not null)
                {
                    request.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
                }
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
                var status = (int)response.StatusCode;
                if (status is 301 or 302 or 303 or 307 or 308)
                {
                    var location = response.Headers.Location;
                    if (location is null)
                    {
                        return FetchResult.Failure($"HTTP {status} redirect without a Location", status);
                    }
                    var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                    allPermanent &= status is 301 or 308;
                    if (!seen.Add(next))
                    {
                        return FetchResult.Failure($"redirect loop at {next}", status);
                    }
                    if (hop + 1 > options.MaxRedirects)
                    {
                        return FetchResult.Failure($"more than {options.MaxRedirects} redirects", status);
                    }
                    current = next;
                    continue;
                }
                var moved = allPermanent && current != url ? current : null;
                switch (status)
                {
                    case 304:
                        return new FetchResult { Outcome = FetchOutcome.NotModified, StatusCode = 304, ETag = etag, LastModified = lastModified, MovedPermanentlyTo = moved, FreshFor = FreshFor(response) };
                    case 410:
                        return new FetchResult { Outcome = FetchOutcome.Gone, StatusCode = 410, Reason = "the server says the feed is gone for good (410)", MovedPermanentlyTo = moved };
                    case >= 200 and < 300:
                        break;
                    default:
                        return FetchResult.Failure($"HTTP {status} {response.ReasonPhrase}".TrimEnd(), status, RetryAfterOf(response));
                }
                if (response.Content.Headers.ContentLength is long declared && declared > options.MaxBodyBytes)
                {
                    return FetchResult.Failure($"body of {declared} bytes is over the limit of {options.MaxBodyBytes}", status);
                }
                var body = await ReadCappedAsync(response.Content, deadline.Token);
                if (body is null)
                {
                    return FetchResult.Failure($"body is over the limit of {options.MaxBodyBytes} bytes (after decompression)", status);
                }
                return new FetchResult
                {
                    Outcome = FetchOutcome.Fetched,
                    StatusCode = status,
                    Body = body,
                    ContentType = response.Content.Headers.ContentType?.ToString(),
                    ETag = response.Headers.ETag?.ToString(),
                    LastModified = response.Content.Headers.LastModified?.ToString("r"),
                    MovedPermanentlyTo = moved,
                    FreshFor = FreshFor(response),
                };
            }
        }
        catch (Exception ex) when (FailureOf(ex, cancellationToken) is { } failure)
        {
            return failure;
        }
    }

    /// <summary>
    /// Posts a form (a WebSub hub request) through the same guarded client and deadlines, following no redirect:
    /// Fetched with the status for a 2xx answer, else the failure in words.
    /// </summary>
    public async Task<FetchResult> PostFormAsync(Uri url, IEnumerable<KeyValuePair<string, string>> form, CancellationToken cancellationToken = default)
    {
        if (url.Scheme is not ("http" or "https"))
        {
            return FetchResult.Failure($"cannot post to {url.Scheme}: URLs");
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.TotalTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
            using var response = await clients.CreateClient(FetchingServices.ClientName).SendAsync(request, deadline.Token);
            var status = (int)response.StatusCode;
            return status is >= 200 and < 300
                ? new FetchResult { Outcome = FetchOutcome.Fetched, StatusCode = status }
                : FetchResult.Failure($"HTTP {status} {response.ReasonPhrase}".TrimEnd(), status, RetryAfterOf(response));
        }
        catch (Exception ex) when (FailureOf(ex, cancellationToken) is { } failure)
        {
            return failure;
        }
    }

    // what went wrong with a request, in plain words; null for what is not the request's fault (the caller cancelled)
    private FetchResult? FailureOf(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException when !cancellationToken.IsCancellationRequested =>
            FetchResult.Failure($"no complete answer within {options.TotalTimeout.TotalSeconds:0} seconds"),
        TimeoutRejectedException => FetchResult.Failure($"no answer within {options.AttemptTimeout.TotalSeconds:0} seconds"),
        HttpRequestException ex => FetchResult.Failure(
            // the inner exception adds what the outer one does not already say (a TLS failure's reason, not "connection refused" twice)
            ex.InnerException is { } inner && !ex.Message.StartsWith("refused", StringComparison.Ordinal) && !ex.Message.Contains(inner.Message, StringComparison.Ordinal)
                ? $"{ex.Message} ({inner.Message})" : ex.Message),
        _ => null,
    };

    /// <summary>Reads the (decompressed) body, or null as soon as it passes the cap: a gzip bomb stops at the cap.</summary>
    private async Task<byte[]?> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken);
            if (read == 0)
            {
                return buffer.ToArray();
            }
            if (buffer.Length + read > options.MaxBodyBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
    }

    /// <summary>The wait a 429 or 503 asks for (Retry-After as seconds or as a date).</summary>
    public static TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is TimeSpan delta)
        {
            return delta;
        }
        if (header?.Date is DateTimeOffset date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    // Cache-Control max-age, else Expires: how long the server says the answer stays fresh
    private TimeSpan? FreshFor(HttpResponseMessage response)
    {
        if (response.Headers.CacheControl is CacheControlHeaderValue cc)
        {
            if (cc.NoCache || cc.NoStore)
            {
                return null;
            }
            if (cc.MaxAge is TimeSpan maxAge)
            {
                return maxAge;
            }
        }
        if (response.Content.Headers.Expires is DateTimeOffset expires)
        {
            var fresh = expires - _time.GetUtcNow();
            return fresh > TimeSpan.Zero ? fresh : null;
        }
        return null;
    }
}
