using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Inertia.Web.Hosting;

/// <summary>
/// ETags for the public pages and feeds: a response is buffered, given a strong ETag (a hash of its bytes) unless it set
/// one, and a request that already has it (If-None-Match) gets 304 with no body. Last-Modified, when a page sets it,
/// answers If-Modified-Since the same way.
/// </summary>
public static class ConditionalGet
{
    public static IApplicationBuilder UseConditionalGet(this IApplicationBuilder app, Func<HttpContext, bool> applies) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) || !applies(context))
        {
            await next(context);
            return;
        }
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        var response = context.Response;
        if (response.StatusCode == StatusCodes.Status200OK)
        {
            if (!response.Headers.ContainsKey(HeaderNames.ETag))
            {
                buffer.Position = 0;
                response.Headers.ETag = "\"" + Convert.ToBase64String(SHA256.HashData(buffer))[..22].Replace('+', '-').Replace('/', '_') + "\"";
            }
            if (NotModified(context.Request, response))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                response.Headers.Remove(HeaderNames.ContentLength);
                return;
            }
        }
        if (buffer.Length == 0)
        {
            // an empty error leaves its length unset, so the status-code page may still write one
            return;
        }
        response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    });

    private static bool NotModified(HttpRequest request, HttpResponse response)
    {
        var etag = response.Headers.ETag.ToString();
        var ifNoneMatch = request.Headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0)
        {
            return ifNoneMatch == "*" || ifNoneMatch.Split(',', StringSplitOptions.TrimEntries).Any(t => t == etag || t == "W/" + etag);
        }
        return DateTimeOffset.TryParse(request.Headers.IfModifiedSince, out var since)
            && DateTimeOffset.TryParse(response.Headers.LastModified, out var modified)
            && modified <= since.AddSeconds(1);
    }
}
