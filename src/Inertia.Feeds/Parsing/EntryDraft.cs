using System.Text.RegularExpressions;
using Inertia.Feeds.Model;
using Inertia.Feeds.Urls;

namespace Inertia.Feeds.Parsing;

/// <summary>An entry while an adapter fills it in; <see cref="Finish"/> applies the rules every format shares.</summary>
internal sealed partial class EntryDraft
{
    public string? Id;
    public string? Url;
    public string? Title;
    public string? Author;
    public DateTimeOffset? Published;
    public DateTimeOffset? Updated;
    public string? Summary;
    public string? Content;
    public string? ImageUrl;
    public string? BaseUrl;
    /// <summary>Where it differs from BaseUrl (an xml:base on the content element), the base for the HTML.</summary>
    public string? HtmlBaseUrl;
    public readonly List<string> Categories = [];
    public readonly List<Enclosure> Enclosures = [];

    public void AddCategory(string? text)
    {
        var c = Text.PlainText.FromHtml(text);
        if (!string.IsNullOrEmpty(c) && !Categories.Contains(c))
        {
            Categories.Add(c);
        }
    }

    public void AddEnclosure(string? url, string? mimeType, long? length)
    {
        var resolved = UrlResolver.Resolve(url, BaseUrl);
        if (resolved is null)
        {
            return;
        }
        foreach (var e in Enclosures)
        {
            if (e.Url == resolved)
            {
                return;
            }
        }
        Enclosures.Add(new Enclosure(resolved, string.IsNullOrWhiteSpace(mimeType) ? null : mimeType.Trim(), length));
    }

    [GeneratedRegex("""<img\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex FirstImage();

    private static string? FirstImageIn(string? html, string? baseUrl)
    {
        if (html is null || !html.Contains("<img", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var m = FirstImage().Match(html);
        return m.Success && !m.Groups[1].Value.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
            ? UrlResolver.Resolve(System.Net.WebUtility.HtmlDecode(m.Groups[1].Value), baseUrl)
            : null;
    }

    public ParsedEntry Finish()
    {
        var htmlBase = HtmlBaseUrl ?? BaseUrl;
        var image = UrlResolver.Resolve(ImageUrl, BaseUrl);
        if (image is null)
        {
            foreach (var e in Enclosures)
            {
                if (e.MimeType?.StartsWith("image/", StringComparison.OrdinalIgnoreCase) == true)
                {
                    image = e.Url;
                    break;
                }
            }
        }
        if (image is null)
        {
            // the article's first picture stands for it in lists, as in every reader
            image = FirstImageIn(Content, htmlBase) ?? FirstImageIn(Summary, htmlBase);
        }
        var url = UrlResolver.Resolve(Url, BaseUrl);
        var id = string.IsNullOrWhiteSpace(Id) ? null : Id.Trim();
        var title = string.IsNullOrEmpty(Title) ? null : Title;
        return new ParsedEntry
        {
            Id = id,
            Key = EntryKey.For(id, url, title, Published, Content ?? Summary),
            Url = url,
            Title = title,
            Author = string.IsNullOrEmpty(Author) ? null : Author,
            Published = Published,
            Updated = Updated,
            Summary = string.IsNullOrWhiteSpace(Summary) ? null : Summary,
            Content = string.IsNullOrWhiteSpace(Content) ? null : Content,
            Categories = Categories.Count == 0 ? [] : [.. Categories],
            ImageUrl = image,
            Enclosures = Enclosures.Count == 0 ? [] : [.. Enclosures],
            ContentBaseUrl = htmlBase,
        };
    }
}
