using Inertia.Feeds.Charsets;
using Inertia.Feeds.Text;
using Inertia.Reader.Fetching;

namespace Inertia.Reader.Content;

/// <summary>Fetches a site's icon: reads its home page for icon links, then tries them (and /favicon.ico) until one is an image.</summary>
public sealed class IconFetcher(FeedFetcher fetcher)
{
    public const int MaxIconBytes = 256 * 1024;

    public async Task<SiteIcon?> FetchAsync(string siteUrl, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(siteUrl, UriKind.Absolute, out var site))
        {
            return null;
        }
        var page = await fetcher.FetchAsync(site, cancellationToken: cancellationToken);
        var html = page.Outcome == FetchOutcome.Fetched ? DocumentDecoder.Decode(page.Body!, page.ContentType, new ParseDiagnostics(null)).Text : "";
        foreach (var candidate in IconLocator.Candidates(html, (page.MovedPermanentlyTo ?? site).ToString()))
        {
            var icon = await fetcher.FetchAsync(new Uri(candidate), cancellationToken: cancellationToken);
            if (icon.Outcome != FetchOutcome.Fetched || icon.Body is not { Length: > 0 and <= MaxIconBytes } data)
            {
                continue;
            }
            var type = ImageType(icon.ContentType, data);
            if (type is not null)
            {
                return new SiteIcon(candidate, type, data);
            }
        }
        return null;
    }

    // trust the bytes over the header: servers label icons as text/plain or application/octet-stream all the time
    private static string? ImageType(string? contentType, byte[] data)
    {
        ReadOnlySpan<byte> b = data;
        if (b.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47]))
        {
            return "image/png";
        }
        if (b.StartsWith((ReadOnlySpan<byte>)[0, 0, 1, 0]))
        {
            return "image/x-icon";
        }
        if (b.StartsWith("GIF8"u8))
        {
            return "image/gif";
        }
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }
        if (b.Length > 12 && b.StartsWith("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }
        // SVG is served only as an image (never inline), where its scripts do not run
        var head = System.Text.Encoding.UTF8.GetString(b[..Math.Min(b.Length, 512)]);
        if (head.Contains("<svg", StringComparison.OrdinalIgnoreCase) && contentType?.StartsWith("image/svg", StringComparison.OrdinalIgnoreCase) != false)
        {
            return "image/svg+xml";
        }
        return null;
    }
}
