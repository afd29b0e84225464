using Inertia.Feeds.Model;
using Inertia.Feeds.Parsing;

namespace Inertia.Feeds.Tests;

/// <summary>The constructs real feeds serve that lost entries, dates or ids (issue 14), each with its fixture in testdata/.</summary>
public class RealWorldConstructTests
{
    [Fact]
    public void Items_sharing_a_guid_are_all_kept_in_order_with_unique_stable_keys()
    {
        var feed = Fixtures.Parse("rss-items-sharing-a-guid.xml");
        Assert.Equal(
            ["Third story", "Second story", "First story", "Daily digest", "Daily digest", "Pasted twice", "Same guid and link, new text", "Same guid and link, new text"],
            feed.Entries.Select(e => e.Title));
        // the id stays what the document says; the key tells the entries apart
        Assert.All(feed.Entries.Take(3), e => Assert.Equal("https://news.example.org/", e.Id));
        Assert.Equal(feed.Entries.Count, feed.Entries.Select(e => e.Key).Distinct().Count());
        Assert.Equal(["https://news.example.org/3", "https://news.example.org/2", "https://news.example.org/1"], feed.Entries.Take(3).Select(e => e.Url));
        Assert.Equal(["monday", "tuesday"], feed.Entries.Skip(3).Take(2).Select(e => e.Summary));
        Assert.Equal(["first words", "second words"], feed.Entries.Skip(6).Select(e => e.Summary));
        // only the item identical in every field collapses, and says so
        Assert.Contains(feed.Warnings, w => w.Contains("identical", StringComparison.Ordinal) && w.Contains("p-1", StringComparison.Ordinal));

        var again = Fixtures.Parse("rss-items-sharing-a-guid.xml");
        Assert.Equal(feed.Entries.Select(e => e.Key), again.Entries.Select(e => e.Key));
    }

    [Fact]
    public void A_shared_guid_keys_each_item_by_its_link_wherever_it_stands()
    {
        // a new item at the top must not take an older item's key
        static string Item(int n) => $"<item><title>t{n}</title><link>https://e.org/{n}</link><guid>same</guid></item>";
        var before = Fixtures.ParseText($"<rss version=\"2.0\"><channel><title>x</title>{Item(2)}{Item(1)}</channel></rss>");
        var after = Fixtures.ParseText($"<rss version=\"2.0\"><channel><title>x</title>{Item(3)}{Item(2)}{Item(1)}</channel></rss>");
        Assert.Equal(before.Entries.Select(e => e.Key), after.Entries.Skip(1).Select(e => e.Key));
        // the key the old rule gave (the guid alone) is remembered, for rows stored under it
        Assert.All(after.Entries, e => Assert.Equal("same", e.PreviousKey));
    }

    [Fact]
    public void A_unique_guid_keeps_the_key_it_always_had()
    {
        var feed = Fixtures.ParseText("<rss version=\"2.0\"><channel><title>x</title><item><link>https://e.org/1</link><guid>g1</guid></item><item><link>https://e.org/2</link><guid>g2</guid></item></channel></rss>");
        Assert.Equal(["g1", "g2"], feed.Entries.Select(e => e.Key));
        Assert.All(feed.Entries, e => Assert.Null(e.PreviousKey));
    }

