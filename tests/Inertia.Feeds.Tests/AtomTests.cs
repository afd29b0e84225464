using Inertia.Feeds.Model;

namespace Inertia.Feeds.Tests;

public class AtomTests
{
    [Theory]
    [InlineData("type=\"html\"")]
    [InlineData("type=\"HTML\"")]
    [InlineData("type=\" html \"")]
    [InlineData("type=\"text/html\"")]
    [InlineData("type=\"&#104;tml\"")]
    [InlineData("type='html' xml:lang=\"en\"")]
    public void Html_content_is_read_as_html_however_its_type_is_written(string attributes)
    {
        var feed = Fixtures.ParseText($"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title><entry><id>i</id><title>x</title><content {attributes}>&lt;p&gt;a &amp;amp; b&lt;/p&gt;</content></entry></feed>");
        Assert.Equal("<p>a &amp; b</p>", Assert.Single(feed.Entries).Content);
    }

    [Fact]
    public void Plain_text_becomes_html_exactly_as_the_encoder_and_line_breaks_make_it()
    {
        // text summaries take a shortcut when nothing needs escaping: it must give what the full path gives, always
        string[] pieces = ["a", "text ", "<", ">", "&", "\"", "'", "\r\n", "\n", "\r", "é", "ÿ", "\u00A0", "中文", "😀", "Ā", "\t"];
        var random = new Random(2026);
        for (var iteration = 0; iteration < 5_000; iteration++)
        {
            var sb = new System.Text.StringBuilder();
            var count = random.Next(0, 12);
            for (var k = 0; k < count; k++)
            {
                sb.Append(pieces[random.Next(pieces.Length)]);
            }
            var text = sb.ToString();
            var expected = System.Net.WebUtility.HtmlEncode(text).Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "<br>", StringComparison.Ordinal);
            Assert.Equal(expected, Parsing.Extensions.MediaRss.PlainToHtml(text));
        }
    }

    [Fact]
    public void Atom10_resolves_nested_xml_base_in_links_and_html()
    {
        var feed = Fixtures.Parse("atom10-nested-xml-base-and-xhtml.xml", url: "https://ignored.example/feed", sanitize: true);
        Assert.Equal(FeedFormat.Atom, feed.Format);
        Assert.Equal("1.0", feed.Version);
        Assert.Equal("Atom feed", feed.Title);
        Assert.Equal("A subtitle", feed.Description);
        Assert.Equal("zh-CN", feed.Language);
        Assert.Equal("https://example.org/blog/", feed.SiteUrl);
        Assert.Equal("https://example.org/blog/atom.xml", feed.FeedUrl);
        Assert.Equal("https://example.org/favicon.ico", feed.IconUrl);

        var first = feed.Entries[0];
        Assert.Equal("tag:example.org,2026:1", first.Id);
        Assert.Equal("https://example.org/blog/posts/2026/first.html", first.Url);
        Assert.Equal("Alice", first.Author); // the first author
        Assert.Equal(["tech", "go"], first.Categories); // the term; the label is for display
        Assert.Equal(new DateTimeOffset(2026, 6, 13, 0, 0, 0, TimeSpan.Zero), first.Published);
        Assert.Equal(new DateTimeOffset(2026, 6, 13, 1, 0, 0, TimeSpan.Zero), first.Updated);
        Assert.Contains("src=\"https://example.org/blog/posts/2026/images/cat.png\"", first.Content);
        Assert.Contains("href=\"https://example.org/blog/posts/2026/other.html\"", first.Content);
        Assert.Contains("&amp; more", first.Content);
        Assert.DoesNotContain("<div xmlns", first.Content);
        Assert.Equal(new Enclosure("https://example.org/media/a.ogg", "audio/ogg", 1000), Assert.Single(first.Enclosures));
        Assert.Equal("https://example.org/blog/posts/2026/images/cat.png", first.ImageUrl);
    }

    [Fact]
    public void Atom_text_constructs_keep_text_as_text_and_authors_fall_back_to_source_then_feed()
    {
        var feed = Fixtures.Parse("atom10-nested-xml-base-and-xhtml.xml", sanitize: true);
        var second = feed.Entries[1];
        Assert.Equal("Text <not markup>", second.Title);
        Assert.Equal("1 &lt; 2 &amp; 3 &gt; 2", second.Summary);
        Assert.Equal("Source Author", second.Author);
        Assert.Equal("https://elsewhere.example/second", second.Url);
        var third = feed.Entries[2];
        Assert.Equal("Feed Author", third.Author);
        Assert.Equal("<p>Escaped <a href=\"https://example.org/abs\" rel=\"noopener noreferrer\" target=\"_blank\">html</a></p>", third.Content);
    }

    [Fact]
    public void Atom03_reads_escaped_and_base64_modes()
    {
        var feed = Fixtures.Parse("atom03-modes.xml", sanitize: true);
        Assert.Equal("0.3", feed.Version);
        Assert.Equal("Atom 0.3 tagline", feed.Description);
        Assert.Equal("http://old.example.com/", feed.SiteUrl);
        Assert.Equal("<p>Hello</p>", feed.Entries[0].Content);
        Assert.Equal(new DateTimeOffset(2005, 6, 13, 13, 0, 0, TimeSpan.Zero), feed.Entries[0].Published);
        Assert.Equal("<p>Base64</p>", feed.Entries[1].Content);
    }

    [Fact]
    public void Atom_without_namespace_is_still_read()
    {
        var feed = Fixtures.ParseText("<feed><title>No NS</title><entry><id>1</id><title>T</title><link href=\"https://e.com/1\"/></entry></feed>");
        Assert.Equal("No NS", feed.Title);
        Assert.Equal("https://e.com/1", feed.Entries[0].Url);
    }
}
