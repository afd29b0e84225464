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
    // an AngleSharp parser is not meant to be shared between threads; one per thread costs nothing after the first call
    [ThreadStatic]
    private static HtmlParser? t_parser;

    // built on first use: most articles never need it, and building it (with AngleSharp's CSS tables) costs a start-up's worth of CPU
    private readonly Lazy<HtmlSanitizer> _sanitizer;
    // the same without SVG and MathML: for the rare article whose drawing would read back differently than it was cleaned
    private readonly Lazy<HtmlSanitizer> _withoutForeign;
    private readonly SanitizerSettings _settings;

    public ArticleSanitizer(SanitizerSettings? settings = null)
    {
        _settings = settings ?? SanitizerSettings.Default;
        _sanitizer = new Lazy<HtmlSanitizer>(() => Build(foreign: true));
        _withoutForeign = new Lazy<HtmlSanitizer>(() => Build(foreign: false));
    }

    private static readonly HashSet<string> s_foreignAttributes = new(ArticlePolicy.ForeignAttributes, StringComparer.OrdinalIgnoreCase);

    private HtmlSanitizer Build(bool foreign)
    {
        var options = HtmlSanitizerOptions.Empty();
        foreach (var t in foreign ? [.. ArticlePolicy.Tags, .. ArticlePolicy.ForeignTags] : ArticlePolicy.Tags)
        {
            options.AllowedTags.Add(t);
        }
        foreach (var a in foreign ? [.. ArticlePolicy.Attributes, .. ArticlePolicy.ForeignAttributes] : ArticlePolicy.Attributes)
        {
            options.AllowedAttributes.Add(a);
        }
        foreach (var scheme in ArticlePolicy.Schemes)
        {
            options.AllowedSchemes.Add(scheme);
        }
        foreach (var u in ArticlePolicy.UrlAttributes)
        {
            options.UriAttributes.Add(u);
        }
        options.UriListAttributes.Add("srcset");
        var sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true };
        sanitizer.FilterUrl += (_, e) => e.SanitizedUrl = ArticlePolicy.FilterUrl(e.Tag.LocalName, e.SanitizedUrl);
        sanitizer.RemovingTag += (_, e) =>
        {
            // KeepChildNodes keeps the text of unknown wrappers (<font>, <center>); never what executes or styles
            // nor what is left of a drawing or a formula: SVG and MathML not on the list hold nothing to read (foreignObject,
            // annotation-xml and animations least of all)
            if (e.Tag.NamespaceUri == AngleSharp.Dom.NamespaceNames.SvgUri || e.Tag.NamespaceUri == AngleSharp.Dom.NamespaceNames.MathMlUri
                || e.Tag.LocalName is "script" or "style" or "noembed" or "template" or "object" or "applet" or "select" or "textarea" or "svg" or "math" or "iframe" or "frame" or "frameset" or "head" or "title" or "button")
            {
                e.Tag.InnerHtml = "";
            }
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement element)
            {
                PostProcess(element);
            }
        };
        return sanitizer;
    }

    public static ArticleSanitizer Default { get; } = new();

    /// <summary>The longest article HTML sanitized; the rest is cut at a tag boundary.</summary>
    public const int MaxArticleChars = 1 << 20;

    /// <summary>Deeper nesting than any real article has; past it, tags are dropped so parsing stays fast.</summary>
    public const int MaxNesting = BoundedHtml.MaxDepth;

    /// <summary>Sanitized HTML with URLs resolved against <paramref name="baseUrl"/>; null when nothing readable is left.</summary>
    public string? Sanitize(string? html, string? baseUrl)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return null;
        }
        var b = UrlResolver.BaseUri(baseUrl)?.AbsoluteUri ?? "";
        html = BoundedHtml.Truncate(html, MaxArticleChars);
        // most feeds carry plain well-formed HTML: one pass over the text sanitizes it with the same result, for a tenth of the cost
        if (SinglePassSanitizer.TrySanitize(html, b, _settings, out var quick))
        {
            return quick;
        }
        try
        {
            return SanitizeWithParser(html, b);
        }
        catch (Exception ex) when (ex is NullReferenceException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            // AngleSharp 1.10 crashes on some misnested select markup (e.g. "<p><select><xmp></xmp><select></g>"): the
            // entry keeps its text, escaped, rather than failing its feed
            return AsEscapedText(html);
        }
    }

    /// <summary>The text of HTML that could not be parsed, as one escaped paragraph (null when there is none).</summary>
    internal static string? AsEscapedText(string html)
    {
        var text = Text.PlainText.FromHtml(html);
        return string.IsNullOrEmpty(text) ? null : "<p>" + System.Net.WebUtility.HtmlEncode(text) + "</p>";
    }

    /// <summary>The HtmlSanitizer path: a full HTML5 parse, for whatever the single pass declines.</summary>
    internal string? SanitizeWithParser(string html, string b)
    {
        // lazy-loading attributes are promoted before sanitizing, so the real URLs get the same checks as any src
        t_parser ??= new HtmlParser(new HtmlParserOptions { IsScripting = false });
        using var doc = t_parser.ParseDocument("<!doctype html><html><body>" + BoundedHtml.Article(html));
        var body = doc.Body!;
        foreach (var img in body.QuerySelectorAll("img, source"))
        {
            PromoteLazySource(img);
        }
        _sanitizer.Value.SanitizeDom(doc, body, b);
        RemoveEmptyDrawings(body);
        var clean = body.InnerHtml.Trim();
        if (clean.Contains("<svg", StringComparison.OrdinalIgnoreCase) || clean.Contains("<math", StringComparison.OrdinalIgnoreCase))
        {
            // markup in SVG or MathML can read back as something else than what was cleaned (mutation XSS): what is kept must
            // come out of a second cleaning unchanged, or the drawing goes
            using var again = t_parser.ParseDocument("<!doctype html><html><body>" + clean);
            _sanitizer.Value.SanitizeDom(again, again.Body!, b);
            if (again.Body!.InnerHtml.Trim() != clean)
            {
                using var plain = t_parser.ParseDocument("<!doctype html><html><body>" + BoundedHtml.Article(html));
                foreach (var img in plain.Body!.QuerySelectorAll("img, source"))
                {
                    PromoteLazySource(img);
                }
                _withoutForeign.Value.SanitizeDom(plain, plain.Body!, b);
                RemoveEmptyDrawings(plain.Body!);
                clean = plain.Body!.InnerHtml.Trim();
            }
        }
        return clean.Length == 0 ? null : clean;
    }

    // a drawing or formula whose every part was refused shows nothing
    private static void RemoveEmptyDrawings(IElement body)
    {
        foreach (var drawing in body.QuerySelectorAll("svg, math").ToArray())
        {
            if (drawing.ChildElementCount == 0 && string.IsNullOrWhiteSpace(drawing.TextContent))
            {
                drawing.Remove();
            }
        }
    }

    private void PostProcess(IElement element)
    {
        if (element.NamespaceUri == AngleSharp.Dom.NamespaceNames.HtmlUri)
        {
            // a title names a drawing; an HTML page's title is no part of an article
            if (element.LocalName == "title")
            {
                element.Remove();
                return;
            }
            // drawing attributes mean nothing on HTML elements: dropped there, as the one-pass sanitizer drops them
            foreach (var attribute in element.Attributes.ToArray())
            {
                if (s_foreignAttributes.Contains(attribute.Name) && !ArticlePolicy.Attributes.Contains(attribute.Name, StringComparer.OrdinalIgnoreCase))
                {
                    element.RemoveAttribute(attribute.Name);
                }
            }
        }
        switch (element.LocalName)
        {
            case "img":
                if (ArticlePolicy.IsTrackingPixel(element.GetAttribute("width"), element.GetAttribute("height"), element.GetAttribute("src")))
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
                if (!ArticlePolicy.IsAllowedFrame(element.GetAttribute("src"), _settings))
                {
                    element.Remove();
                    return;
                }
                element.SetAttribute("sandbox", ArticlePolicy.FrameSandbox);
                element.SetAttribute("referrerpolicy", ArticlePolicy.FrameReferrerPolicy);
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
        foreach (var name in ArticlePolicy.LazySources)
        {
            var lazy = element.GetAttribute(name);
            if (!string.IsNullOrWhiteSpace(lazy))
            {
                element.SetAttribute("src", lazy);
                break;
            }
        }
        foreach (var name in ArticlePolicy.LazySourceSets)
        {
            var lazy = element.GetAttribute(name);
            if (!string.IsNullOrWhiteSpace(lazy))
            {
                element.SetAttribute("srcset", lazy);
                break;
            }
        }
    }
}
