using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Inertia.Feeds.Discovery;
using Inertia.Feeds.Html;
using Inertia.Feeds.Parsing;
using Inertia.Feeds.Text;

namespace Inertia.Feeds.Tests;

/// <summary>Documents built to cost time, memory or stack: each must come out in linear time with a result.</summary>
[Collection(MemoryHeavy.Name)]
public sealed class HostileInputTests
{
    // the stack of a thread-pool thread on Linux (1.5 MiB), where a recursive walk of a deep tree would overflow first
    private const int ThreadPoolStack = 1536 * 1024;

    private static readonly HtmlParser s_parser = new(new HtmlParserOptions { IsScripting = false });

    public static TheoryData<string> DeepShapes => ["span/", "div", "b-i-misnested", "table-unclosed", "b-div-adoption"];

    private static string Deep(string shape, int n) => shape switch
    {
        "span/" => Repeat("<span/>", n),
        "div" => Repeat("<div>", n),
        "b-i-misnested" => Repeat("<b><i>", n) + Repeat("</b></i>", n),
        "table-unclosed" => Repeat("<table><tr><td>", n),
        "b-div-adoption" => Repeat("<b><div></b></b>", n),
        _ => throw new ArgumentException(shape),
    };

    private static string Repeat(string s, int n) => new StringBuilder(s.Length * n).Insert(0, s, n).ToString();

