using AngleSharp.Html;

namespace Inertia.Feeds.Html;

/// <summary>Screens and resolves URLs in article HTML the way HtmlSanitizer does, so both sanitizers keep the same URLs.</summary>
internal static class ArticleUrls
{
    /// <summary>The URL to keep: an absolute one of an allowed scheme as written, a relative one resolved; null to drop it.</summary>
    public static string? Sanitize(string raw, string baseUrl)
    {
        var url = raw.TrimStart();
        var scheme = SchemeLength(url);
        if (scheme >= 0)
        {
            var name = url.AsSpan(0, scheme);
            foreach (var allowed in ArticlePolicy.Schemes)
            {
                if (name.Equals(allowed, StringComparison.OrdinalIgnoreCase))
                {
                    return url;
                }
            }
            return null;
        }
        if (baseUrl.Length == 0)
        {
            return url;
        }
        if (BaseUri(baseUrl) is not { } b)
        {
            return null;
        }
        if (Joined(url, baseUrl) is { } quick)
        {
            return quick;
        }
        if (!Uri.TryCreate(b, url, out var resolved))
        {
            return null;
        }
        return Array.IndexOf(ArticlePolicy.Schemes, resolved.Scheme) >= 0 ? resolved.AbsoluteUri : null;
    }

    // every URL of an article shares one base: parse it once per thread, not once per URL
    [ThreadStatic]
    private static string? t_base;
    [ThreadStatic]
    private static Uri? t_baseUri;

    [ThreadStatic]
    private static string? t_origin;
    [ThreadStatic]
    private static string? t_directory;

    private static Uri? BaseUri(string baseUrl)
    {
        // by value: each call to the sanitizer brings a fresh string of the same base, and a Uri costs microseconds to parse
        if (!string.Equals(t_base, baseUrl, StringComparison.Ordinal))
        {
            t_baseUri = Uri.TryCreate(baseUrl, UriKind.Absolute, out var b) ? b : null;
            // joining by hand is only for web bases: a file: base resolves to URLs that are then refused
            var web = b is not null && (b.Scheme == Uri.UriSchemeHttp || b.Scheme == Uri.UriSchemeHttps);
            t_origin = web ? b!.GetLeftPart(UriPartial.Authority) : null;
            var path = web ? b!.GetLeftPart(UriPartial.Path) : null;
            t_directory = path?[..(path.LastIndexOf('/') + 1)];
            t_base = baseUrl;
        }
        return t_baseUri;
    }

    /// <summary>
    /// A relative URL resolved by joining strings where that gives what <see cref="Uri"/> gives (about 2 µs each, and an
    /// article has dozens): a path from the root or from a web base's directory, in plain URL characters, with no dot
    /// segments, empty segments or escapes to normalize (the tests hold it to <see cref="Uri"/> on generated URLs). Null
    /// when <see cref="Uri"/> must decide.
    /// </summary>
    internal static string? Joined(string url, string baseUrl)
    {
        if (url.Length == 0 || BaseUri(baseUrl) is null || t_origin is null || t_directory is null)
        {
            return null;
        }
        var rooted = url[0] == '/';
        if (!rooted && !char.IsAsciiLetterOrDigit(url[0]) || url.AsSpan().IndexOfAnyExcept(s_plain) >= 0
            || url.Contains("//", StringComparison.Ordinal) || url.Contains("/.", StringComparison.Ordinal) || url[0] == '.')
        {
            return null;
        }
        // a colon in the first segment makes a scheme or, to Uri, a drive letter
        var firstSegment = url.AsSpan().IndexOfAny('/', '?', '#');
        if ((firstSegment < 0 ? url.AsSpan() : url.AsSpan(0, firstSegment)).Contains(':'))
        {
            return null;
        }
        return rooted ? t_origin + url : t_directory + url;
    }

    private static readonly System.Buffers.SearchValues<char> s_plain =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/?#=&+,;:@!$*()");

    /// <summary>Each candidate of a srcset screened on its own, with its descriptor; null when none is left.</summary>
    public static string? SanitizeSourceSet(string tagName, string value, string baseUrl)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        List<string>? kept = null;
        foreach (var candidate in SourceSet.Parse(value))
        {
            if (string.IsNullOrEmpty(candidate.Url))
            {
                continue;
            }
            var url = ArticlePolicy.FilterUrl(tagName, Sanitize(candidate.Url, baseUrl));
            if (url is not null)
            {
                (kept ??= []).Add(string.IsNullOrEmpty(candidate.Descriptor) ? url : $"{url} {candidate.Descriptor}");
            }
        }
        return kept is null ? null : string.Join(", ", kept);
    }

    /// <summary>
    /// Where the scheme ends: the first ':' (or an encoded "&amp;#58" / "&amp;#x3a") with no '/' or '#' before it; -1 for a relative URL.
    /// </summary>
    private static int SchemeLength(string url)
    {
        for (var p = 0; p < url.Length; p++)
        {
            var c = url[p];
            if (c == ':')
            {
                return p;
            }
            if (c == '&' && p + 1 < url.Length && url[p + 1] == '#' && EncodedColon(url.AsSpan(p + 2)))
            {
                return p;
            }
            if (c is '/' or '#')
            {
                return -1;
            }
        }
        return -1;
    }

    private static bool EncodedColon(ReadOnlySpan<char> rest)
    {
        var hex = rest.Length > 0 && (rest[0] | 0x20) == 'x';
        if (hex)
        {
            rest = rest[1..];
        }
        rest = rest.TrimStart('0');
        return hex ? rest.StartsWith("3a", StringComparison.OrdinalIgnoreCase) : rest.StartsWith("58");
    }
}
