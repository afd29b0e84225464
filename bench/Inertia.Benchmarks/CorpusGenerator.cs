using System.Text;

namespace Inertia.Benchmarks;

/// <summary>A deterministic corpus of realistic feeds: RSS 2.0, Atom 1.0, RDF and JSON Feed, 20–200 entries of ~2 KB HTML, some Chinese in GBK.</summary>
public static class CorpusGenerator
{
    public sealed record Document(string Name, string Format, byte[] Bytes);

    private static readonly string[] s_words =
        ["feed", "reader", "parser", "stream", "batch", "retry", "latency", "cache", "index", "query", "cloud", "security", "kernel", "release", "model", "agent"];

    private static readonly string[] s_chinese =
        ["惯性聚合", "高效追踪", "阅读", "博客", "新闻", "科技资讯", "数据库", "性能优化", "网络安全", "人工智能", "开源", "发布"];

    public static List<Document> Generate(int count, int seed = 42)
    {
        System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var random = new Random(seed);
        var docs = new List<Document>(count);
        for (var i = 0; i < count; i++)
        {
            var entries = random.Next(20, 201);
            var chinese = i % 5 == 0;
            var kind = i % 4;
            var (format, text) = kind switch
            {
                0 => ("rss", Rss(random, i, entries, chinese)),
                1 => ("atom", Atom(random, i, entries, chinese)),
                2 => ("rdf", Rdf(random, i, entries, chinese)),
                _ => ("json", Json(random, i, entries, chinese)),
            };
            var gbk = chinese && kind == 0 && i % 2 == 0;
            var bytes = gbk
                ? System.Text.Encoding.GetEncoding("gb18030").GetBytes(text.Replace("encoding=\"utf-8\"", "encoding=\"gbk\"", StringComparison.Ordinal))
                : System.Text.Encoding.UTF8.GetBytes(text);
            docs.Add(new Document($"feed{i:D3}.{format}{(gbk ? ".gbk" : "")}", format, bytes));
        }
        return docs;
    }

