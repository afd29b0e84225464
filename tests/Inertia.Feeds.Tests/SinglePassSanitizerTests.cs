using Inertia.Feeds.Html;
using Inertia.Feeds.Parsing;

namespace Inertia.Feeds.Tests;

/// <summary>
/// The single pass must write exactly what HtmlSanitizer writes (the same string, not just the same tree), or decline and
/// leave the input to it.
/// </summary>
public class SinglePassSanitizerTests
{
    private const string Base = "https://blog.example/posts/1.html";

    // article HTML as feeds write it: WordPress, Hugo, Medium, Chinese blogs, entities, comments, lazy images, lists, code
    private static readonly string[] s_articles =
    [
        "<p>Paragraph with <a href=\"/post/1\">a link</a>, <strong>emphasis</strong> and 惯性聚合 高效追踪.</p><img src=\"/img/1.jpg\" alt=\"figure\">",
        "<!-- wp:paragraph --><p>WordPress &amp; friends&#8217; posts &mdash; with &nbsp;entities&hellip;</p><!-- /wp:paragraph -->",
        "<figure class=\"wp-block-image\"><img loading=\"lazy\" width=\"1024\" height=\"576\" src=\"https://x.example/a.jpg\" srcset=\"https://x.example/a.jpg 1024w, https://x.example/a-300.jpg 300w\" sizes=\"(max-width: 1024px) 100vw, 1024px\"><figcaption>Caption</figcaption></figure>",
        "<p>First<p>Second unclosed<p>Third</p><ul><li>one<li>two</ul><dl><dt>t<dd>d</dl>",
        "<h2 id=\"x\">Heading</h2><pre><code class=\"language-go\">func main() {\n\tfmt.Println(&quot;&lt;hi&gt;&quot;)\n}</code></pre>",
        "<div style=\"color:red\" onclick=\"x()\"><span class=\"a\">Styled</span> text<br/>line<br>line</div>",
        "<blockquote cite=\"../quote\"><p>Quoted</p></blockquote><hr><p>After <em>rule</em> &copy 2026 &amp AT&T</p>",
        "<p><img data-src=\"/lazy.jpg\" src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" data-srcset=\"/lazy-2x.jpg 2x\"></p>",
        "<p><img src=\"https://feeds.feedburner.com/~r/blog/~4/abc\" height=\"1\" width=\"1\"/>tracked</p>",
        "<p><img src=\"https://pixel.wp.com/g.gif?x=1&amp;y=2\">x</p><a href=\"https://e.example/?a=1&b=2&copy=3\">q</a>",
        "<video src=\"v.mp4\" poster=\"p.jpg\" autoplay></video><audio controls=\"controls\"><source src=\"a.mp3\" type=\"audio/mpeg\"></audio>",
        "<ol start=\"3\" reversed><li><p>nested <b>bold <i>both</i></b></p></li><li>second<ul><li>inner</li></ul></li></ol>",
        "<p>Ruby: <ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp>字<rt>ji</rt></ruby></p>",
        "<p><a href=\"mailto:me@example.com\">mail</a> <a href=\"javascript:alert(1)\">bad</a> <a href=\" //cdn.example/x\">proto</a></p>",
        "<details open><summary>More</summary><p>Hidden</p></details><section><article><header>h</header><footer>f</footer></article></section>",
        "text only, no markup at all &lt;script&gt; stays text",
        "<p>a < b and c > d, 1<2</p>",
        "<P CLASS=x>Upper <A HREF='/up'>case</A> <IMG SRC=/i.png ALT=x></P>",
        "<p title=\"a &quot;quoted&quot; title\" lang=en dir=ltr>attrs</p><abbr title=\"HyperText\">HTML</abbr>",
        "<picture><source srcset=\"/a.webp\" type=\"image/webp\"><img src=\"/a.jpg\"></picture>",
        "<p>CRLF\r\nline endings\r\n<a href=\"/x\r\ny\">split</a></p>",
        "<center>old</center><big>big</big><tt>tt</tt><strike>s</strike><u>u</u><small>small</small><sub>2</sub><sup>3</sup>",
        "<h1>One</h1><h2>Two<small>sub</small></h2><h3><a href=\"#frag\">anchor</a></h3>",
        "<p>data <a href=\"data:text/html,x\">bad</a> <img src=\"data:image/png;base64,iVBOR\"> <img src=\"data:image/svg+xml,x\"></p>",
        "<p>Watch:</p><iframe width=\"560\" height=\"315\" src=\"https://www.youtube.com/embed/x?si=1\" title=\"YouTube\" allowfullscreen></iframe><p>or</p><iframe src=\"https://evil.example/\"></iframe>",
        "<figure><iframe src=\"//player.bilibili.com/player.html?bvid=1\" frameborder=\"0\"></IFRAME></figure>",
        "<pre><img srcset=\",,, x 2x\">\nthe pixel goes, and the line end becomes the first thing in the pre</pre>",
        "<table><thead><tr><th scope=\"col\">Name</th><th>Value</th></tr></thead><tbody><tr><td>a</td><td colspan=\"2\" style=\"x\">1</td></tr></tbody></table>",
        "<p>Before<table class=\"t\">\n<tr><td>implicit tbody<td>second cell\n<tr><td><p>paragraph in a cell</td></tr>\n</table><p>After</p>",
        "<table><caption>Caption</caption><tr><th>h</th><td><table><tr><td>nested <b>table</b></td></tr></table></td></tr></table>",
        "<p class=\"MsoNormal\"><font color=\"red\" face=\"宋体\">红色的字</font> from Word<o:p></o:p> <label for=\"x\">label</label> <data value=\"1\">one</data></p><pre><font>\ncode</font></pre>",
        "<p><img data-src=\"/l.jpg\" class=\"lazyload\"><noscript><img src=\"/l.jpg\"></noscript></p><ul><li><input type=\"checkbox\" disabled> task <g-emoji alias=\"tada\">🎉</g-emoji></li></ul>",
        "<div><p>open at the end <b>bold",
        "<p>Paragraph</p><img src=\"/img/1.jpg\" alt=\"figure\"></p>",
        "<p>&#x4E2D;&#25991; &#169; &eacute;t&eacute; &notanentity; &amp;amp;</p><a href=\"/s?q=&#x4E2D;\">cjk</a>",
    ];

