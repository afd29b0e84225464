namespace Inertia.Feeds.Xml;

/// <summary>The namespaces feeds use, in one canonical spelling each, and the prefixes they are conventionally bound to.</summary>
public static class XmlNamespaces
{
    public const string Atom10 = "http://www.w3.org/2005/Atom";
    public const string Atom03 = "http://purl.org/atom/ns#";
    public const string Rss10 = "http://purl.org/rss/1.0/";
    public const string Rss090 = "http://my.netscape.com/rdf/simple/0.9/";
    /// <summary>What Userland's RSS namespaces start with: …/rss, …/rss2, …/rss2.1.</summary>
    public const string Userland = "http://backend.userland.com/rss";
    public const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public const string Content = "http://purl.org/rss/1.0/modules/content/";
    public const string DublinCore = "http://purl.org/dc/elements/1.1/";
    public const string DublinCoreTerms = "http://purl.org/dc/terms/";
    public const string Media = "http://search.yahoo.com/mrss/";
    public const string ITunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    public const string GooglePlay = "http://www.google.com/schemas/play-podcasts/1.0";
    public const string Xhtml = "http://www.w3.org/1999/xhtml";
    public const string Xml = "http://www.w3.org/XML/1998/namespace";
    public const string FeedBurner = "http://rssnamespace.org/feedburner/ext/1.0";
    public const string Syndication = "http://purl.org/rss/1.0/modules/syndication/";

    private static readonly Dictionary<string, string> s_canonical = new(StringComparer.OrdinalIgnoreCase)
    {
        [Atom10] = Atom10,
        [Atom10 + "/"] = Atom10,
        [Atom03] = Atom03,
        ["http://purl.org/atom/ns"] = Atom03,
        [Rss10] = Rss10,
        ["http://purl.org/rss/1.0"] = Rss10,
        [Rss090] = Rss090,
        ["http://my.netscape.com/rdf/simple/0.9"] = Rss090,
        [Rdf] = Rdf,
        [Content] = Content,
        ["http://purl.org/rss/1.0/modules/content"] = Content,
        [DublinCore] = DublinCore,
        ["http://purl.org/dc/elements/1.1"] = DublinCore,
        [DublinCoreTerms] = DublinCoreTerms,
        ["http://purl.org/dc/terms"] = DublinCoreTerms,
        [Media] = Media,
        ["http://search.yahoo.com/mrss"] = Media,
        ["https://search.yahoo.com/mrss/"] = Media,
        ["http://video.search.yahoo.com/mrss"] = Media,
        ["http://video.search.yahoo.com/mrss/"] = Media,
        [ITunes] = ITunes,
        ["https://www.itunes.com/dtds/podcast-1.0.dtd"] = ITunes,
        [GooglePlay] = GooglePlay,
        [Xhtml] = Xhtml,
        [Xml] = Xml,
        [FeedBurner] = FeedBurner,
        [Syndication] = Syndication,
    };

    /// <summary>Prefixes feeds use without declaring them; binding them by convention recovers the element.</summary>
    private static readonly Dictionary<string, string> s_conventional = new(StringComparer.Ordinal)
    {
        ["atom"] = Atom10,
        ["atom10"] = Atom10,
        ["a10"] = Atom10,
        ["rdf"] = Rdf,
        ["content"] = Content,
        ["dc"] = DublinCore,
        ["dcterms"] = DublinCoreTerms,
        ["media"] = Media,
        ["itunes"] = ITunes,
        ["googleplay"] = GooglePlay,
        ["xhtml"] = Xhtml,
        ["feedburner"] = FeedBurner,
        ["sy"] = Syndication,
        ["xml"] = Xml,
    };

    /// <summary>The canonical spelling of a namespace URI (trailing slashes and case variants folded).</summary>
    public static string Canonical(string uri)
    {
        var trimmed = uri.Trim();
        return s_canonical.TryGetValue(trimmed, out var c) ? c : trimmed;
    }

    public static string? Conventional(string prefix) => s_conventional.GetValueOrDefault(prefix);
}
