namespace Inertia.Feeds.Tests;

public class EncodingTests
{
    [Theory]
    [InlineData("gbk-declared-gb2312.xml", null, "惯性聚合 高效追踪", false)]
    [InlineData("gbk-bytes-declared-utf8.xml", null, "惯性聚合 高效追踪", true)]
    [InlineData("utf8-bytes-declared-gbk.xml", null, "惯性聚合 高效追踪", true)]
    [InlineData("big5-declared.xml", null, "慣性聚合 高效追蹤", false)]
    [InlineData("gb18030-no-declaration-with-http-charset.xml", "application/rss+xml; charset=GB18030", "惯性聚合 高效追踪", false)]
    [InlineData("shift-jis-declared.xml", null, "こんにちは世界", false)]
    [InlineData("euc-jp-declared.xml", null, "こんにちは世界", false)]
    [InlineData("euc-kr-declared.xml", null, "안녕하세요", false)]
    [InlineData("koi8-r-declared.xml", null, "Привет мир", false)]
    [InlineData("windows-1252-declared-iso-8859-1.xml", null, "Résumé – naïve", false)]
    [InlineData("utf16le-bom.xml", null, "条目", false)]
    [InlineData("utf16be-no-bom.xml", null, "条目", false)]
    [InlineData("windows-1251-http-charset-contradicts-declaration.xml", "text/xml; charset=windows-1251", "Заголовок", true)]
    public void Decodes_entry_titles_in_their_real_encoding(string file, string? contentType, string title, bool expectWarning)
    {
        var feed = Fixtures.Parse(file, contentType: contentType);
        Assert.Equal(title, feed.Entries[0].Title);
        if (expectWarning)
        {
            Assert.NotEmpty(feed.Warnings);
        }
    }

    [Fact]
    public void Utf16_declaration_on_ascii_compatible_bytes_is_ignored_with_a_warning()
    {
        var feed = Fixtures.Parse("utf8-bytes-declared-utf16.xml");
        Assert.Equal("Declared UTF-16, written UTF-8: 中文", feed.Title);
        Assert.Contains(feed.Warnings, w => w.Contains("declaration ignored", StringComparison.Ordinal));
    }

    [Fact]
    public void Byte_order_mark_outranks_the_declaration()
    {
        var feed = Fixtures.Parse("utf8-bom-declared-latin1.xml");
        Assert.Equal("BOM wins: 中文", feed.Title);
    }

    [Fact]
    public void Gbk_labelled_utf8_is_recovered_with_a_warning_that_says_so()
    {
        var feed = Fixtures.Parse("gbk-bytes-declared-utf8.xml");
        Assert.Equal("IT之家", feed.Title);
        Assert.Contains(feed.Warnings, w => w.Contains("labelled UTF-8", StringComparison.Ordinal) && w.Contains("gb18030", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("<title>IT</title><item><title>a</title><description><![CDATA[{0}]]></description></item>")]
    [InlineData("<title>IT</title><item><title>a</title><description>{0} &amp; more</description></item>")]
    [InlineData("<title>IT</title><item><title>a</title><link>https://e.com/?q={0}</link><description>x</description></item>")]
    [InlineData("<title>IT</title><item><title>a</title><description>x</description><enclosure url=\"https://e.com/{0}.mp3\" type=\"audio/mpeg\"/></item>")]
    public void Utf8_label_on_gbk_bytes_is_caught_wherever_the_text_is_read(string channel)
    {
        // the label is checked in the text the parser reads, not in a pass of its own: bytes that are not UTF-8 in any
        // field read (CDATA, escaped text, a link, an attribute) send the document back to be read in its real encoding
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var gbk = System.Text.Encoding.GetEncoding("gb18030");
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>" + channel.Replace("{0}", "惯性聚合", StringComparison.Ordinal) + "</channel></rss>";
        var feed = Inertia.Feeds.Parsing.FeedParser.Parse(gbk.GetBytes(xml)).Feed!;
        Assert.Contains(feed.Warnings, w => w.Contains("labelled UTF-8", StringComparison.Ordinal));
        var entry = feed.Entries[0];
        Assert.Contains("惯性聚合", (entry.Summary ?? "") + entry.Url + string.Join(" ", entry.Enclosures.Select(e => e.Url)) + entry.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf8_with_one_broken_character_stays_utf8_and_only_that_character_is_replaced()
    {
        // a feed cut or corrupted in one place is still UTF-8: reading all of it in a legacy encoding would garble the rest
        var items = string.Concat(Enumerable.Range(0, 30).Select(k => $"<item><title>惯性聚合 高效追踪 {k}</title><description>阅读你感兴趣的博客、新闻、科技资讯</description></item>"));
        var xml = System.Text.Encoding.UTF8.GetBytes($"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>惯性聚合</title>{items}</channel></rss>");
        // cut the second byte of the first character of the fourth item's title ("惯" is three bytes)
        var fourth = System.Text.Encoding.UTF8.GetBytes("<item><title>惯性聚合 高效追踪 3<");
        var at = xml.AsSpan().IndexOf(fourth) + "<item><title>".Length;
        var broken = xml.Take(at + 1).Concat(xml.Skip(at + 2)).ToArray();
        var feed = Inertia.Feeds.Parsing.FeedParser.Parse(broken).Feed!;
        Assert.Equal("惯性聚合", feed.Title);
        Assert.Equal("惯性聚合 高效追踪 2", feed.Entries[2].Title);
        Assert.Equal("\uFFFD性聚合 高效追踪 3", feed.Entries[3].Title);
        Assert.Equal("阅读你感兴趣的博客、新闻、科技资讯", feed.Entries[29].Summary);
        Assert.Contains(feed.Warnings, w => w.Contains("not valid UTF-8; they were replaced", StringComparison.Ordinal));
    }

    [Fact]
    public void Http_charset_wins_over_the_xml_declaration_when_both_are_plausible()
    {
        // RFC 7303: the charset parameter is authoritative
        var xml = "<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss version=\"2.0\"><channel><title>\u00e9</title></channel></rss>";
        var bytes = System.Text.Encoding.Latin1.GetBytes(xml);
        var asLatin = Inertia.Feeds.Parsing.FeedParser.Parse(bytes, new() { ContentType = "application/xml; charset=iso-8859-1" });
        Assert.Equal("é", asLatin.Feed!.Title);
    }
}