    private static readonly string[] s_declined =
    [
        "<table>text the parser moves before the table<tr><td>cell</td></tr></table>",
        "<table><tr><td>cell</td></tr><col></table>",
        "<script>alert(1)</script>",
        "<p><b>misnested</p></b>",
        "<a href=\"/1\"><a href=\"/2\">nested links</a></a>",
        "<iframe src=\"https://www.youtube.com/embed/x\">fallback text</iframe>",
        "<p><b>bold paragraph<div>a block the parser moves the bold into</div></b></p>",
        "<nobr>no break</nobr>",
        "<p><font color=red>formatting <b>misnested</font></b></p>",
        "<!DOCTYPE html><p>x</p>",
        "<svg><circle/></svg>",
        "<p>unterminated <a href=\"/x",
        "<div/>self-closed div",
        "<p>null \0 char</p>",
        "<h1>heading <h2>inside heading</h2></h1>",
        "<p>x</span></p>",
    ];

    private static string? Parser(string html) => ArticleSanitizer.Default.SanitizeWithParser(html, Base);

    private static bool Quick(string html, out string? clean) => SinglePassSanitizer.TrySanitize(html, Base, SanitizerSettings.Default, out clean);

    [Fact]
    public void Plain_article_html_takes_the_single_pass_and_gives_htmlsanitizers_exact_string()
    {
        var taken = 0;
        foreach (var html in s_articles)
        {
            if (Quick(html, out var quick))
            {
                taken++;
                Assert.Equal(Parser(html), quick);
            }
        }
        // the point of the single pass is that ordinary articles take it; a regression that declines everything must fail here
        Assert.True(taken >= s_articles.Length - 2, $"only {taken} of {s_articles.Length} articles took the single pass");
    }

