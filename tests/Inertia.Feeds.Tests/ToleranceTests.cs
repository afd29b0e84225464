using Inertia.Feeds.Parsing;

namespace Inertia.Feeds.Tests;

public class ToleranceTests
{
    [Theory]
    [InlineData("<![CDATA[<p>a</p>]]>", "<p>a</p>")]
    [InlineData("\n  <![CDATA[<p>a</p>]]>\n ", "<p>a</p>")]
    [InlineData("<![CDATA[a]]>b<![CDATA[c]]>", "abc")]
    [InlineData("<![CDATA[a]]><![CDATA[b]]>", "ab")]
    [InlineData("<![CDATA[a]]><!-- note -->", "a")]
    [InlineData("<![CDATA[a]]> &amp; b", "a & b")]
    [InlineData("x <![CDATA[a]]>", "x a")]
    [InlineData("<![CDATA[a]]]]><![CDATA[>]]>", "a]]>")]
    [InlineData("<![CDATA[]]>", "")]
    public void Cdata_sections_read_alone_or_among_text_and_comments(string content, string expected)
    {
        var feed = Fixtures.ParseText($"<rss version=\"2.0\"><channel><title>t</title><item><title>x</title><description>{content}</description><guid>g</guid></item></channel></rss>");
        var summary = Assert.Single(feed.Entries).Summary;
        Assert.Equal(expected, summary ?? "");
    }

    [Fact]
    public void A_cdata_section_cut_by_the_end_of_the_document_keeps_its_text()
    {
        var result = FeedParser.Parse("<rss version=\"2.0\"><channel><title><![CDATA[cut here"u8.ToArray());
        Assert.Equal("cut here", result.Feed!.Title);
    }

    [Fact]
    public void Element_names_crafted_to_collide_are_all_read_by_their_own_name()
    {
        // same length, same first and last eight bytes: every name hashes alike, past what the name table interns
        var sb = new System.Text.StringBuilder("<root>");
        for (var k = 0; k < 2_000; k++)
        {
            sb.Append("<prefixxx").Append(k.ToString("D4")).Append("suffixxx>").Append(k).Append("</prefixxx").Append(k.ToString("D4")).Append("suffixxx>");
        }
        var bytes = System.Text.Encoding.UTF8.GetBytes(sb.Append("</root>").ToString());
        var diagnostics = Text.ParseDiagnostics.ForUtf8(bytes);
        var doc = Xml.LenientXmlDocument.Parse(bytes, diagnostics);
        var k2 = 0;
        foreach (var e in doc.Root!.Elements())
        {
            Assert.Equal($"prefixxx{k2:D4}suffixxx", e.LocalName);
            Assert.Equal(k2.ToString(System.Globalization.CultureInfo.InvariantCulture), doc.Text(e));
            k2++;
        }
        Assert.Equal(2_000, k2);
        Assert.Empty(diagnostics.Warnings);
    }

    [Fact]
    public void Undefined_entities_and_bare_ampersands_are_kept_as_text_with_warnings()
    {
        var feed = Fixtures.Parse("rss-undefined-entities-bare-ampersands.xml");
        Assert.Equal("Tom & Jerry — café AT&T R&D", feed.Title);
        var e = Assert.Single(feed.Entries);
        Assert.Equal("Price £5 … &unknownentity; 5 < 6", e.Title);
        Assert.Equal("https://e.com/a?x=1&y=2", e.Url);
        Assert.Contains(feed.Warnings, w => w.StartsWith("line 2: bare '&'", StringComparison.Ordinal));
        Assert.Contains(feed.Warnings, w => w.Contains("undefined entity '&unknownentity;'", StringComparison.Ordinal));
        Assert.Contains(feed.Warnings, w => w.Contains("stray '<'", StringComparison.Ordinal));
    }

    [Fact]
    public void Unclosed_items_and_tags_are_closed_where_the_next_one_starts()
    {
        var feed = Fixtures.Parse("rss-unclosed-tags-and-missing-item-ends.xml", sanitize: true);
        Assert.Equal(["One", "Two", "Three"], feed.Entries.Select(e => e.Title));
        Assert.Equal("<p>para <br> line</p>", feed.Entries[0].Summary);
        Assert.Contains(feed.Warnings, w => w.Contains("<item> is not closed", StringComparison.Ordinal));
    }

