using System.Collections.Frozen;

namespace Inertia.Feeds.Html;

/// <summary>
/// The element names the HTML5 tree builder treats specially, as small integer ids with their categories (void, special,
/// formatting, scope boundaries…), for <see cref="HtmlTreeModel"/>. Names are ASCII-lowercased; a name not listed here is
/// "ordinary" and gets an id of its own per document.
/// </summary>
internal static class HtmlTags
{
    private static readonly string[] s_names =
    [
        "html", "head", "body", "frameset", "frame", "address", "article", "aside", "blockquote", "center", "details", "dialog",
        "dir", "div", "dl", "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "main", "menu", "nav", "ol", "p",
        "search", "section", "summary", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "listing", "form", "li", "dd", "dt",
        "plaintext", "button", "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
        "applet", "marquee", "object", "table", "area", "br", "embed", "img", "keygen", "wbr", "input", "param", "source",
        "track", "hr", "image", "textarea", "xmp", "iframe", "noembed", "noscript", "select", "optgroup", "option", "rb", "rtc",
        "rp", "rt", "ruby", "math", "svg", "caption", "col", "colgroup", "tbody", "td", "tfoot", "th", "thead", "tr", "script",
        "style", "title", "base", "basefont", "bgsound", "link", "meta", "noframes", "template", "span", "sub", "sup", "var",
        "mi", "mo", "mn", "ms", "mtext", "annotation-xml", "mglyph", "malignmark", "foreignobject", "desc",
    ];

    public static readonly FrozenDictionary<string, int> Ids =
        s_names.Select((n, i) => (n, i)).ToFrozenDictionary(p => p.n, p => p.i, StringComparer.OrdinalIgnoreCase);

    public static readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> ById =
        Ids.GetAlternateLookup<ReadOnlySpan<char>>();

    public static int Id(string name) => Ids[name];

    public static readonly int HtmlTag = Id("html"), Head = Id("head"), Body = Id("body"), Frameset = Id("frameset"), Frame = Id("frame"),
        P = Id("p"), Li = Id("li"), Dd = Id("dd"), Dt = Id("dt"), Div = Id("div"), Address = Id("address"), Form = Id("form"),
        Plaintext = Id("plaintext"), Button = Id("button"), A = Id("a"), Nobr = Id("nobr"), Font = Id("font"), Table = Id("table"),
        Hr = Id("hr"), Image = Id("image"), Textarea = Id("textarea"), Xmp = Id("xmp"), Iframe = Id("iframe"), Noembed = Id("noembed"),
        Select = Id("select"), Optgroup = Id("optgroup"), Option = Id("option"), Rb = Id("rb"), Rtc = Id("rtc"), Rp = Id("rp"),
        Rt = Id("rt"), Ruby = Id("ruby"), MathTag = Id("math"), Svg = Id("svg"), Caption = Id("caption"), Col = Id("col"),
        Colgroup = Id("colgroup"), Tbody = Id("tbody"), Td = Id("td"), Tfoot = Id("tfoot"), Th = Id("th"), Thead = Id("thead"),
        Tr = Id("tr"), Script = Id("script"), Style = Id("style"), Title = Id("title"), Noframes = Id("noframes"),
        Template = Id("template"), Input = Id("input"), Keygen = Id("keygen"), Br = Id("br"), Applet = Id("applet"),
        Marquee = Id("marquee"), ObjectTag = Id("object"), Mi = Id("mi"), Mo = Id("mo"), Mn = Id("mn"), Ms = Id("ms"), Mtext = Id("mtext"),
        AnnotationXml = Id("annotation-xml"), Mglyph = Id("mglyph"), Malignmark = Id("malignmark"), ForeignObject = Id("foreignobject"),
        Desc = Id("desc"), H1 = Id("h1"), H6 = Id("h6"), Pre = Id("pre"), Listing = Id("listing");

    private static bool[] Set(params string[] names)
    {
        var set = new bool[s_names.Length];
        foreach (var n in names)
        {
            set[Ids[n]] = true;
        }
        return set;
    }

    public static readonly bool[] Voids = Set("area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
        "input", "keygen", "link", "meta", "param", "source", "track", "wbr");

    /// <summary>HTML's "special" category (elements in the HTML namespace).</summary>
    public static readonly bool[] Special = Set("address", "applet", "area", "article", "aside", "base", "basefont", "bgsound",
        "blockquote", "body", "br", "button", "caption", "center", "col", "colgroup", "dd", "details", "dir", "div", "dl", "dt",
        "embed", "fieldset", "figcaption", "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6",
        "head", "header", "hgroup", "hr", "html", "iframe", "img", "input", "keygen", "li", "link", "listing", "main", "marquee",
        "menu", "meta", "nav", "noembed", "noframes", "noscript", "object", "ol", "p", "param", "plaintext", "pre", "script",
        "search", "section", "select", "source", "style", "summary", "table", "tbody", "td", "template", "textarea", "tfoot", "th",
        "thead", "title", "tr", "track", "ul", "wbr", "xmp");

    public static readonly bool[] Formatting = Set("a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u");

    /// <summary>The HTML elements that bound "has an element in scope".</summary>
    public static readonly bool[] ScopeBoundary = Set("applet", "caption", "html", "table", "td", "th", "marquee", "object", "template");

    /// <summary>Start tags that close an open p element first.</summary>
    public static readonly bool[] ClosesP = Set("address", "article", "aside", "blockquote", "center", "details", "dialog", "dir",
        "div", "dl", "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "main", "menu", "nav", "ol", "p", "search",
        "section", "summary", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "listing", "form", "li", "dd", "dt", "plaintext",
        "table", "hr", "xmp");

    /// <summary>End tags that pop to their element when it is in (default) scope.</summary>
    public static readonly bool[] ClosedInScope = Set("address", "article", "aside", "blockquote", "button", "center", "details",
        "dialog", "dir", "div", "dl", "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "listing", "main", "menu",
        "nav", "ol", "pre", "search", "section", "summary", "ul");

    public static readonly bool[] ImpliedEnd = Set("dd", "dt", "li", "optgroup", "option", "p", "rb", "rp", "rt", "rtc");

    /// <summary>Start tags that leave SVG or MathML content for HTML (font only with color, face or size).</summary>
    public static readonly bool[] Breakout = Set("b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt",
        "em", "embed", "font", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing", "menu", "meta", "nobr", "ol",
        "p", "pre", "ruby", "s", "small", "span", "strong", "strike", "sub", "sup", "table", "tt", "u", "ul", "var");

    /// <summary>Table-structure start tags: ignored outside a table, they reshape the stack inside one.</summary>
    public static readonly bool[] TablePart = Set("caption", "col", "colgroup", "tbody", "td", "tfoot", "th", "thead", "tr");

    /// <summary>Elements whose insertion puts a marker on the list of active formatting elements.</summary>
    public static readonly bool[] Marker = Set("applet", "marquee", "object", "template", "td", "th", "caption");

    /// <summary>Elements whose content is text up to their end tag: raw text (1), escapable RCDATA (2), script data (3).</summary>
    public static int TextKind(int tag) =>
        tag == Style || tag == Xmp || tag == Iframe || tag == Noembed || tag == Noframes ? 1
        : tag == Textarea || tag == Title ? 2
        : tag == Script ? 3
        : 0;

    public static bool IsHeading(int tag) => tag >= H1 && tag <= H6;

    public static bool Is(bool[] set, int tag) => (uint)tag < (uint)set.Length && set[tag];

    /// <summary>The first id given to names not listed here.</summary>
    public const int FirstOther = 1000;
}
