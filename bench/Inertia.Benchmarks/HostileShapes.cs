using System.Diagnostics;
using System.Text;
using Inertia.Feeds.Html;
using Inertia.Feeds.Parsing;
using Inertia.Reader.Storage;

namespace Inertia.Benchmarks;

/// <summary>
/// Documents shaped to cost super-linear time, each built at 1 MB and 4 MB and run through what ingest does with a fetched
/// document (parse, sanitize, search text). Linear means the 4 MB run takes about 4× the 1 MB one; the bound is 5×.
/// </summary>
public static class HostileShapes
{
    private static readonly (string Name, Func<int, byte[]> Make)[] s_shapes =
    [
        ("escaped <span/> flood in a description", n => Item(Escaped(Repeat("<span/>", n / 13)))),
        ("escaped <div> nesting in a description", n => Item(Escaped(Repeat("<div>", n / 11)))),
        ("escaped misnested <b><i> in a description", n => Item(Escaped(Repeat("<b><i>", n / 26) + Repeat("</b></i>", n / 26)))),
        ("escaped unclosed <table><tr><td> in a description", n => Item(Escaped(Repeat("<table><tr><td>", n / 27)))),
        ("escaped adoption-agency <b><div></b></b>", n => Item(Escaped(Repeat("<b><div></b></b>", n / 28)))),
        ("'<' without '>' in a title", n => Rss($"<item><guid>1</guid><title>{Repeat("&lt;a", n / 5)}</title></item>")),
        ("namespace declarations and undeclared prefixes", n => Namespaces(n)),
        ("a flood of warnings (unmatched end tags)", n => Rss(Repeat("</nothing-open>", n / 15) + "<item><guid>1</guid></item>")),
        ("200,000-category item (and more)", n => Rss("<item><guid>1</guid>" + Categories(n) + "</item>")),
        ("an item with a flood of authors", n => Rss("<item><guid>1</guid>" + Creators(n) + "</item>", "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"")),
        ("unclosed XML elements, deep", n => Rss("<item><guid>1</guid>" + Repeat("<x>", n / 3))),
    ];

    public static void Run()
    {
        Console.WriteLine("| shape | 1 MB | MB/s | 4 MB | MB/s | 4 MB ÷ 1 MB |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (name, make) in s_shapes)
        {
            var small = make(1 << 20);
            var large = make(4 << 20);
            // warm up on the small one, then the median of three of each
            Pipeline(small);
            var s = Median(() => Pipeline(small));
            var l = Median(() => Pipeline(large));
            Console.WriteLine($"| {name} | {s * 1000:F0} ms | {small.Length / 1048576.0 / s:F1} | {l * 1000:F0} ms | {large.Length / 1048576.0 / l:F1} | {l / s:F2}× |");
        }
    }

    // what ingest does with a fetched body before the write: parse, sanitize, and the search text of each entry
    private static void Pipeline(byte[] document)
    {
        var feed = FeedParser.Parse(document).Feed ?? throw new InvalidOperationException("not a feed");
        foreach (var entry in EntryHtml.Sanitize(feed).Entries)
        {
            _ = EntryRow.SearchTextOf(entry);
        }
    }

    private static double Median(Action run)
    {
        var times = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var sw = Stopwatch.StartNew();
            run();
            times.Add(sw.Elapsed.TotalSeconds);
        }
        times.Sort();
        return times[1];
    }

    private static string Repeat(string s, int n) => new StringBuilder(s.Length * n).Insert(0, s, n).ToString();

    private static string Escaped(string html) => html.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private static byte[] Rss(string items, string namespaces = "") =>
        Encoding.UTF8.GetBytes($"<rss version=\"2.0\" {namespaces}><channel><title>hostile</title><link>https://h.example/</link>{items}</channel></rss>");

    private static byte[] Item(string escapedHtml) => Rss($"<item><guid>1</guid><title>t</title><description>{escapedHtml}</description></item>");

    private static byte[] Namespaces(int n)
    {
        var sb = new StringBuilder("<rss version=\"2.0\"");
        var declarations = n / 100 / 40;
        for (var i = 0; i < declarations; i++)
        {
            sb.Append(" xmlns:p").Append(i).Append("=\"urn:p:").Append(i).Append('"');
        }
        sb.Append("><channel><title>t</title>");
        var items = 0;
        while (sb.Length < n)
        {
            sb.Append("<item><guid>").Append(items).Append("</guid><u").Append(items % 13).Append(":x>y</u").Append(items % 13).Append(":x></item>\n");
            items++;
        }
        return Encoding.UTF8.GetBytes(sb.Append("</channel></rss>").ToString());
    }

    private static string Categories(int n)
    {
        var sb = new StringBuilder();
        for (var i = 0; sb.Length < n; i++)
        {
            sb.Append("<category>c").Append(i).Append("</category>");
        }
        return sb.ToString();
    }

    private static string Creators(int n)
    {
        var sb = new StringBuilder();
        for (var i = 0; sb.Length < n; i++)
        {
            sb.Append("<dc:creator>a").Append(i).Append("</dc:creator>");
        }
        return sb.ToString();
    }

    /// <summary>The 5 MB feed whose one item holds 400,000 escaped &lt;span/&gt; (issue 10's measured case), for `hostile-feed FILE`.</summary>
    public static byte[] FiveMegabyteSpanFeed() => Item(Escaped(Repeat("<span/>", 400_000)));
}
