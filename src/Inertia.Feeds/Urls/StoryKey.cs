using System.Security.Cryptography;
using System.Text;

namespace Inertia.Feeds.Urls;

/// <summary>
/// What makes two entries the same story arriving through different feeds: the article's address with tracking
/// parameters (utm_*, fbclid, gclid, spm, …), the fragment, the scheme and a "www." left out; else, for an entry with no
/// usable address, its title and text. Null when there is neither. A site's front page is no address of a story: feeds
/// whose every entry links there would otherwise be one story.
/// </summary>
public static class StoryKey
{
    // parameters that say who sent a reader, not what they read
    private static readonly HashSet<string> s_tracking = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "spm", "scm", "ref", "ref_src",
        "from", "share_source", "share_medium", "wt.mc_id", "_hsenc", "_hsmi", "mkt_tok", "cmpid",
    };

    public static string? Of(string? url, string? title, string? text)
    {
        if (Url(url) is { } address)
        {
            return address;
        }
        if (string.IsNullOrWhiteSpace(title))
        {
            return null;
        }
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(title.Trim().ToLowerInvariant() + "\u001F" + (text ?? "").Trim()));
        return "t:" + Convert.ToHexString(digest, 0, 16);
    }

    /// <summary>
    /// The key as stored and compared: 64 bits of its SHA-256 (a chance of 1 in 2^64 that two stories are taken for one;
    /// an index of numbers is a fraction of one of addresses). Null when there is no key.
    /// </summary>
    public static long? Hash(string? key) =>
        key is null ? null : BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0);

    /// <summary>The address as a story key ("host/path?kept-query"), or null when it is not an absolute http(s) URL.</summary>
    public static string? Url(string? url)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
        {
            return null;
        }
        var host = uri.Host.ToLowerInvariant();
        host = host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
        var path = uri.AbsolutePath.Length > 1 ? uri.AbsolutePath.TrimEnd('/') : "";
        if (path.Length == 0 && uri.Query.Length <= 1)
        {
            return null;
        }
        var kept = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair =>
            {
                var name = Uri.UnescapeDataString(pair.Split('=', 2)[0]);
                return !name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) && !s_tracking.Contains(name);
            })
            .Order(StringComparer.Ordinal)
            .ToList();
        var port = uri.IsDefaultPort ? "" : ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return host + port + path + (kept.Count == 0 ? "" : "?" + string.Join('&', kept));
    }
}