    [Fact]
    public void What_the_parser_would_rebuild_is_declined()
    {
        foreach (var html in s_declined)
        {
            Assert.False(Quick(html, out _), html);
        }
    }

    [Fact]
    public void The_single_pass_output_is_already_clean_to_htmlsanitizer()
    {
        foreach (var html in s_articles)
        {
            if (Quick(html, out var quick) && quick is not null)
            {
                Assert.Equal(quick, Parser(quick));
            }
        }
    }

    [Fact]
    public void Links_images_and_media_get_the_same_treatment_as_on_the_parser_path()
    {
        Assert.True(Quick("<p><a href=\"/x\" target=\"_self\" rel=\"opener\">x</a><img src=\"/i.png\" width=\"1\" height=\"1\"><video src=\"v.mp4\"></video></p>", out var clean));
        Assert.Equal("<p><a href=\"https://blog.example/x\" rel=\"noopener noreferrer\" target=\"_blank\">x</a><video src=\"https://blog.example/posts/v.mp4\" controls=\"\"></video></p>", clean);
        Assert.True(Quick("<a href=\"javascript:alert(1)\">x</a><a href=\"java\tscript:alert(1)\">y</a>", out clean));
        Assert.Equal("<a>x</a><a>y</a>", clean);
        Assert.True(Quick("<iframe src=\"https://www.youtube.com/embed/x\" allowfullscreen></iframe><iframe src=\"https://evil.example/\"></iframe>", out clean));
        Assert.Equal("<iframe src=\"https://www.youtube-nocookie.com/embed/x\" allowfullscreen=\"\" sandbox=\"allow-scripts allow-same-origin allow-popups allow-presentation\" referrerpolicy=\"strict-origin-when-cross-origin\" loading=\"lazy\"></iframe>", clean);
        Assert.True(Quick("<p><font color=\"red\">红</font><o:p></o:p><label>l</label></p>", out clean));
        Assert.Equal("<p>红l</p>", clean);
        Assert.True(Quick("<li><input type=\"checkbox\" checked> done <g-emoji>🎉</g-emoji><noscript><img src=\"/i.png\"></noscript></li>", out clean));
        Assert.Equal("<li> done 🎉<img src=\"https://blog.example/i.png\"></li>", clean);
        const string relative = "<a href=\"x/y\">a</a><img src=\"/i.png\" alt=\"i\">";
        Assert.True(SinglePassSanitizer.TrySanitize(relative, "file:///tmp/feed.xml", SanitizerSettings.Default, out clean));
        Assert.Equal(ArticleSanitizer.Default.SanitizeWithParser(relative, "file:///tmp/feed.xml"), clean);
        Assert.True(Quick("<img data-original=\"/real.jpg\" alt=\"a&quot;b\">", out clean));
        Assert.Equal("<img alt=\"a&quot;b\" src=\"https://blog.example/real.jpg\">", clean);
    }

