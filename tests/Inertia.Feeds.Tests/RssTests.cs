using Inertia.Feeds.Model;

namespace Inertia.Feeds.Tests;

public class RssTests
{
    [Theory]
    [InlineData("<dc:creator>A</dc:creator>", "A")]
    [InlineData("<dc:creator>A</dc:creator><dc:creator>B</dc:creator><dc:creator>A</dc:creator>", "A")]
    [InlineData("<dc:creator></dc:creator><dc:creator>B</dc:creator><dc:creator>C</dc:creator>", "B")]
    [InlineData("<author>a@e.com</author><dc:creator>A</dc:creator><dc:creator>B</dc:creator>", "A")]
    [InlineData("<author>a@e.com (Ann)</author><dc:creator>A</dc:creator>", "Ann")]
    public void The_first_creator_is_the_author_and_wins_over_a_bare_email(string authors, string expected)
    {
        var feed = Fixtures.ParseText($"<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>t</title><item><title>x</title><guid>g</guid>{authors}</item></channel></rss>");
        Assert.Equal(expected, Assert.Single(feed.Entries).Author);
    }

    [Fact]
    public void Rss091_with_doctype_reads_channel_image_and_double_escaped_entities()
    {
        var feed = Fixtures.Parse("rss091-with-doctype.xml");
        Assert.Equal(FeedFormat.Rss, feed.Format);
        Assert.Equal("0.91", feed.Version);
        Assert.Equal("WriteTheWeb", feed.Title);
        Assert.Equal("en-us", feed.Language);
        Assert.Equal("http://writetheweb.com/images/mynetscape88.gif", feed.IconUrl);
        var e = Assert.Single(feed.Entries);
        Assert.Equal("http://writetheweb.com/read.php?item=24", e.Url);
        Assert.Equal(e.Url, e.Key);
        Assert.Contains("&mdash;", e.Summary);
    }

    [Fact]
    public void Rss20_reads_extensions_that_carry_visible_content()
    {
        var feed = Fixtures.Parse("rss20-full-featured.xml", sanitize: true);
        Assert.Equal("2.0", feed.Version);
        Assert.Equal("Simon Willison’s Weblog", feed.Title);
        Assert.Equal("https://simonwillison.net/", feed.SiteUrl);
        Assert.Equal("https://simonwillison.net/atom/everything/", feed.FeedUrl);
        Assert.Equal(["https://hub.example.com/"], feed.Hubs);
        Assert.Equal("https://simonwillison.net/atom/everything/?page=2", feed.NextUrl);
        Assert.Equal("Hacks & notes", feed.Description);
        Assert.Equal("https://simonwillison.net/icon.png", feed.IconUrl);
        Assert.Equal(new DateTimeOffset(2026, 6, 13, 10, 0, 0, TimeSpan.Zero), feed.Updated);

        var ep = feed.Entries[0];
        Assert.Equal("https://simonwillison.net/2026/Jun/13/ep1/", ep.Id);
        Assert.Equal("Simon Willison", ep.Author); // dc:creator wins over a bare e-mail
        Assert.Equal(new DateTimeOffset(2026, 6, 13, 8, 30, 0, TimeSpan.Zero), ep.Published);
        Assert.Equal(["AI", "LLMs"], ep.Categories);
        Assert.Equal("Short summary", ep.Summary);
        Assert.Contains("src=\"https://simonwillison.net/static/pic.jpg\"", ep.Content);
        Assert.Contains("https://simonwillison.net/static/pic-2x.jpg 2x", ep.Content);
        Assert.Equal("https://simonwillison.net/static/pic.jpg", ep.ImageUrl);
        var enc = Assert.Single(ep.Enclosures);
        Assert.Equal(new Enclosure("https://cdn.example.com/ep1.mp3", "audio/mpeg", 12345678), enc);

        var video = feed.Entries[1];
        Assert.Null(video.Url);
        Assert.Equal("video-2", video.Key);
        Assert.Equal("https://cdn.example.com/v2.jpg", video.ImageUrl);
        Assert.Equal(new Enclosure("https://cdn.example.com/v2.mp4", "video/mp4", 999), Assert.Single(video.Enclosures));
        Assert.Equal("A description from media RSS", video.Summary);
        Assert.Equal(new DateTimeOffset(2026, 6, 12, 15, 0, 0, TimeSpan.Zero), video.Published);

        Assert.Equal("https://simonwillison.net/2026/Jun/11/guid/", feed.Entries[2].Url);
    }