    private static string Words(Random r, int n, bool chinese)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < n; i++)
        {
            sb.Append(chinese && r.Next(2) == 0 ? s_chinese[r.Next(s_chinese.Length)] : s_words[r.Next(s_words.Length)]);
            sb.Append(' ');
        }
        return sb.ToString().TrimEnd();
    }

    /// <summary>About 2 KB of article HTML: paragraphs, links, an image, a list, code, the odd entity.</summary>
    private static string Html(Random r, int site, int entry, bool chinese)
    {
        var sb = new StringBuilder();
        sb.Append("<h2>").Append(Words(r, 5, chinese)).Append("</h2>");
        for (var p = 0; p < 4; p++)
        {
            sb.Append("<p>").Append(Words(r, 30, chinese)).Append(" &amp; <a href=\"/posts/").Append(entry).Append("/ref").Append(p).Append("\">")
              .Append(Words(r, 3, chinese)).Append("</a> <strong>").Append(Words(r, 2, chinese)).Append("</strong></p>");
        }
        sb.Append("<p><img src=\"https://cdn").Append(site).Append(".example.com/img/").Append(entry).Append(".jpg\" alt=\"figure\" width=\"640\" height=\"360\"></p>");
        sb.Append("<ul><li>").Append(Words(r, 6, chinese)).Append("</li><li>").Append(Words(r, 6, chinese)).Append("</li></ul>");
        sb.Append("<pre><code>var x = a &lt; b;</code></pre>");
        return sb.ToString();
    }

    private static string Date(Random r) => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(r.Next(0, 500_000)).ToString("r");

    private static string Iso(Random r) => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(r.Next(0, 500_000)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

    private static string Rss(Random r, int site, int entries, bool chinese)
    {
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n");
        sb.Append("<title>").Append(Words(r, 3, chinese)).Append("</title><link>https://site").Append(site).Append(".example.com/</link>\n");
        sb.Append("<atom:link rel=\"self\" href=\"https://site").Append(site).Append(".example.com/feed.xml\"/><description>").Append(Words(r, 8, chinese)).Append("</description>\n");
        for (var e = 0; e < entries; e++)
        {
            sb.Append("<item><title>").Append(Words(r, 7, chinese)).Append("</title><link>https://site").Append(site).Append(".example.com/posts/").Append(e).Append("</link>");
            sb.Append("<guid isPermaLink=\"false\">site").Append(site).Append("-").Append(e).Append("</guid><pubDate>").Append(Date(r)).Append("</pubDate>");
            sb.Append("<dc:creator>").Append(Words(r, 2, chinese)).Append("</dc:creator><category>").Append(Words(r, 1, chinese)).Append("</category>");
            sb.Append("<description><![CDATA[").Append(Words(r, 25, chinese)).Append("]]></description>");
            sb.Append("<content:encoded><![CDATA[").Append(Html(r, site, e, chinese)).Append("]]></content:encoded></item>\n");
        }
        return sb.Append("</channel>\n</rss>\n").ToString();
    }

    private static string Atom(Random r, int site, int entries, bool chinese)
    {
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
        sb.Append("<title>").Append(Words(r, 3, chinese)).Append("</title><link href=\"https://site").Append(site).Append(".example.com/\"/><link rel=\"self\" href=\"https://site").Append(site).Append(".example.com/atom.xml\"/>\n");
        sb.Append("<id>urn:site").Append(site).Append("</id><updated>").Append(Iso(r)).Append("</updated><author><name>").Append(Words(r, 2, chinese)).Append("</name></author>\n");
        for (var e = 0; e < entries; e++)
        {
            sb.Append("<entry><title>").Append(Words(r, 7, chinese)).Append("</title><link href=\"https://site").Append(site).Append(".example.com/posts/").Append(e).Append("\"/>");
            sb.Append("<id>tag:site").Append(site).Append(".example.com,2026:").Append(e).Append("</id><published>").Append(Iso(r)).Append("</published><updated>").Append(Iso(r)).Append("</updated>");
            sb.Append("<category term=\"").Append(Words(r, 1, chinese)).Append("\"/><summary>").Append(Words(r, 25, chinese)).Append("</summary>");
            sb.Append("<content type=\"html\">").Append(System.Security.SecurityElement.Escape(Html(r, site, e, chinese))).Append("</content></entry>\n");
        }
        return sb.Append("</feed>\n").ToString();
    }

    private static string Rdf(Random r, int site, int entries, bool chinese)
    {
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n");
        sb.Append("<channel rdf:about=\"https://site").Append(site).Append(".example.com/\"><title>").Append(Words(r, 3, chinese)).Append("</title><link>https://site").Append(site).Append(".example.com/</link><description>d</description></channel>\n");
        for (var e = 0; e < entries; e++)
        {
            sb.Append("<item rdf:about=\"https://site").Append(site).Append(".example.com/posts/").Append(e).Append("\"><title>").Append(Words(r, 7, chinese)).Append("</title>");
            sb.Append("<link>https://site").Append(site).Append(".example.com/posts/").Append(e).Append("</link><dc:date>").Append(Iso(r)).Append("</dc:date><dc:creator>").Append(Words(r, 2, chinese)).Append("</dc:creator>");
            sb.Append("<description>").Append(Words(r, 25, chinese)).Append("</description><content:encoded><![CDATA[").Append(Html(r, site, e, chinese)).Append("]]></content:encoded></item>\n");
        }
        return sb.Append("</rdf:RDF>\n").ToString();
    }

    private static string Json(Random r, int site, int entries, bool chinese)
    {
        using var ms = new MemoryStream();
        using (var w = new System.Text.Json.Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WriteString("version", "https://jsonfeed.org/version/1.1");
            w.WriteString("title", Words(r, 3, chinese));
            w.WriteString("home_page_url", $"https://site{site}.example.com/");
            w.WriteStartArray("items");
            for (var e = 0; e < entries; e++)
            {
                w.WriteStartObject();
                w.WriteString("id", $"site{site}-{e}");
                w.WriteString("url", $"https://site{site}.example.com/posts/{e}");
                w.WriteString("title", Words(r, 7, chinese));
                w.WriteString("content_html", Html(r, site, e, chinese));
                w.WriteString("date_published", Iso(r));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }
}
