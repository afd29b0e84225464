using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;
using Inertia.Feeds.Urls;

namespace Inertia.Feeds.Html;

/// <summary>
/// Sanitizes article HTML with HtmlSanitizer, tuned for reading: the structure of an article kept, relative URLs made absolute,
/// lazy-loaded images promoted, scripts, styles, forms, handlers and tracking pixels dropped, video iframes from allowed hosts sandboxed.
/// </summary>
public sealed class ArticleSanitizer
{
    private static readonly string[] s_tags =
    [
        "a", "abbr", "acronym", "address", "article", "aside", "b", "bdi", "bdo", "big", "blockquote", "br", "caption", "center", "cite",
        "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "footer", "h1", "h2",
        "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins", "kbd", "li", "main", "mark", "ol", "p", "picture", "pre", "q", "rp",
        "rt", "ruby", "s", "samp", "section", "small", "source", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody",
        "td", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var", "wbr", "audio", "video", "track", "iframe",
    ];

    private static readonly string[] s_attributes =
    [
        "href", "src", "srcset", "sizes", "alt", "title", "width", "height", "cite", "datetime", "colspan", "rowspan", "headers",
        "scope", "abbr", "lang", "dir", "start", "reversed", "type", "media", "poster", "controls", "loop", "muted", "playsinline",
        "kind", "srclang", "label", "open", "allowfullscreen", "align", "valign",
    ];

    private static readonly string[] s_lazySources = ["data-src", "data-original", "data-lazy-src"];
    private static readonly string[] s_lazySourceSets = ["data-srcset", "data-lazy-srcset"];

    // image hosts that exist only to count readers
    private static readonly string[] s_trackerHosts =
        ["feeds.feedburner.com", "pixel.wp.com", "stats.wordpress.com", "www.google-analytics.com", "pixel.quantserve.com", "feedads.g.doubleclick.net"];

    // an AngleSharp parser is not meant to be shared between threads; one per thread costs nothing after the first call
    [ThreadStatic]
    private static HtmlParser? t_parser;

    private readonly HtmlSanitizer _sanitizer;
    private readonly SanitizerSettings _settings;

    public ArticleSanitizer(SanitizerSettings? settings = null)
    {
        _settings = settings ?? SanitizerSettings.Default;
        var options = HtmlSanitizerOptions.Empty();
        foreach (var t in s_tags)
        {
            options.AllowedTags.Add(t);
        }
        foreach (var a in s_attributes)
        {
            options.AllowedAttributes.Add(a);
        }
        foreach (var scheme in new[] { "http", "https", "mailto", "data" })
        {
            options.AllowedSchemes.Add(scheme);
        }
        foreach (var u in new[] { "href", "src", "poster", "cite" })
        {
            options.UriAttributes.Add(u);
        }
        options.UriListAttributes.Add("srcset");
        _sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true };
        _sanitizer.FilterUrl += (_, e) => e.SanitizedUrl = FilterUrl(e.Tag, e.SanitizedUrl);
        _sanitizer.RemovingTag += (_, e) =>
        {
            // KeepChildNodes keeps the text of unknown wrappers (<font>, <center>); never what executes or styles
            if (e.Tag.LocalName is "script" or "style" or "noembed" or "template" or "object" or "applet" or "select" or "textarea" or "svg" or "math" or "iframe" or "frame" or "frameset" or "head" or "title" or "button")
            {
                e.Tag.InnerHtml = "";
            }
        };
        _sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement element)
            {
                PostProcess(element);
            }
        };
    }

    public static ArticleSanitizer Default { get; } = new();

    /// <summary>Deeper nesting than any real article has; past it, tags are dropped so parsing stays fast.</summary>
    public const int MaxNesting = 256;

    /// <summary>Sanitized HTML with URLs resolved against <paramref name="baseUrl"/>; null when nothing readable is left.</summary>
    public string? Sanitize(string? html, string? baseUrl)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return null;
        }
        var b = UrlResolver.BaseUri(baseUrl)?.AbsoluteUri ?? "";
        // lazy-loading attributes are promoted before sanitizing, so the real URLs get the same checks as any src
        t_parser ??= new HtmlParser(new HtmlParserOptions { IsScripting = false });
        using var doc = t_parser.ParseDocument("<!doctype html><html><body>" + NestingLimiter.Limit(html, MaxNesting));
        var body = doc.Body!;
        foreach (var img in body.QuerySelectorAll("img, source"))
        {
            PromoteLazySource(img);
        }
        _sanitizer.SanitizeDom(doc, body, b);
        var clean = body.InnerHtml.Trim();
        return clean.Length == 0 ? null : clean;
    }

    private static string? FilterUrl(IElement tag, string? url)
    {
        if (url is null)
        {
            return null;
        }
        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            // inline images are fine; any other data: URL can carry a page with script
            var image = tag.LocalName is "img" or "source" && url.StartsWith("data:image/", StringComparison.OrdinalIgnoreCase)
                && !url.StartsWith("data:image/svg", StringComparison.OrdinalIgnoreCase);
            return image ? url : null;
        }
        return url;
    }

    private void PostProcess(IElement element)
    {
        switch (element.LocalName)
        {
            case "img":
                if (IsTrackingPixel(element))
                {
                    element.Remove();
                    return;
                }
                break;
            case "a":
                if (element.HasAttribute("href"))
                {
                    element.SetAttribute("rel", "noopener noreferrer");
                    element.SetAttribute("target", "_blank");
                }
                break;
            case "iframe":
                var src = element.GetAttribute("src");
                if (src is null || !Uri.TryCreate(src, UriKind.Absolute, out var u) || u.Scheme != "https" && u.Scheme != "http"
                    || !_settings.IframeHosts.Contains(u.Host))
                {
                    element.Remove();
                    return;
                }
                element.SetAttribute("sandbox", "allow-scripts allow-same-origin allow-popups allow-presentation");
                element.SetAttribute("referrerpolicy", "strict-origin-when-cross-origin");
                element.SetAttribute("loading", "lazy");
                break;
            case "audio":
            case "video":
                element.SetAttribute("controls", "");
                break;
        }
    }

    private static void PromoteLazySource(IElement element)
    {
        foreach (var name in s_lazySources)
        {
            var lazy = element.GetAttribute(name);
            if (!string.IsNullOrWhiteSpace(lazy))
            {
                element.SetAttribute("src", lazy);
                break;
            }
        }
        foreach (var name in s_lazySourceSets)
        {
            var lazy = element.GetAttribute(name);
            if (!string.IsNullOrWhiteSpace(lazy))
            {
                element.SetAttribute("srcset", lazy);
                break;
            }
        }
    }

    private static bool IsTrackingPixel(IElement img)
    {
        if (IsTiny(img.GetAttribute("width")) && IsTiny(img.GetAttribute("height")))
        {
            return true;
        }
        var src = img.GetAttribute("src");
        if (src is null || !Uri.TryCreate(src, UriKind.Absolute, out var u))
        {
            return src is null;
        }
        foreach (var host in s_trackerHosts)
        {
            if (u.Host.Equals(host, StringComparison.OrdinalIgnoreCase) && (host != "feeds.feedburner.com" || u.AbsolutePath.Contains("/~r/", StringComparison.Ordinal)))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsTiny(string? size) =>
        size is not null && int.TryParse(size.Trim().TrimEnd('x', 'p'), out var n) && n <= 1;
}