    [Fact]
    public void Mutated_articles_either_decline_or_match_the_parser()
    {
        // a deterministic fuzz: fragments that break structure, spliced into real articles, many times over
        string[] junk =
        [
            "<", ">", "</p>", "<p>", "<div>", "</div>", "<li>", "</li>", "<ul>", "</ul>", "<b>", "</b>", "<a href=x>", "</a>", "<h2>", "</h2>",
            "<table>", "<td>", "<!--", "-->", "<!-- c -->", "&", "&amp", "&copy", "&#", "&#x;", "\"", "'", "=", "<br/>", "<img src=x>",
            "<img src=/p.gif width=1 height=1>", "<script>", "</script>", "\0", "<pre>\n", "<dd>", "<dt>", "</dl>", "<rt>", "<ruby>",
            "<a href=\"javascript:x\">", " onclick=\"x\"", "<p/>", "</br>", "<details>", "<summary>", "&lt;", "<span>", "</span>", "\r",
            "<source srcset=\"a.png 1x, javascript:x 2x\">", "<img data-src=\"/l.png\">", "<video>", "<em>", "</em>", "<q>", "<hr>",
            "<a href='/q?x=1&copy=2&amp;y'>", "<iframe src=\"https://www.youtube.com/embed/y\"></iframe>", "<font color=red>", "</font>", "<o:p>", "</o:p>", "<label>", "</label>", "<noscript>", "</noscript>", "<input type=checkbox>", "<g-emoji>", "</g-emoji>", "<x-y:z>", "</G-EMOJI>", "</table>", "<tr>", "</tr>", "</td>", "<th>", "<tbody>", "</tbody>", "<caption>", "<thead>", "<iframe src=\"/local\"></iframe>", "</iframe>", "&#0;", "&#x80;", "<img src=\" java script:x\">", "<img srcset=\",,, x 2x\">", "&{",
            "<a title=\"&{x}\" href=\"&#106;avascript:x\">", "<img src=\"&#x6A;avascript&#58;x\">", "<a href=\"?a:b\">", "<p title=a&b>",
        ];
        string[] bases = [Base, "", "file:///tmp/feed.xml", "http://host.example:8080/a/"];
        var random = new Random(20261128);
        int taken = 0, iterations = 10000;
        for (var n = 0; n < iterations; n++)
        {
            var html = s_articles[random.Next(s_articles.Length)];
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(html.Length + 1);
                html = random.Next(4) switch
                {
                    0 => html.Remove(at, Math.Min(random.Next(1, 8), html.Length - at)),
                    1 => html[..at] + html[(at / 2)..at] + html[at..],
                    _ => html.Insert(at, junk[random.Next(junk.Length)]),
                };
            }
            // the base varies too: a web page, none at all, a file
            var baseUrl = bases[n % bases.Length];
            if (SinglePassSanitizer.TrySanitize(html, baseUrl, SanitizerSettings.Default, out var quick))
            {
                taken++;
                var parser = ArticleSanitizer.Default.SanitizeWithParser(html, baseUrl);
                Assert.True(parser == quick, $"input: {html}\nbase: {baseUrl}\nsingle pass: {quick}\nparser: {parser}");
            }
        }
        Assert.True(taken > iterations / 10, $"the single pass took {taken} of {iterations}");
    }

    [Fact]
    public void Relative_urls_resolve_exactly_as_uri_resolves_them()
    {
        // the single pass joins plain relative URLs to the base by hand; whatever it joins must equal System.Uri's answer
        const string alphabet = "ab/./..//?#=&%:@-_~+() '\\\"<>é中1";
        string[] bases = [Base, "https://Blog.Example:8443/a/b/", "http://user@host.example/x?q=1#f", "https://host.example"];
        var random = new Random(42);
        var joined = 0;
        for (var n = 0; n < 20_000; n++)
        {
            var baseUrl = new Uri(bases[n % bases.Length]).AbsoluteUri;
            var url = new string([.. Enumerable.Range(0, random.Next(1, 14)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            if (ArticleUrls.Joined(url.TrimStart(), baseUrl) is { } quick)
            {
                joined++;
                Assert.Equal(new Uri(new Uri(baseUrl), url.TrimStart()).AbsoluteUri, quick);
            }
        }
        Assert.True(joined > 500, $"only {joined} URLs took the joined path");
    }

    [Fact]
    public void Fixture_feed_content_either_declines_or_matches_the_parser()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "testdata");
        foreach (var file in Directory.GetFiles(dir))
        {
            var feed = FeedParser.Parse(File.ReadAllBytes(file)).Feed;
            foreach (var entry in feed?.Entries ?? [])
            {
                foreach (var html in new[] { entry.Summary, entry.Content })
                {
                    if (!string.IsNullOrWhiteSpace(html) && Quick(html, out var quick))
                    {
                        Assert.True(Parser(html) == quick, $"{Path.GetFileName(file)}: {html}");
                    }
                }
            }
        }
    }
}