    /// <summary>Runs the work on a thread with a thread-pool thread's stack: a StackOverflowException would end the test run.</summary>
    private static T OnThreadPoolStack<T>(Func<T> work)
    {
        T result = default!;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception ex)
            {
                error = ex;
            }
        }, ThreadPoolStack);
        thread.Start();
        thread.Join();
        Assert.Null(error);
        return result;
    }

    private static int DepthOf(string html)
    {
        using var doc = s_parser.ParseDocument("<!doctype html><html><body>" + html);
        var max = 0;
        var stack = new Stack<(INode Node, int Depth)>();
        stack.Push((doc.Body!, 0));
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            max = Math.Max(max, depth);
            for (var c = node.FirstChild; c is not null; c = c.NextSibling)
            {
                stack.Push((c, depth + 1));
            }
            if (node is AngleSharp.Html.Dom.IHtmlTemplateElement template)
            {
                for (var c = template.Content.FirstChild; c is not null; c = c.NextSibling)
                {
                    stack.Push((c, depth + 1));
                }
            }
        }
        return max;
    }

    [Theory]
    [MemberData(nameof(DeepShapes))]
    public void Sanitizing_a_million_deep_shape_on_a_thread_pool_stack_gives_a_result(string shape)
    {
        var html = Deep(shape, 1_000_000) + "<p>the end</p>";
        var clean = OnThreadPoolStack(() => ArticleSanitizer.Default.Sanitize(html, "https://example.org/"));
        Assert.NotNull(clean);
        Assert.True(DepthOf(clean!) <= BoundedHtml.MaxDepth + 4, "the sanitized HTML still nests too deep");
    }

    [Theory]
    [MemberData(nameof(DeepShapes))]
    public void Discovering_feeds_in_a_million_deep_page_on_a_thread_pool_stack_still_finds_the_link(string shape)
    {
        var html = "<html><head><link rel=alternate type=application/rss+xml href=/feed.xml></head><body>" + Deep(shape, 1_000_000);
        var found = OnThreadPoolStack(() => FeedDiscovery.Find(html, "https://example.org/"));
        Assert.Contains(found, f => f.Url == "https://example.org/feed.xml");
    }

    [Theory]
    [MemberData(nameof(DeepShapes))]
    public void The_limiter_leaves_a_parser_no_deeper_than_its_limit(string shape)
    {
        var limited = NestingLimiter.Limit(Deep(shape, 20_000), 64);
        Assert.InRange(DepthOf(limited), 0, 64 + 3);
    }

    /// <summary>
    /// The limiter models the HTML5 tree builder; where it is unsure it counts more open elements, never fewer. Thousands of
    /// random documents of misnested tags, tables, selects, SVG and MathML, comments and raw text are limited to a small
    /// depth and parsed by AngleSharp: none may nest deeper than the limit (plus html, body and a template's content).
    /// </summary>
    [Fact]
    public void No_random_tag_soup_nests_deeper_than_the_limit_once_limited()
    {
        string[] names =
        [
            "div", "span", "p", "li", "ul", "ol", "dd", "dt", "dl", "b", "i", "a", "u", "em", "strong", "font", "nobr", "table",
            "tr", "td", "th", "tbody", "thead", "caption", "col", "colgroup", "select", "option", "optgroup", "svg", "math",
            "path", "g", "foreignObject", "desc", "title", "mi", "mtext", "annotation-xml", "style", "script", "textarea",
            "xmp", "iframe", "form", "button", "h1", "h2", "pre", "br", "img", "hr", "input", "template", "object", "marquee",
            "applet", "ruby", "rt", "rp", "x-custom", "o:p", "plaintext", "noscript", "body", "html", "head", "frameset",
            "listing", "center", "sub", "blockquote", "image", "keygen",
        ];
        var random = new Random(20261201);
        const int Limit = 12;
        var failures = new List<string>();
        for (var n = 0; n < 1500; n++)
        {
            var sb = new StringBuilder();
            var tokens = random.Next(5, 150);
            for (var t = 0; t < tokens; t++)
            {
                var name = names[random.Next(names.Length)];
                var k = random.Next(100);
                if (k < 45)
                {
                    sb.Append('<').Append(name);
                    if (random.Next(6) == 0)
                    {
                        sb.Append(random.Next(3) switch { 0 => " title=\">\"", 1 => " color=red", _ => " encoding=\"text/html\"" });
                    }
                    sb.Append(random.Next(8) == 0 ? "/>" : ">");
                }
                else
                {
                    sb.Append(k switch
                    {
                        < 80 => $"</{name}>",
                        < 88 => "x",
                        < 91 => " ",
                        < 93 => random.Next(2) == 0 ? "<!-- </div> -->" : "<!-- <div> -->",
                        < 95 => "<!--",
                        < 97 => "<![CDATA[<div>]]>",
                        _ => random.Next(2) == 0 ? "<" : "-->",
                    });
                }
            }
            var html = sb.ToString();
            var depth = DepthOf(NestingLimiter.Limit(html, Limit));
            if (depth > Limit + 3)
            {
                failures.Add($"depth {depth}: {html}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(3)));
    }

    [Fact]
    public void The_limiter_changes_nothing_in_the_articles_of_the_test_feeds()
    {
        var checkedFields = 0;
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "testdata")))
        {
            var result = FeedParser.Parse(File.ReadAllBytes(file));
            foreach (var e in result.Feed?.Entries ?? [])
            {
                foreach (var html in new[] { e.Summary, e.Content })
                {
                    if (html is not null)
                    {
                        Assert.Equal(html, NestingLimiter.Limit(html, BoundedHtml.MaxDepth, 20_000));
                        checkedFields++;
                    }
                }
            }
        }
        // realistic article markup too, nested and misnested the way CMSs write it
        var article = Repeat("<div class=x><p>para <b>bold <i>both</b> italic</i> <a href='/x'>link</a><br><img src=a.png>", 200)
            + Repeat("</div>", 200) + "<table><tr><td>1<td>2<tr><td>3</table><ul><li>a<li>b</ul><p>a<p>b<p>c";
        Assert.Equal(article, NestingLimiter.Limit(article, BoundedHtml.MaxDepth, 20_000));
        Assert.True(checkedFields > 20);
    }

    [Fact]
    public void Markup_that_crashes_the_html_parser_keeps_its_text_escaped()
    {
        // AngleSharp 1.10 throws a NullReferenceException on this misnested select
        const string Html = "<p>kept <b>text</b><select><xmp></xmp><select></g>";
        Assert.ThrowsAny<Exception>(() => s_parser.ParseDocument(Html));
        Assert.Equal("<p>kept text</p>", ArticleSanitizer.Default.Sanitize(Html, "https://example.org/"));
        Assert.Empty(FeedDiscovery.Find(Html, "https://example.org/"));
    }

    [Fact]
    public void A_flood_of_flat_elements_is_cut_at_the_element_cap_and_keeps_its_text()
    {
        var html = Repeat("<table>x", 100_000);
        var limited = NestingLimiter.Limit(html, BoundedHtml.MaxDepth, 1000);
        Assert.Equal(1000, limited.AsSpan().Count("<table>"));
        Assert.Equal(100_000, limited.AsSpan().Count('x'));
    }

    [Fact]
    public void Raw_text_hides_tags_from_the_limiter_as_it_does_from_a_parser()
    {
        // a textarea's "</div>" is text: it closes nothing, so the divs around it stay open and are counted
        var html = Repeat("<div><textarea></div></textarea>", 100);
        Assert.InRange(DepthOf(NestingLimiter.Limit(html, 16)), 0, 19);
        // inside a script's escaped comment, "<script>" hides the next "</script>"
        var script = Repeat("<div><script><!--<script></script></div>--></script>", 100);
        Assert.InRange(DepthOf(NestingLimiter.Limit(script, 16)), 0, 19);
    }

    [Fact]
    public void A_title_with_a_million_unclosed_angle_brackets_reads_as_its_text()
    {
        var title = Repeat("<a", 500_000);
        var text = PlainText.FromHtml(title);
        Assert.Equal(title, text);
    }

    [Fact]
    public void An_entry_with_200000_categories_keeps_the_first_thousand_distinct_ones()
    {
        var sb = new StringBuilder("<rss version=\"2.0\"><channel><title>t</title><item><guid>1</guid>");
        for (var i = 0; i < 200_000; i++)
        {
            sb.Append("<category>c").Append(i % 150_000).Append("</category>");
        }
        sb.Append("</item></channel></rss>");
        var entry = Fixtures.ParseText(sb.ToString()).Entries.Single();
        Assert.Equal(1000, entry.Categories.Count);
        Assert.Equal("c0", entry.Categories[0]);
        Assert.Equal(entry.Categories.Count, entry.Categories.Distinct().Count());
    }

    [Fact]
    public void Thousands_of_namespace_declarations_and_undeclared_prefixes_resolve_and_cap_their_warnings()
    {
        var sb = new StringBuilder("<rss version=\"2.0\"");
        for (var i = 0; i < 5000; i++)
        {
            sb.Append(" xmlns:p").Append(i).Append("=\"urn:x:").Append(i).Append('"');
        }
        sb.Append(" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>t</title>");
        for (var i = 0; i < 20_000; i++)
        {
            sb.Append("\n<item><guid>").Append(i).Append("</guid><u").Append(i % 7).Append(":x>y</u").Append(i % 7).Append(":x><dc:creator>Ann</dc:creator></item>");
        }
        sb.Append("</channel></rss>");
        var result = FeedParser.ParseText(sb.ToString(), new FeedParseOptions { Limits = new() { MaxEntries = 50_000 } });
        Assert.Equal(20_000, result.Feed!.Entries.Count);
        Assert.All(result.Feed.Entries, e => Assert.Equal("Ann", e.Author));
        Assert.InRange(result.Feed.Warnings.Count, 1, 201);
        Assert.Contains(result.Feed.Warnings, w => w.EndsWith("more warnings not shown", StringComparison.Ordinal));
    }

    [Fact]
    public void A_lone_surrogate_escape_in_json_feed_becomes_a_replacement_character_and_the_feed_is_kept()
    {
        var json = """{"version":"https://jsonfeed.org/version/1.1","title":"T\ud800","items":[{"id":"1","title":"a\udc00b\ud83d\ude00","content_text":"x"}]}""";
        var result = FeedParser.Parse(Encoding.UTF8.GetBytes(json));
        Assert.Equal("T\uFFFD", result.Feed!.Title);
        Assert.Equal("a\uFFFDb\U0001F600", result.Feed.Entries.Single().Title);
    }

    [Fact]
    public void A_numeric_reference_to_a_surrogate_becomes_a_replacement_character()
    {
        var entry = Fixtures.ParseText("<rss version=\"2.0\"><channel><item><guid>1</guid><title>a&#xD800;b&#55296;&#56832;c</title></item></channel></rss>").Entries.Single();
        Assert.Equal("a\uFFFDb\uFFFD\uFFFDc", entry.Title);
    }

    [Fact]
    public void A_field_cut_at_its_cap_never_splits_an_emoji()
    {
        const int Cap = 1000;
        for (var offset = Cap - 3; offset <= Cap + 1; offset++)
        {
            var text = new string('a', offset) + "😀" + new string('b', 10);
            var xml = $"<rss version=\"2.0\"><channel><item><guid>1</guid><title>{text}</title></item></channel></rss>";
            var title = FeedParser.ParseText(xml, new FeedParseOptions { Limits = new() { MaxFieldLength = Cap } }).Feed!.Entries.Single().Title!;
            Assert.True(title.Length <= Cap);
            Assert.Equal(title, Utf16Text.WithoutLoneSurrogates(title));
        }
    }

    [Fact]
    public void Cutting_and_cleaning_text_keeps_pairs_and_replaces_lone_halves()
    {
        Assert.Equal("ab", Utf16Text.Cut("ab😀", 3));
        Assert.Equal("ab😀", Utf16Text.Cut("ab😀", 4));
        Assert.Equal("a\uFFFDb\uFFFD😀", Utf16Text.WithoutLoneSurrogates("a\uD800b\uDC00😀"));
        const string Valid = "plain 文字 😀";
        Assert.Same(Valid, Utf16Text.WithoutLoneSurrogates(Valid));
    }
}

/// <summary>Tests that allocate a lot, or measure the whole process's heap: never run beside each other.</summary>
[CollectionDefinition(Name)]
public sealed class MemoryHeavy
{
    public const string Name = "memory-heavy";
}
