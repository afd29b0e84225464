using System.Security.Cryptography;
using System.Text;
using Inertia.Feeds.Model;

namespace Inertia.Feeds.Parsing;

/// <summary>
/// The stable key of an entry within its feed: the id the feed gives it (RSS guid, Atom id, JSON id, rdf:about), trimmed;
/// else its URL; else "hash:" and the first 32 hex digits of SHA-256 over title, published date and content.
/// The same entry in two fetches of the feed gets the same key, which is what makes ingest idempotent. Where several
/// entries of one document share that key (a CMS that gives every item the same guid), each gets the shared key, a space
/// and its own URL, else its own hash: a key that depends on the entry, never on where it stands in the document.
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
        return "hash:" + Hash(string.Concat(title, "\n", published?.UtcDateTime.ToString("O"), "\n", content));
    }

    private static string Hash(string material)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(material), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }

    /// <summary>The key of an entry that shares <paramref name="shared"/> with others and alone has <paramref name="url"/>.</summary>
    public static string SharedWithUrl(string shared, string url) => shared + " " + url;

    /// <summary>
    /// Keys for entries that share <paramref name="shared"/>, in their order: the shared key and the entry's URL where no other
    /// of them has that URL, else the shared key and a hash of what the entry says, else that and its ordinal among the rest.
    /// </summary>
    public static string[] Distinguish(string shared, IReadOnlyList<ParsedEntry> entries)
    {
        var keys = new string[entries.Count];
        var byUrl = entries.Where(e => e.Url is not null && e.Url != shared).GroupBy(e => e.Url!).Where(g => g.Count() == 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var key = e.Url is not null && byUrl.Contains(e.Url)
                ? SharedWithUrl(shared, e.Url)
                : shared + " hash:" + Hash(string.Join("\n", e.Title, e.Published?.UtcDateTime.ToString("O"), e.Updated?.UtcDateTime.ToString("O"), e.Summary, e.Content));
            // the same words twice that differ elsewhere (categories, enclosures): told apart by their order among themselves
            var candidate = key;
            for (var n = 2; !taken.Add(candidate); n++)
            {
                candidate = key + " #" + n;
            }
            keys[i] = candidate;
        }
        return keys;
    }
}
