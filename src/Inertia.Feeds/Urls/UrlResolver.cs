namespace Inertia.Feeds.Urls;

/// <summary>Resolves the URLs feeds write (relative, protocol-relative, padded with spaces) against a base, refusing script schemes.</summary>
public static class UrlResolver
{
    /// <summary>
    /// The absolute form of <paramref name="url"/> against <paramref name="baseUrl"/>; an absolute http(s) URL is kept as written.
    /// Null for empty input and for javascript:, vbscript: and data: URLs; a relative URL with no usable base is returned trimmed.
    /// </summary>
    public static string? Resolve(string? url, string? baseUrl)
    {
        if (url is null)
        {
            return null;
        }
        var u = url.Trim();
        if (u.Length == 0)
        {
            return null;
        }
        if (u.AsSpan().IndexOfAny('\n', '\r', '\t') >= 0)
        {
            u = u.Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Replace("\t", "", StringComparison.Ordinal);
        }
        var scheme = SchemeOf(u);
        if (scheme is not null)
        {
            if (IsDangerous(scheme))
            {
                return null;
            }
            if (scheme is "http" or "https")
            {
                return u;
            }
            // a scheme we do not know, like "feed:" or "mailto:", is kept: only script-bearing ones are refused above
            return scheme.Length > 1 ? u : Relative(u, baseUrl);
        }
        return Relative(u, baseUrl);
    }

    private static string Relative(string u, string? baseUrl)
    {
        var b = BaseUri(baseUrl);
        if (b is null)
        {
            // protocol-relative with no base to take the scheme from: https is what it means today
            return u.StartsWith("//", StringComparison.Ordinal) ? "https:" + u : u;
        }
        return Uri.TryCreate(b, u, out var resolved) ? resolved.AbsoluteUri : u;
    }

    /// <summary>Resolves a (possibly relative) xml:base or document URL into an absolute base, or null.</summary>
    public static Uri? BaseUri(string? baseUrl)
    {
        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            return null;
        }
        var trimmed = baseUrl.Trim();
        if (trimmed.StartsWith("//", StringComparison.Ordinal))
        {
            trimmed = "https:" + trimmed;
        }
        // only a base that names its scheme: on Unix, Uri reads "/blog/" as a file path, and file: URLs reach no reader
        return SchemeOf(trimmed) is "http" or "https" && Uri.TryCreate(trimmed, UriKind.Absolute, out var b) ? b : null;
    }

    /// <summary>Combines a nested base (xml:base, possibly relative) with its parent base.</summary>
    public static string? Combine(string? parentBase, string? childBase)
    {
        if (string.IsNullOrWhiteSpace(childBase))
        {
            return parentBase;
        }
        return Resolve(childBase, parentBase) ?? parentBase;
    }

    public static bool IsDangerous(string scheme) => scheme is "javascript" or "vbscript" or "data" or "livescript";

    /// <summary>The lower-case scheme of a URL, or null when it has none (a relative reference).</summary>
    public static string? SchemeOf(string u)
    {
        var colon = u.IndexOf(':');
        if (colon <= 0)
        {
            return null;
        }
        for (var i = 0; i < colon; i++)
        {
            var c = u[i];
            if (!(char.IsAsciiLetter(c) || (i > 0 && (char.IsAsciiDigit(c) || c is '+' or '-' or '.'))))
            {
                // control characters and spaces hidden inside "java\tscript:" are stripped by browsers; treat as that scheme
                return null;
            }
        }
        var scheme = u.AsSpan(0, colon);
        // the common schemes without allocating
        if (scheme.Equals("https", StringComparison.OrdinalIgnoreCase))
        {
            return "https";
        }
        if (scheme.Equals("http", StringComparison.OrdinalIgnoreCase))
        {
            return "http";
        }
        return scheme.ToString().ToLowerInvariant();
    }

    public static bool IsHttp(string? url) =>
        url is not null && (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
}
