namespace Inertia.Feeds.Html;

/// <summary>What article HTML may keep: the tags, attributes and URLs both sanitizers allow, and the images that only count readers.</summary>
internal static class ArticlePolicy
{
    public static readonly string[] Tags =
    [
        "a", "abbr", "acronym", "address", "article", "aside", "b", "bdi", "bdo", "big", "blockquote", "br", "caption", "center", "cite",
        "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "footer", "h1", "h2",
        "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins", "kbd", "li", "main", "mark", "ol", "p", "picture", "pre", "q", "rp",
        "rt", "ruby", "s", "samp", "section", "small", "source", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody",
        "td", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var", "wbr", "audio", "video", "track", "iframe",
    ];

    public static readonly string[] Attributes =
    [
        "href", "src", "srcset", "sizes", "alt", "title", "width", "height", "cite", "datetime", "colspan", "rowspan", "headers",
        "scope", "abbr", "lang", "dir", "start", "reversed", "type", "media", "poster", "controls", "loop", "muted", "playsinline",
        "kind", "srclang", "label", "open", "allowfullscreen", "align", "valign",
    ];

    /// <summary>
    /// SVG and MathML that only draw: shapes, text, gradients, formulas. Nothing that runs, animates, links out, embeds HTML
    /// (foreignObject, annotation-xml) or loads a resource (use, image, mglyph); only the parser path sees them.
    /// </summary>
    public static readonly string[] ForeignTags =
    [
        "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "defs", "linearGradient",
        "radialGradient", "stop", "clipPath", "marker", "title", "desc",
        "math", "mi", "mn", "mo", "ms", "mtext", "mspace", "mrow", "mfrac", "msqrt", "mroot", "mstyle", "merror", "mpadded", "mphantom",
        "menclose", "msub", "msup", "msubsup", "munder", "mover", "munderover", "mmultiscripts", "mprescripts", "none", "mtable", "mtr",
        "mtd", "mlabeledtr", "semantics", "annotation",
    ];

    /// <summary>The presentational attributes of <see cref="ForeignTags"/>; kept on those elements only.</summary>
    public static readonly string[] ForeignAttributes =
    [
        "viewBox", "preserveAspectRatio", "d", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "points", "fill", "fill-opacity",
        "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap", "stroke-linejoin", "stroke-dasharray", "stroke-dashoffset",
        "opacity", "transform", "font-size", "font-family", "font-weight", "font-style", "text-anchor", "dominant-baseline", "dx", "dy",
        "offset", "stop-color", "stop-opacity", "gradientUnits", "gradientTransform", "clip-rule", "vector-effect", "markerWidth",
        "markerHeight", "refX", "refY", "orient",
        "display", "mathvariant", "displaystyle", "scriptlevel", "mathsize", "mathcolor", "mathbackground", "fence", "separator",
        "stretchy", "symmetric", "largeop", "movablelimits", "accent", "accentunder", "lspace", "rspace", "linethickness",
        "columnalign", "rowalign", "columnspan", "notation", "form", "encoding", "depth", "voffset",
    ];

    public static readonly string[] Schemes = ["http", "https", "mailto", "data"];

    /// <summary>Attributes holding one URL; srcset holds a list of them.</summary>
    public static readonly string[] UrlAttributes = ["href", "src", "poster", "cite"];

    public static readonly string[] LazySources = ["data-src", "data-original", "data-lazy-src"];
    public static readonly string[] LazySourceSets = ["data-srcset", "data-lazy-srcset"];

    // image hosts that exist only to count readers
    private static readonly string[] s_trackerHosts =
        ["feeds.feedburner.com", "pixel.wp.com", "stats.wordpress.com", "www.google-analytics.com", "pixel.quantserve.com", "feedads.g.doubleclick.net"];

    /// <summary>A sanitized URL as it may stay in <paramref name="tagName"/>: inline images yes, any other data: URL no.</summary>
    public static string? FilterUrl(string tagName, string? url)
    {
        if (url is null)
        {
            return null;
        }
        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            // any data: URL other than a raster image can carry a page with script
            var image = tagName is "img" or "source" && url.StartsWith("data:image/", StringComparison.OrdinalIgnoreCase)
                && !url.StartsWith("data:image/svg", StringComparison.OrdinalIgnoreCase);
            return image ? url : null;
        }
        // a player is embedded by its own https address, whatever the feed wrote
        return tagName == "iframe" ? VideoPlayers.Frame(url) : url;
    }

    /// <summary>What an embedded player may do: run its own script, in its own origin, and nothing of ours.</summary>
    public const string FrameSandbox = "allow-scripts allow-same-origin allow-popups allow-presentation";
    public const string FrameReferrerPolicy = "strict-origin-when-cross-origin";

    /// <summary>An iframe stays only for a video player on an allowed host, by its sanitized source.</summary>
    public static bool IsAllowedFrame(string? src, SanitizerSettings settings) =>
        src is not null && Uri.TryCreate(src, UriKind.Absolute, out var u) && u.Scheme == "https"
        && settings.IframeHosts.Contains(u.Host);

    /// <summary>An image of 1×1, from a counting host, or left without a source once its URL was refused.</summary>
    public static bool IsTrackingPixel(string? width, string? height, string? src)
    {
        if (IsTiny(width) && IsTiny(height))
        {
            return true;
        }
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
