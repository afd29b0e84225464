using System.Security.Cryptography;
using System.Text;
using Inertia.Feeds.Model;

namespace Inertia.Reader.Ingest;

/// <summary>
/// A digest of everything a reader sees of an entry, taken from the raw parse: equal digests mean nothing to write and,
/// above all, nothing to sanitize again.
/// </summary>
public static class ContentHash
{
    public static byte[] Of(ParsedEntry e)
    {
        var sb = new StringBuilder();
        const char Separator = '\u001F';
        sb.Append(e.Url).Append(Separator).Append(e.Title).Append(Separator).Append(e.Author).Append(Separator)
          .Append(e.Published?.ToUnixTimeSeconds()).Append(Separator).Append(e.Updated?.ToUnixTimeSeconds()).Append(Separator)
          .Append(e.Summary).Append(Separator).Append(e.Content).Append(Separator).Append(e.ImageUrl).Append(Separator);
        foreach (var c in e.Categories)
        {
            sb.Append(c).Append('\u001E');
        }
        sb.Append(Separator);
        foreach (var x in e.Enclosures)
        {
            sb.Append(x.Url).Append('\u001E').Append(x.MimeType).Append('\u001E').Append(x.Length).Append('\u001D');
        }
        return SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()))[..16];
    }
}
