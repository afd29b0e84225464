using System.Security.Cryptography;
using System.Text;

namespace Inertia.Feeds.Parsing;

/// <summary>
/// The stable key of an entry within its feed: the id the feed gives it (RSS guid, Atom id, JSON id, rdf:about), trimmed;
/// else its URL; else "hash:" and the first 32 hex digits of SHA-256 over title, published date and content.
/// The same entry in two fetches of the feed gets the same key, which is what makes ingest idempotent.
/// </summary>
public static class EntryKey
{
    public static string For(string? id, string? url, string? title, DateTimeOffset? published, string? content)
    {
        if (!string.IsNullOrWhiteSpace(id))
        {
            return id.Trim();
        }
        if (!string.IsNullOrWhiteSpace(url))
        {
            return url.Trim();
        }
        var material = string.Concat(title, "\n", published?.UtcDateTime.ToString("O"), "\n", content);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(material), hash);
        return "hash:" + Convert.ToHexStringLower(hash[..16]);
    }
}
