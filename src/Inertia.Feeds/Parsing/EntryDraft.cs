using System.Buffers;
using Inertia.Feeds.Model;
using Inertia.Feeds.Urls;

namespace Inertia.Feeds.Parsing;

/// <summary>An entry while an adapter fills it in; <see cref="Finish"/> applies the rules every format shares.</summary>
internal sealed class EntryDraft
{
    public string? Id;
    /// <summary>The id an earlier rule read for this entry, where it differs from <see cref="Id"/>.</summary>
    public string? PreviousId;
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
    // most entries have no categories or enclosures: the lists exist only once something is added
    private DistinctTexts _categories;
    private List<Enclosure>? _enclosures;

    public void AddCategory(string? text) => _categories.Add(Text.PlainText.FromHtml(text));

    public void AddEnclosure(string? url, string? mimeType, long? length)
    {
        var resolved = UrlResolver.Resolve(url, BaseUrl);
        if (resolved is null)
        {
            return;
        }
        _enclosures ??= [];
        foreach (var e in _enclosures)
        {
            if (e.Url == resolved)
            {
                return;
            }
        }
        _enclosures.Add(new Enclosure(resolved, string.IsNullOrWhiteSpace(mimeType) ? null : mimeType.Trim(), length));
    }

    // vectorized case-insensitive search: IndexOf(…, OrdinalIgnoreCase) took a third of all parse time under invariant globalization
    private static readonly SearchValues<string> s_imgTag = SearchValues.Create(["<img"], StringComparison.OrdinalIgnoreCase);

    /// <summary>The src of the first &lt;img&gt; in raw HTML, found by a plain scan: a regex here cost as much as the rest of the entry.</summary>
    internal static string? FirstImageIn(string? html, string? baseUrl)
    {
        if (html is null)
        {
            return null;
        }
        var span = html.AsSpan();
        var at = span.IndexOfAny(s_imgTag);
        while (at >= 0)
        {
            var tagEnd = span[at..].IndexOf('>');
            var tag = tagEnd < 0 ? span[at..] : span.Slice(at, tagEnd);
            var src = AttributeValue(tag, "src");
            if (src.Length > 0 && !src.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
            {
                return UrlResolver.Resolve(System.Net.WebUtility.HtmlDecode(src.ToString()), baseUrl);
            }
            var next = span[(at + 4)..].IndexOfAny(s_imgTag);
            at = next < 0 ? -1 : at + 4 + next;
        }
        return null;
    }

    private static int IndexOfAsciiIgnoreCase(ReadOnlySpan<char> s, string lowerName)
    {
        for (var k = 0; k + lowerName.Length <= s.Length; k++)
        {
            var match = true;
            for (var j = 0; j < lowerName.Length; j++)
            {
                if ((s[k + j] | 0x20) != lowerName[j])
                {
                    match = false;
                    break;
                }
            }
            if (match)
            {
                return k;
            }
        }
        return -1;
    }

    private static ReadOnlySpan<char> AttributeValue(ReadOnlySpan<char> tag, string name)
    {
        var i = 0;
        while (true)
        {
            var found = IndexOfAsciiIgnoreCase(tag[i..], name);
            if (found < 0)
            {
                return [];
            }
            var p = i + found;
            i = p + name.Length;
            // the name must stand alone: not the end of data-src or the start of srcset
            if (p == 0 || !char.IsWhiteSpace(tag[p - 1]))
            {
                continue;
            }
            var j = i;
            while (j < tag.Length && char.IsWhiteSpace(tag[j]))
            {
                j++;
            }
            if (j >= tag.Length || tag[j] != '=')
            {
                continue;
            }
            j++;
            while (j < tag.Length && char.IsWhiteSpace(tag[j]))
            {
                j++;
            }
            if (j >= tag.Length)
            {
                return [];
            }
            var quote = tag[j];
            if (quote is '"' or '\'')
            {
                var end = tag[(j + 1)..].IndexOf(quote);
                return end < 0 ? tag[(j + 1)..] : tag.Slice(j + 1, end);
            }
            var k = j;
            while (k < tag.Length && !char.IsWhiteSpace(tag[k]))
            {
                k++;
            }
            return tag[j..k];
        }
    }

    public ParsedEntry Finish()
    {
        var htmlBase = HtmlBaseUrl ?? BaseUrl;
        var image = UrlResolver.Resolve(ImageUrl, BaseUrl);
        if (image is null)
        {
            foreach (var e in _enclosures ?? [])
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
        var key = EntryKey.For(id, url, title, Published, Content ?? Summary);
        var previousKey = string.IsNullOrWhiteSpace(PreviousId) ? null : EntryKey.For(PreviousId, url, title, Published, Content ?? Summary);
        return new ParsedEntry
        {
            Id = id,
            Key = key,
            PreviousKey = previousKey == key ? null : previousKey,
            Url = url,
            Title = title,
            Author = string.IsNullOrEmpty(Author) ? null : Author,
            Published = Published,
            Updated = Updated,
            Summary = string.IsNullOrWhiteSpace(Summary) ? null : Summary,
            Content = string.IsNullOrWhiteSpace(Content) ? null : Content,
            Categories = _categories.ToList(),
            ImageUrl = image,
            Enclosures = _enclosures ?? [],
            ContentBaseUrl = htmlBase,
        };
    }
}
