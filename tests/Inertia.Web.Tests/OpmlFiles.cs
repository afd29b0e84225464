using System.Text;
using Inertia.Reader.Tests;

namespace Inertia.Web.Tests;

/// <summary>OPML files for import tests (shared with the browser tests).</summary>
public static class OpmlFiles
{
    /// <summary>An OPML file of <paramref name="good"/> feeds on the test server, in two folders, and <paramref name="broken"/> outlines that are not.</summary>
    public static string Farm(FeedServer feeds, int good, int broken)
    {
        var text = new StringBuilder("""<?xml version="1.0" encoding="utf-8"?>""").Append("\n<opml version=\"2.0\"><head><title>Export</title></head><body>\n");
        for (var folder = 0; folder < 2; folder++)
        {
            text.Append($"<outline text=\"Folder {folder}\">\n");
            for (var i = folder; i < good; i += 2)
            {
                text.Append($"  <outline type=\"rss\" text=\"Feed {i}\" xmlUrl=\"{feeds.Url($"imported/{i}.xml")}\"/>\n");
            }
            text.Append("</outline>\n");
        }
        for (var i = 0; i < broken; i++)
        {
            text.Append(i % 2 == 0 ? $"<outline type=\"rss\" text=\"No address {i}\"/>\n" : $"<outline type=\"rss\" text=\"Bad {i}\" xmlUrl=\"javascript:alert({i})\"/>\n");
        }
        return text.Append("</body></opml>\n").ToString();
    }
}