    [Fact]
    public void Rdf10_reads_items_beside_the_channel_with_dublin_core()
    {
        var feed = Fixtures.Parse("rdf10-with-dc.xml");
        Assert.Equal(FeedFormat.Rdf, feed.Format);
        Assert.Equal("1.0", feed.Version);
        Assert.Equal("ja", feed.Language);
        Assert.Equal("http://example.org/logo.png", feed.IconUrl);
        Assert.Equal(new DateTimeOffset(2026, 6, 13, 1, 0, 0, TimeSpan.Zero), feed.Updated);
        var e = Assert.Single(feed.Entries);
        Assert.Equal("http://example.org/articles/1", e.Id);
        Assert.Equal("Hiro", e.Author);
        Assert.Equal(["news"], e.Categories);
        Assert.Equal("Item one <b>bold</b>", e.Summary);
    }

    [Fact]
    public void Rss090_is_read_as_rdf_version_090()
    {
        var feed = Fixtures.Parse("rss090-netscape.xml");
        Assert.Equal(FeedFormat.Rdf, feed.Format);
        Assert.Equal("0.90", feed.Version);
        Assert.Equal(2, feed.Entries.Count);
        Assert.Equal("http://www.mozilla.org/bugs/", feed.Entries[1].Url);
    }

    [Fact]
    public void Ttl_and_skip_hours_are_read_for_the_scheduler()
    {
        var feed = Fixtures.ParseText("<rss version=\"2.0\"><channel><title>t</title><ttl>90</ttl><skipHours><hour>0</hour><hour>1</hour><hour>24</hour><hour>x</hour></skipHours></channel></rss>");
        Assert.Equal(TimeSpan.FromMinutes(90), feed.TimeToLive);
        Assert.Equal([0, 1], feed.SkipHours);
    }

    [Fact]
    public void Rss_author_email_with_name_gives_the_name()
    {
        Assert.Equal("Lawyer Boyer", Parsing.Rss.RssAdapter.NameFromRssAuthor("lawyer@boyer.net (Lawyer Boyer)"));
        Assert.Equal("Plain Name", Parsing.Rss.RssAdapter.NameFromRssAuthor("Plain Name"));
    }

    [Fact]
    public void Relative_links_resolve_against_document_url_then_channel_link()
    {
        const string xml = "<rss version=\"2.0\"><channel><link>https://site.example/blog/</link><item><link>post-1</link><title>a</title></item></channel></rss>";
        Assert.Equal("https://feeds.example/post-1", Fixtures.ParseText(xml, "https://feeds.example/rss").Entries[0].Url);
        Assert.Equal("https://site.example/blog/post-1", Fixtures.ParseText(xml).Entries[0].Url);
    }

    [Fact]
    public void Items_sharing_a_guid_are_both_kept_and_an_identical_copy_is_dropped_with_a_warning()
    {
        var feed = Fixtures.ParseText("<rss version=\"2.0\"><channel><item><guid>a</guid><title>first</title></item>\n<item><guid>a</guid><title>second</title></item>\n<item><guid>a</guid><title>second</title></item></channel></rss>");
        Assert.Equal(["first", "second"], feed.Entries.Select(e => e.Title));
        Assert.Contains("line 3: entry 'a' is identical to an earlier one and was dropped", feed.Warnings);
    }

    [Fact]
    public void Entries_without_id_or_link_get_a_stable_hash_key()
    {
        const string xml = "<rss version=\"2.0\"><channel><item><title>Only a title</title><description>body</description></item></channel></rss>";
        var k1 = Fixtures.ParseText(xml).Entries[0].Key;
        var k2 = Fixtures.ParseText(xml).Entries[0].Key;
        Assert.StartsWith("hash:", k1);
        Assert.Equal(k1, k2);
        Assert.NotEqual(k1, Fixtures.ParseText(xml.Replace("body", "other", StringComparison.Ordinal)).Entries[0].Key);
    }
}