    [Fact]
    public void Dc_date_beside_pubDate_is_the_updated_date()
    {
        var feed = Fixtures.Parse("rss-dc-date-beside-pubdate.xml");
        var at = (string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(at("2026-06-01T08:00:00Z"), feed.Published);
        Assert.Equal(at("2026-06-05T09:00:00Z"), feed.Updated);
        var (both, dcOnly, terms, atom) = (feed.Entries[0], feed.Entries[1], feed.Entries[2], feed.Entries[3]);
        Assert.Equal(at("2026-06-01T10:00:00Z"), both.Published);
        Assert.Equal(at("2026-06-02T11:00:00Z"), both.Updated);
        Assert.Equal(at("2026-06-03T12:00:00Z"), dcOnly.Published);
        Assert.Equal(at("2026-06-03T12:00:00Z"), dcOnly.Updated);
        Assert.Equal(at("2026-06-01T01:00:00Z"), terms.Published);
        Assert.Equal(at("2026-06-04T02:00:00Z"), terms.Updated);
        Assert.Equal(at("2026-06-06T06:00:00Z"), atom.Updated);
    }

    [Fact]
    public void Rdf_channel_dates_and_item_dc_date_are_read()
    {
        var feed = Fixtures.Parse("rdf10-dc-date-and-identifier.xml");
        Assert.Equal(DateTimeOffset.Parse("2026-06-07T07:00:00Z", System.Globalization.CultureInfo.InvariantCulture), feed.Updated);
        Assert.Equal(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), feed.Published);
        Assert.Equal(DateTimeOffset.Parse("2026-06-02T11:00:00Z", System.Globalization.CultureInfo.InvariantCulture), feed.Entries[0].Updated);
    }

