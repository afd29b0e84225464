namespace Inertia.Web.Shared;

/// <summary>Only http(s) URLs are ever written into a page as links or media (a feed may give javascript: or data: ones).</summary>
public static class SafeUrl
{
    public static string? Http(string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps) ? u.AbsoluteUri : null;

    /// <summary>The absolute URL of a path of this site: under the configured public base URL, else the request's own.</summary>
    public static string Absolute(HttpContext context, Hosting.ServerOptions server, string path)
    {
        var baseUri = server.BaseUri ?? new Uri($"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/");
        return new Uri(baseUri, path.TrimStart('/')).AbsoluteUri;
    }
}
