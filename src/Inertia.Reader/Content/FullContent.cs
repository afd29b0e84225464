using Inertia.Feeds.Charsets;
using Inertia.Feeds.Html;
using Inertia.Feeds.Text;
using Inertia.Reader.Fetching;

namespace Inertia.Reader.Content;

/// <summary>
/// For feeds that carry only a teaser: fetches the article page and extracts its main text with SmartReader (a port of
/// Mozilla's Readability), sanitized like any entry HTML. Null when the page cannot be had or has no readable article.
/// </summary>
public sealed class FullContent(FeedFetcher fetcher, ArticleSanitizer? sanitizer = null)
{
    public async Task<string?> ExtractAsync(string articleUrl, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(articleUrl, UriKind.Absolute, out var uri))
        {
            return null;
        }
        var page = await fetcher.FetchAsync(uri, cancellationToken: cancellationToken);
        if (page.Outcome != FetchOutcome.Fetched)
        {
            return null;
        }
        var html = DocumentDecoder.Decode(page.Body!, page.ContentType, new ParseDiagnostics(null)).Text;
        var pageUrl = (page.MovedPermanentlyTo ?? uri).ToString();
        // the two-argument constructor takes the HTML as given; it never downloads anything itself
        SmartReader.Article article;
        try
        {
            article = new SmartReader.Reader(pageUrl, BoundedHtml.Page(html)).GetArticle();
        }
        catch (Exception ex) when (ex is NullReferenceException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            // its parser (AngleSharp) crashes on some hostile markup: the entry keeps what its feed gave
            return null;
        }
        if (!article.IsReadable || string.IsNullOrWhiteSpace(article.Content))
        {
            return null;
        }
        return (sanitizer ?? ArticleSanitizer.Default).Sanitize(article.Content, pageUrl);
    }
}