    [Fact]
    public void Atom_feed_with_published_and_no_updated_reports_its_published_date()
    {
        var feed = Fixtures.Parse("atom-published-without-updated.xml");
        Assert.Equal(new DateTimeOffset(2011, 3, 4, 5, 6, 7, TimeSpan.Zero), feed.Published);
        Assert.Null(feed.Updated);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 10, 0, 0, TimeSpan.Zero), Assert.Single(feed.Entries).Published);
    }

    [Fact]
    public void Atom_feed_wrapped_in_xhtml_is_read_as_the_feed_inside()
    {
        var feed = Fixtures.Parse("atom-feed-wrapped-in-xhtml.xml");
        Assert.Equal(FeedFormat.Atom, feed.Format);
        Assert.Equal("Wrapped feed", feed.Title);
        Assert.Equal("https://wrapped.example.org/1", Assert.Single(feed.Entries).Url);
    }

    [Fact]
    public void An_html_page_with_no_feed_inside_is_still_refused()
    {
        var result = FeedParser.ParseText("<html><body><p>feed</p><div>entry</div></body></html>");
        Assert.Null(result.Feed);
        Assert.Contains("HTML page", result.Error);
    }

    [Fact]
    public void Rdf_about_stays_the_id_beside_a_dc_identifier()
    {
        var feed = Fixtures.Parse("rdf10-dc-date-and-identifier.xml");
        var paper = feed.Entries[0];
        Assert.Equal("https://journal.example.org/papers/42", paper.Id);
        Assert.Equal("https://journal.example.org/papers/42", paper.Key);
        // stored under the identifier before: found again there
        Assert.Equal("doi:10.1234/feeds.42", paper.PreviousKey);
        // with no rdf:about, the identifier is the id
        Assert.Equal("doi:10.1234/feeds.43", feed.Entries[1].Id);
        Assert.Null(feed.Entries[1].PreviousKey);
    }

    [Fact]
    public void An_unclosed_itunes_category_in_the_channel_does_not_swallow_the_items()
    {
        var feed = Fixtures.Parse("rss-unclosed-itunes-category-in-channel.xml");
        Assert.Equal(["Episode 2", "Episode 1"], feed.Entries.Select(e => e.Title));
        Assert.Equal("https://pod.example.org/1.mp3", feed.Entries[1].Enclosures.Single().Url);
        Assert.Contains(feed.Warnings, w => w.Contains("itunes:category", StringComparison.Ordinal));
    }

    [Fact]
    public void Unclosed_atom_extension_before_an_entry_does_not_swallow_it()
    {
        var feed = Fixtures.ParseText("<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:x=\"urn:x\"><title>t</title><x:meta><x:a/>"
            + "<entry><id>1</id><title>one</title></entry><entry><id>2</id><title>two</title></entry></feed>");
        Assert.Equal(["one", "two"], feed.Entries.Select(e => e.Title));
    }

    [Fact]
    public void A_root_relative_channel_link_never_becomes_a_file_url()
    {
        var feed = Fixtures.Parse("rss-root-relative-channel-link.xml", sanitize: true);
        Assert.Equal("/blog/", feed.SiteUrl);
        Assert.Equal("/icon.png", feed.IconUrl);
        var e = Assert.Single(feed.Entries);
        Assert.Equal("/blog/post-1", e.Url);
        Assert.Equal("/media/1.mp3", e.Enclosures.Single().Url);
        Assert.Equal("pic.png", e.ImageUrl);
        Assert.Contains("<a href=\"/blog/post-0\"", e.Summary);
        Assert.Contains("src=\"pic.png\"", e.Summary);
        Assert.DoesNotContain("file:", e.Summary + e.Url + e.ImageUrl + feed.IconUrl, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_document_with_its_address_resolves_everything_against_it()
    {
        var feed = Fixtures.Parse("rss-root-relative-channel-link.xml", url: "https://rel.example.org/feed.xml", sanitize: true);
        var e = Assert.Single(feed.Entries);
        Assert.Equal("https://rel.example.org/blog/post-1", e.Url);
        Assert.Contains("<a href=\"https://rel.example.org/blog/post-0\"", e.Summary);
    }

    [Fact]
    public void Undeclared_latin_text_is_read_as_windows_1252_not_cyrillic()
    {
        var feed = Fixtures.Parse("windows-1252-undeclared-latin-text.xml");
        Assert.Equal("Notícias do Brasil", feed.Title);
        Assert.Equal("Informação, coração e ações – são notícias", feed.Description);
        Assert.Equal(["São Paulo ganha praça nova", "El niño y la educación", "L'été à Montréal"], feed.Entries.Select(e => e.Title));
        Assert.Equal("A população comemorou “muito” a inauguração.", feed.Entries[0].Summary);
    }

    [Fact]
    public void Undeclared_utf8_and_cyrillic_are_still_told_apart()
    {
        var utf8 = System.Text.Encoding.UTF8.GetBytes("<rss version=\"2.0\"><channel><title>Notícias</title></channel></rss>");
        Assert.Equal("Notícias", FeedParser.Parse(utf8).Feed!.Title);
        var cyrillic = System.Text.Encoding.GetEncoding(1251).GetBytes("<rss version=\"2.0\"><channel><title>Новости дня</title><description>Последние новости России и мира</description></channel></rss>");
        Assert.Equal("Новости дня", FeedParser.Parse(cyrillic).Feed!.Title);
    }

    [Fact]
    public void Itunes_summary_is_kept_over_the_subtitle()
    {
        var feed = Fixtures.Parse("rss-itunes-summary-and-subtitle.xml");
        Assert.Equal("https://casts.example.org/cover.jpg", feed.IconUrl);
        Assert.Equal("The whole story of the first episode, told at length, with its guests and its links.", feed.Entries[0].Summary);
        Assert.Equal("https://casts.example.org/1.jpg", feed.Entries[0].ImageUrl);
        Assert.Equal("Only a subtitle", feed.Entries[1].Summary);
        Assert.Equal("https://casts.example.org/2.jpg", feed.Entries[1].ImageUrl);
        Assert.Equal("The description wins", feed.Entries[2].Summary);
    }

    [Fact]
    public void Itunes_image_url_attribute_gives_the_feed_image()
    {
        Assert.Equal("https://casts.example.org/cover-by-url.jpg", Fixtures.Parse("rss-itunes-image-url-attribute.xml").IconUrl);
    }

    [Fact]
    public void Inline_svg_and_mathml_are_kept_without_anything_that_runs()
    {
        var feed = Fixtures.Parse("atom-inline-svg-and-mathml.xml", sanitize: true);
        var formula = feed.Entries[0].Content!;
        Assert.Contains("<math", formula);
        Assert.Contains("<msup><mi>e</mi>", formula);
        Assert.Contains("<mo>=</mo>", formula);
        var chart = feed.Entries[1].Content!;
        Assert.Contains("<svg", chart);
        Assert.Contains("viewBox=\"0 0 100 50\"", chart);
        Assert.Contains("<rect", chart);
        Assert.Contains("<circle", chart);
        Assert.Contains("stroke-width=\"2\"", chart);
        Assert.Contains(">hi</text>", chart);
        Assert.DoesNotContain("script", chart, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alert", chart, StringComparison.Ordinal);
        Assert.DoesNotContain("foreignObject", chart, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("evil.example", chart, StringComparison.Ordinal);
        var escaped = feed.Entries[2].Content!;
        Assert.Contains("<path", escaped);
        Assert.DoesNotContain("onload", escaped, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<svg><script>alert(1)</script></svg>")]
    [InlineData("<svg onload=alert(1)><circle r=\"1\"/></svg>")]
    [InlineData("<svg><a href=\"javascript:alert(1)\"><circle r=\"1\"/></a></svg>")]
    [InlineData("<svg><animate attributeName=\"href\" to=\"javascript:alert(1)\"/></svg>")]
    [InlineData("<svg><set attributeName=\"onmouseover\" to=\"alert(1)\"/></svg>")]
    [InlineData("<svg><foreignObject><img src=x onerror=alert(1)></foreignObject></svg>")]
    [InlineData("<svg><use href=\"data:image/svg+xml,&lt;svg onload=alert(1)&gt;\"/></svg>")]
    [InlineData("<svg></p><style><a id=\"</style><img src=1 onerror=alert(1)>\">")]
    [InlineData("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>")]
    [InlineData("<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>")]
    [InlineData("<math><annotation-xml encoding=\"text/html\"><img src=x onerror=alert(1)></annotation-xml></math>")]
    [InlineData("<svg><style>@import url(javascript:alert(1))</style></svg>")]
    [InlineData("<form><math><mtext></form><form><mglyph><svg><mtext><style><path id=\"</style><img onerror=alert(1) src>\">")]
    public void Svg_and_mathml_never_carry_script(string html)
    {
        var clean = Inertia.Feeds.Html.ArticleSanitizer.Default.Sanitize(html, "https://e.org/") ?? "";
        // read back as a browser would: no element may run anything
        var parser = new AngleSharp.Html.Parser.HtmlParser();
        using var doc = parser.ParseDocument("<!doctype html><body>" + clean);
        foreach (var element in doc.All)
        {
            Assert.NotEqual("script", element.LocalName);
            Assert.NotEqual("style", element.LocalName);
            Assert.NotEqual("foreignObject", element.LocalName);
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{attribute.Name} in {clean}");
                Assert.DoesNotContain("javascript", attribute.Value, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public void Rss_description_mixing_escaped_and_real_markup_is_unescaped_once()
    {
        var e = Assert.Single(Fixtures.Parse("rss-description-mixing-escaped-and-real-markup.xml").Entries);
        Assert.Equal("<p>Read <b>this</b>: <a href=\"https://mixed.example.org/x\">the link</a></p>", e.Summary);
    }

    [Fact]
    public void Atom_html_content_with_a_real_div_is_unescaped_once()
    {
        var e = Assert.Single(Fixtures.Parse("atom-html-content-with-a-real-div.xml", sanitize: true).Entries);
        Assert.Equal("<p>Before</p><div>A real <em>div</em> &amp; more</div>", e.Content);
        // escaped markup inside the pasted element is unescaped too, as the field's type says
        var inside = Fixtures.ParseText("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title><entry><id>1</id>"
            + "<content type=\"html\"><div xmlns=\"http://www.w3.org/1999/xhtml\">Example &lt;b&gt;Atom&lt;/b&gt;</div></content></entry></feed>");
        Assert.Equal("<div xmlns=\"http://www.w3.org/1999/xhtml\">Example <b>Atom</b></div>", inside.Entries[0].Content);
    }

    [Fact]
    public void Userland_rss2_namespace_is_read_as_rss_20()
    {
        var feed = Fixtures.ParseText("<rss version=\"2.0\" xmlns=\"http://backend.userland.com/rss2\"><channel><title>Userland</title><link>http://u.example.com/</link>"
            + "<item><title>One</title><link>http://u.example.com/1</link><description>d</description></item></channel></rss>");
        Assert.Equal("Userland", feed.Title);
        Assert.Equal("http://u.example.com/", feed.SiteUrl);
        Assert.Equal("http://u.example.com/1", Assert.Single(feed.Entries).Url);
    }

    [Fact]
    public void Atom_content_of_a_binary_type_is_base64_decoded()
    {
        var feed = Fixtures.ParseText("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title><entry><id>1</id>"
            + "<content type=\"application/octet-stream\">SGVsbG8gd29ybGQ=</content></entry><entry><id>2</id>"
            + "<content type=\"application/octet-stream\" mode=\"base64\">SGVsbG8gYWdhaW4=</content></entry></feed>");
        Assert.Equal("Hello world", feed.Entries[0].Content);
        Assert.Equal("Hello again", feed.Entries[1].Content);
    }

    [Fact]
    public void Atom03_link_with_its_url_as_text_is_read()
    {
        var feed = Fixtures.ParseText("<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title>t</title><link rel=\"alternate\" type=\"text/html\">http://old.example.com/</link>"
            + "<entry><id>1</id><link rel=\"alternate\" type=\"text/html\">http://old.example.com/1</link></entry></feed>");
        Assert.Equal("http://old.example.com/", feed.SiteUrl);
        Assert.Equal("http://old.example.com/1", Assert.Single(feed.Entries).Url);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void Utf32_documents_are_read_with_or_without_a_bom(bool bigEndian, bool bom)
    {
        var encoding = new System.Text.UTF32Encoding(bigEndian, byteOrderMark: false);
        var xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Ünïcødé 惯性</title></channel></rss>";
        var bytes = (bom ? encoding.GetPreamble().Length == 0 ? new System.Text.UTF32Encoding(bigEndian, true).GetPreamble() : [] : []).Concat(encoding.GetBytes(xml)).ToArray();
        Assert.Equal("Ünïcødé 惯性", FeedParser.Parse(bytes).Feed!.Title);
    }

    [Fact]
    public void C1_control_characters_are_read_as_windows_1252_punctuation()
    {
        // bytes 0x80–0x9F in a document labelled ISO-8859-1, and the same code points written as references
        var bytes = System.Text.Encoding.Latin1.GetBytes("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><rss version=\"2.0\"><channel><title>A \u0093quote\u0094 \u0096 dash</title>"
            + "<description>it&#146;s &#133; &#x80;5</description></channel></rss>");
        var feed = FeedParser.Parse(bytes).Feed!;
        Assert.Equal("A “quote” – dash", feed.Title);
        Assert.Equal("it’s … €5", feed.Description);
    }

    [Fact]
    public void An_attribute_value_may_hold_a_greater_than_sign()
    {
        var feed = Fixtures.ParseText("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title><entry><id>1</id><title type=\"text\" xml:lang=\"en\">x</title>"
            + "<link rel=\"alternate\" href=\"http://e.example.com/?a>b&amp;c=1\"/></entry></feed>");
        Assert.Equal("http://e.example.com/?a>b&c=1", Assert.Single(feed.Entries).Url);
    }

    [Fact]
    public void An_empty_href_resolves_to_the_base()
    {
        var feed = Fixtures.ParseText("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"http://e.example.com/blog/\"><title>t</title><link rel=\"alternate\" href=\"\"/>"
            + "<entry xml:base=\"http://e.example.com/blog/2026/post\"><id>1</id><link rel=\"alternate\" href=\"\"/></entry></feed>");
        Assert.Equal("http://e.example.com/blog/", feed.SiteUrl);
        Assert.Equal("http://e.example.com/blog/2026/post", Assert.Single(feed.Entries).Url);
    }

    [Fact]
    public void Rss090_is_reported_as_rss_090()
    {
        var feed = Fixtures.Parse("rss090-netscape.xml");
        Assert.Equal(FeedFormat.Rdf, feed.Format);
        Assert.Equal("0.90", feed.Version);
        // declared beside RSS 1.0's namespace but the one the elements use
        var both = Fixtures.ParseText("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://my.netscape.com/rdf/simple/0.9/\" xmlns:rss10=\"http://purl.org/rss/1.0/\">"
            + "<channel><title>t</title></channel><item><title>i</title><link>http://e/</link></item></rdf:RDF>");
        Assert.Equal("0.90", both.Version);
    }

    [Fact]
    public void A_category_takes_its_own_text_not_its_childrens()
    {
        var feed = Fixtures.ParseText("<rss version=\"2.0\"><channel><title>t</title><item><guid>1</guid><category>News<sub>ignored</sub></category></item></channel></rss>");
        Assert.Equal(["News"], Assert.Single(feed.Entries).Categories);
    }

    [Fact]
    public void An_atom_category_is_its_term_and_the_author_is_the_first()
    {
        var feed = Fixtures.ParseText("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title><entry><id>1</id><category term=\"tech\" label=\"Technology\"/>"
            + "<author><name>Ann</name></author><author><name>Bob</name></author></entry></feed>");
        var e = Assert.Single(feed.Entries);
        Assert.Equal(["tech"], e.Categories);
        Assert.Equal("Ann", e.Author);
    }

    [Fact]
    public void Items_that_differ_only_in_what_no_field_reads_are_both_kept()
    {
        var feed = Fixtures.ParseText("<rss version=\"2.0\" xmlns:x=\"urn:x\"><channel><title>t</title>"
            + "<item><title>same</title><guid>g</guid><x:rank>1</x:rank></item><item><title>same</title><guid>g</guid><x:rank>2</x:rank></item></channel></rss>");
        Assert.Equal(2, feed.Entries.Count);
        Assert.NotEqual(feed.Entries[0].Key, feed.Entries[1].Key);
    }

    [Fact]
    public void An_atom_entry_without_a_link_links_to_its_id_when_that_is_an_address()
    {
        var feed = Fixtures.ParseText("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title><id>https://e.example.com/</id>"
            + "<entry><id>https://e.example.com/1</id></entry><entry><id>urn:uuid:2</id></entry></feed>");
        Assert.Equal("https://e.example.com/", feed.SiteUrl);
        Assert.Equal("https://e.example.com/1", feed.Entries[0].Url);
        Assert.Null(feed.Entries[1].Url);
    }

    [Theory]
    [InlineData("<rss version=\"2.0\">", "2.0")]
    [InlineData("<rss version=\"2.01\">", "2.0")]
    [InlineData("<rss version=\"0.92\">", "0.92")]
    [InlineData("<rss>", null)]
    public void The_rss_version_is_what_the_root_names(string root, string? version)
    {
        Assert.Equal(version, Fixtures.ParseText(root + "<channel><title>t</title></channel></rss>").Version);
    }

    [Fact]
    public void Rss090_is_known_by_its_namespace_even_with_no_channel()
    {
        var feed = Fixtures.ParseText("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://my.netscape.com/rdf/simple/0.9/\"></rdf:RDF>");
        Assert.Equal("0.90", feed.Version);
    }

    [Fact]
    public void Item_body_fullitem_and_dc_description_are_read()
    {
        var feed = Fixtures.ParseText("<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>t</title>"
            + "<item><guid>1</guid><body><p>in a body</p></body></item>"
            + "<item><guid>2</guid><fullitem>&lt;p&gt;full item&lt;/p&gt;</fullitem></item>"
            + "<item><guid>3</guid><dc:description>described</dc:description></item></channel></rss>");
        Assert.Equal("<p>in a body</p>", feed.Entries[0].Content);
        Assert.Equal("<p>full item</p>", feed.Entries[1].Content);
        Assert.Equal("described", feed.Entries[2].Summary);
    }

    [Fact]
    public void An_svg_title_is_kept_and_an_html_title_is_not()
    {
        var clean = Inertia.Feeds.Html.ArticleSanitizer.Default.Sanitize("<title>page</title><p>x</p><svg viewBox=\"0 0 1 1\"><title>foo</title><circle r=\"1\"/></svg>", "https://e.org/")!;
        Assert.Contains("<svg viewBox=\"0 0 1 1\"><title>foo</title>", clean);
        Assert.DoesNotContain("page", clean);
    }
}
