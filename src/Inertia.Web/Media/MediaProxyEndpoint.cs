using System.Net;
using Inertia.Reader.Fetching;
using Inertia.Reader.Storage;

namespace Inertia.Web.Media;

/// <summary>
/// `/proxy/{signature}/{address}`: fetches a signed media address for the browser or app, with the Referer and User-Agent
/// its rule names (none by default: the reader's address and page are not shown to the image's host), through the fetch
/// guard (no private networks), only images, audio and video, at most `MediaProxy:MaxBytes`, with caching headers and
/// ranges passed through. A failure is a plain 502 with the reason, and a line in the log.
/// </summary>
public static class MediaProxyEndpoint
{
    public const string ClientName = "media";

    public static IServiceCollection AddMediaProxy(this IServiceCollection services)
    {
        services.AddSingleton<MediaProxy>();
        services.AddHttpClient(ClientName, c => c.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var options = sp.GetRequiredService<FetchOptions>();
                return new SocketsHttpHandler
                {
                    // each hop connects through the guard: a redirect to a private address is refused like the first
                    AllowAutoRedirect = true,
                    MaxAutomaticRedirections = 5,
                    ConnectTimeout = options.ConnectTimeout,
                    ConnectCallback = new GuardedConnector(options).ConnectAsync,
                    UseCookies = false,
                    UseProxy = options.Proxy is { Length: > 0 },
                    Proxy = options.Proxy is { Length: > 0 } proxy ? new WebProxy(proxy) : null,
                };
            })
            .AddHttpMessageHandler(sp => new TargetGuardHandler(sp.GetRequiredService<FetchOptions>()));
        return services;
    }

    public static void MapMediaProxy(this IEndpointRouteBuilder app) =>
        app.MapGet(MediaSignature.Prefix + "{signature}/{data}", ServeAsync);

    private static async Task ServeAsync(string signature, string data, HttpContext http, MediaProxy proxy, IHttpClientFactory clients,
        Database database, FetchOptions fetch, ILoggerFactory logs)
    {
        var response = http.Response;
        if (!proxy.Options.Enabled)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        long? subscriptionId = long.TryParse(http.Request.Query["s"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : null;
        var signer = await proxy.SignatureAsync(http.RequestAborted);
        if (signer.Verify(signature, data, subscriptionId) is not { } url)
        {
            await FailAsync(http, StatusCodes.Status403Forbidden, "not an address this server signed");
            return;
        }
        var target = new Uri(url);
        MediaRule? own = null;
        if (subscriptionId is { } id)
        {
            await using var connection = await database.OpenAsync(http.RequestAborted);
            own = await MediaRuleStore.SubscriptionRuleAsync(connection, id);
        }
        var rule = HotlinkRules.Choose(target.Host, own, await proxy.AdministratorRulesAsync(http.RequestAborted));

        using var request = new HttpRequestMessage(HttpMethod.Get, target);
        request.Headers.TryAddWithoutValidation("User-Agent", rule?.UserAgent ?? fetch.UserAgent);
        if (rule?.Referer is { Length: > 0 } referer)
        {
            request.Headers.TryAddWithoutValidation("Referer", referer);
        }
        request.Headers.TryAddWithoutValidation("Accept", http.Request.Headers.Accept.Count > 0 ? http.Request.Headers.Accept.ToString() : "image/avif,image/webp,image/*,audio/*,video/*;q=0.9,*/*;q=0.5");
        foreach (var name in new[] { "Range", "If-None-Match", "If-Modified-Since" })
        {
            if (http.Request.Headers[name] is { Count: > 0 } value)
            {
                request.Headers.TryAddWithoutValidation(name, value.ToString());
            }
        }
        var log = logs.CreateLogger("Inertia.MediaProxy");
        HttpResponseMessage upstream;
        try
        {
            upstream = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, http.RequestAborted);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            log.LogInformation("media proxy: {Host} failed: {Reason}", target.Host, ex.Message);
            await FailAsync(http, StatusCodes.Status502BadGateway, "the media could not be fetched: " + ex.Message);
            return;
        }
        using (upstream)
        {
            var status = (int)upstream.StatusCode;
            if (status == StatusCodes.Status304NotModified)
            {
                response.StatusCode = status;
                CopyValidators(upstream, response);
                return;
            }
            if (status is not (200 or 206))
            {
                log.LogInformation("media proxy: {Host} answered {Status} ({Rule})", target.Host, status, rule is null ? "no rule" : "rule for " + (rule.Host.Length > 0 ? rule.Host : "the subscription"));
                await FailAsync(http, StatusCodes.Status502BadGateway, $"the media's host answered {status}");
                return;
            }
            var type = upstream.Content.Headers.ContentType?.MediaType ?? "";
            if (!(type.StartsWith("image/", StringComparison.OrdinalIgnoreCase) || type.StartsWith("audio/", StringComparison.OrdinalIgnoreCase) || type.StartsWith("video/", StringComparison.OrdinalIgnoreCase)))
            {
                await FailAsync(http, StatusCodes.Status502BadGateway, $"not an image, audio or video ({(type.Length == 0 ? "no type" : type)})");
                return;
            }
            var max = proxy.Options.MaxBytes;
            if (upstream.Content.Headers.ContentLength is { } length && length > max)
            {
                await FailAsync(http, StatusCodes.Status502BadGateway, $"larger than {max} bytes");
                return;
            }
            response.StatusCode = status;
            response.ContentType = upstream.Content.Headers.ContentType!.ToString();
            response.ContentLength = upstream.Content.Headers.ContentLength;
            if (upstream.Content.Headers.ContentRange is { } range)
            {
                response.Headers.ContentRange = range.ToString();
            }
            if (upstream.Headers.AcceptRanges.Count > 0)
            {
                response.Headers.AcceptRanges = upstream.Headers.AcceptRanges.ToString();
            }
            CopyValidators(upstream, response);
            response.Headers.CacheControl = $"public, max-age={proxy.Options.CacheSeconds}";
            // someone else's bytes: never sniffed into a page, never run as one if opened directly
            response.Headers.XContentTypeOptions = "nosniff";
            response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
            response.Headers["Cross-Origin-Resource-Policy"] = "cross-origin";
            await using var body = await upstream.Content.ReadAsStreamAsync(http.RequestAborted);
            var buffer = new byte[81920];
            long sent = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, http.RequestAborted)) > 0)
            {
                sent += read;
                if (sent > max)
                {
                    // the length was not said, or was false: cut off rather than pass an unbounded body
                    log.LogInformation("media proxy: {Host} sent more than {Max} bytes; cut off", target.Host, max);
                    http.Abort();
                    return;
                }
                await response.Body.WriteAsync(buffer.AsMemory(0, read), http.RequestAborted);
            }
        }
    }

    private static void CopyValidators(HttpResponseMessage upstream, HttpResponse response)
    {
        if (upstream.Headers.ETag is { } etag)
        {
            response.Headers.ETag = etag.ToString();
        }
        if (upstream.Content.Headers.LastModified is { } modified)
        {
            response.Headers.LastModified = modified.ToString("R");
        }
    }

    private static Task FailAsync(HttpContext http, int status, string reason)
    {
        http.Response.StatusCode = status;
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync(reason + "\n");
    }
}