    [Fact]
    public void Undeclared_prefixes_are_bound_by_convention_and_junk_before_root_ignored()
    {
        var feed = Fixtures.Parse("rss-undeclared-prefixes-junk-before-root.xml");
        var e = Assert.Single(feed.Entries);
        Assert.Equal("Dee", e.Author);
        Assert.Equal("<p>full</p>", e.Content);
        Assert.Contains("line 1: junk before the root element ignored", feed.Warnings);
        Assert.Contains(feed.Warnings, w => w.Contains("prefix 'dc' is not declared", StringComparison.Ordinal));
        Assert.Contains(feed.Warnings, w => w.Contains("prefix 'foo' is not declared", StringComparison.Ordinal));
    }

    [Fact]
    public void Truncated_document_keeps_every_complete_entry()
    {
        var feed = Fixtures.Parse("rss-truncated-mid-item.xml");
        Assert.Equal(["Complete one", "Complete two"], feed.Entries.Select(e => e.Title));
        Assert.Contains(feed.Warnings, w => w.Contains("truncated", StringComparison.Ordinal));
    }

    [Fact]
    public void External_entities_are_never_resolved()
    {
        var feed = Fixtures.Parse("xxe-external-entity.xml");
        Assert.DoesNotContain("root:", feed.Title);
        Assert.Equal("XXE &xxe;", feed.Title);
    }

    [Fact]
    public void Entity_expansion_bomb_does_not_expand()
    {
        var feed = Fixtures.Parse("billion-laughs.xml");
        Assert.Equal("&lol9;", feed.Title);
    }

    [Fact]
    public void Deep_nesting_is_flattened_at_the_depth_cap()
    {
        var deep = string.Concat(Enumerable.Repeat("<x>", 100_000));
        var feed = Fixtures.ParseText("<rss version=\"2.0\"><channel><title>deep</title><item><title>t</title><description>" + deep + "</description></item></channel></rss>");
        Assert.Equal("deep", feed.Title);
        Assert.Contains(feed.Warnings, w => w.Contains("nested deeper than", StringComparison.Ordinal));
    }

    [Fact]
    public void Unclosed_quotes_and_tags_by_the_hundred_thousand_parse_in_linear_time()
    {
        // each of these once made the tokenizer scan to the end of the document again
        var hostile = "<rss version=\"2.0\"><channel><title>q</title>" + string.Concat(Enumerable.Repeat("<x a=\"v b='w ", 100_000));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = FeedParser.ParseText(hostile);
        Assert.Equal("q", result.Feed!.Title);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Documents_over_the_size_cap_are_refused_with_a_clear_error()
    {
        var result = FeedParser.Parse(new byte[2048], new FeedParseOptions { Limits = new() { MaxDocumentBytes = 1024 } });
        Assert.Null(result.Feed);
        Assert.Contains("over the limit", result.Error);
    }

    [Fact]
    public void Entries_beyond_the_cap_are_skipped_with_a_warning()
    {
        var items = string.Concat(Enumerable.Range(0, 50).Select(i => $"<item><guid>{i}</guid></item>"));
        var result = FeedParser.ParseText("<rss version=\"2.0\"><channel>" + items + "</channel></rss>", new FeedParseOptions { Limits = new() { MaxEntries = 10 } });
        Assert.Equal(10, result.Feed!.Entries.Count);
        Assert.Contains(result.Feed.Warnings, w => w.Contains("more than 10 entries", StringComparison.Ordinal));
    }

    [Fact]
    public void Long_fields_are_cut_at_the_field_cap()
    {
        var result = FeedParser.ParseText("<rss version=\"2.0\"><channel><title>" + new string('a', 5000) + "</title></channel></rss>",
            new FeedParseOptions { Limits = new() { MaxFieldLength = 100 } });
        Assert.Equal(100, result.Feed!.Title!.Length);
    }

    [Theory]
    [InlineData("", "document is empty")]
    [InlineData("<html><body>hi</body></html>", "HTML page")]
    [InlineData("<foo/>", "not a feed")]
    [InlineData("just text", "no XML element")]
    [InlineData("{\"hello\": 1}", "not a JSON Feed")]
    [InlineData("{broken", "not valid JSON")]
    public void Documents_that_are_no_feed_give_a_clear_error(string text, string error)
    {
        var result = FeedParser.ParseText(text);
        Assert.Null(result.Feed);
        Assert.Contains(error, result.Error);
    }
}
