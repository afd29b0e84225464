using Inertia.Feeds.Text;

namespace Inertia.Feeds.Html;

/// <summary>
/// HTML made safe to hand an HTML parser (AngleSharp, and what walks its tree: HtmlSanitizer, SmartReader, discovery,
/// icon lookup): cut to a length at a tag boundary, nested no deeper and holding no more elements than a parser handles
/// in linear time (see <see cref="NestingLimiter"/>).
/// </summary>
public static class BoundedHtml
{
    /// <summary>Deeper nesting than any real page has; past it, tags are dropped and their text kept.</summary>
    public const int MaxDepth = 256;

    /// <summary>An article's HTML: at most a mebibyte of text and 20,000 elements.</summary>
    public static string Article(string html) => Of(html, maxChars: 1 << 20, maxElements: 20_000);

    /// <summary>A whole web page (full content, feed discovery): at most 4 MiB and 100,000 elements.</summary>
    public static string Page(string html) => Of(html, maxChars: 4 << 20, maxElements: 100_000);

    public static string Of(string html, int maxChars, int maxElements) =>
        NestingLimiter.Limit(Truncate(html, maxChars), MaxDepth, maxElements);

    /// <summary>The text cut to at most <paramref name="maxChars"/>, before the last tag that would be cut in two.</summary>
    public static string Truncate(string html, int maxChars)
    {
        if (html.Length <= maxChars)
        {
            return html;
        }
        var cut = Utf16Text.Cut(html, maxChars);
        var lt = cut.LastIndexOf('<');
        return lt > 0 && cut.AsSpan(lt).IndexOf('>') < 0 ? cut[..lt] : cut;
    }
}
