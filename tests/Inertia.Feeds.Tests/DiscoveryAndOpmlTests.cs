using System.Text;
using Inertia.Feeds.Discovery;
using Inertia.Feeds.Opml;

namespace Inertia.Feeds.Tests;

[Collection(MemoryHeavy.Name)]
public class DiscoveryAndOpmlTests
{
    [Fact]
    public void Discovery_finds_declared_feeds_then_candidates()
    {
        var html = File.ReadAllText(Fixtures.PathOf("html-page-with-feed-links.html"));
        var found = FeedDiscovery.Find(html, "https://www.ruanyifeng.com/");
        Assert.Equal(
            [
                new DiscoveredFeed("https://www.ruanyifeng.com/blog/atom.xml", "Atom", "atom", false),
                new DiscoveredFeed("https://www.ruanyifeng.com/feed.rss", "RSS 2.0", "rss", false),
                new DiscoveredFeed("https://www.ruanyifeng.com/feed.json", null, "json", false),
                new DiscoveredFeed("https://www.ruanyifeng.com/all-posts", null, null, false),
                new DiscoveredFeed("https://www.ruanyifeng.com/blog/index.xml", "XML feed", "rss", true),
            ],
            found);
    }

    [Fact]
    public void Opml_nested_outlines_become_categories_and_bad_outlines_are_reported_with_lines()
    {
        var problems = new List<OpmlProblem>();
        var outlines = OpmlReader.Read(File.ReadAllText(Fixtures.PathOf("opml-nested-categories-with-broken-outlines.opml")), problems.Add).ToList();
        Assert.Equal(
            ["https://simonwillison.net/atom/everything/", "https://www.ruanyifeng.com/blog/atom.xml", "https://hnrss.org/ask", "https://e.com/feed?a=1&b=2"],
            outlines.Select(o => o.FeedUrl));
        Assert.Equal(["Tech"], outlines[0].Categories);
        Assert.Equal("Simon Willison", outlines[0].Title);
        Assert.Equal("https://simonwillison.net/", outlines[0].SiteUrl);
        Assert.Equal(["Tech", "中文"], outlines[1].Categories);
        Assert.Empty(outlines[2].Categories);
        Assert.Equal([9, 13, 14], problems.Select(p => p.Line));
        Assert.Contains("not an absolute http(s) URL", problems[0].Reason);
        Assert.Contains("no xmlUrl", problems[1].Reason);
    }

    [Fact]
    public void Opml_with_100k_outlines_streams_in_bounded_memory()
    {
        var sb = new StringBuilder("<opml version=\"2.0\"><body>");
        for (var i = 0; i < 100_000; i++)
        {
            sb.Append(i % 1000 == 0 ? "<outline text=\"Cat\">" : "");
            sb.Append(i % 997 == 0 ? "<outline type=\"rss\" xmlUrl=\"not a url\"/>" : $"<outline type=\"rss\" text=\"F{i}\" xmlUrl=\"https://f{i}.example/rss\"/>");
            sb.Append(i % 1000 == 999 ? "</outline>" : "");
        }
        var text = sb.Append("</body></opml>").ToString();
        GC.Collect();
        var before = GC.GetAllocatedBytesForCurrentThread();
        long count = 0, bad = 0;
        long peakLive = 0;
        foreach (var o in OpmlReader.Read(text, _ => bad++))
        {
            count++;
            if (count % 20_000 == 0)
            {
                peakLive = Math.Max(peakLive, GC.GetTotalMemory(false));
            }
        }
        Assert.Equal(100_000 - 101, count);
        Assert.Equal(101, bad);
        // nothing is kept per outline: the live heap stays near the size of the text itself
        GC.Collect();
        Assert.True(GC.GetTotalMemory(true) < text.Length * 2L + 64 * 1024 * 1024);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before > 0);
    }

    [Fact]
    public void Opml_written_reads_back_the_same()
    {
        var outlines = new List<OpmlOutline>
        {
            new("https://a.example/rss", "https://a.example/", "A & B", ["Tech"], 0),
            new("https://b.example/rss", null, "中文", [], 0),
        };
        using var ms = new MemoryStream();
        OpmlWriter.Write(ms, "Inertia", outlines, DateTimeOffset.UnixEpoch);
        var back = OpmlReader.Read(Encoding.UTF8.GetString(ms.ToArray())).ToList();
        Assert.Equal(outlines.Select(o => (o.FeedUrl, o.SiteUrl, o.Title, string.Join("/", o.Categories))), back.Select(o => (o.FeedUrl, o.SiteUrl, o.Title, string.Join("/", o.Categories))));
    }
}
