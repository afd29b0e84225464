using Inertia.Feeds.Html;

namespace Inertia.Feeds.Tests;

public class SanitizerTests
{
    private static string? Clean(string html, string? baseUrl = "https://blog.example/posts/1.html") => ArticleSanitizer.Default.Sanitize(html, baseUrl);

    [Theory]
    [InlineData("<script>alert(1)</script><p>ok</p>", "<p>ok</p>")]
    [InlineData("<p onclick=\"x()\" style=\"color:red\" class=\"c\" id=\"i\">ok</p>", "<p>ok</p>")]
    [InlineData("<style>p{}</style><p>ok</p>", "<p>ok</p>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>")]
    [InlineData("<a href=\"JaVaScRiPt:alert(1)\">x</a>", "<a>x</a>")]
    [InlineData("<a href=\"data:text/html,<script>alert(1)</script>\">x</a>", "<a>x</a>")]
    [InlineData("<form action=\"/x\"><input name=\"a\">text</form>", "text")]
    [InlineData("<svg><script>alert(1)</script></svg><p>ok</p>", "<p>ok</p>")]
    [InlineData("<iframe src=\"https://evil.example/\"></iframe><p>ok</p>", "<p>ok</p>")]
    [InlineData("<img src=\"https://t.example/p.gif\" width=\"1\" height=\"1\"><p>ok</p>", "<p>ok</p>")]
    [InlineData("<object data=\"x.swf\"><param name=\"a\"></object><p>ok</p>", "<p>ok</p>")]
    public void Hostile_markup_is_removed(string html, string expected) => Assert.Equal(expected, Clean(html));

    [Fact]
    public void Article_structure_is_kept()
    {
        const string html = "<h2>T</h2><p><strong>b</strong> <em>i</em></p><ul><li>1</li></ul><blockquote>q</blockquote><pre><code>x</code></pre><table><tbody><tr><td>c</td></tr></tbody></table><figure><figcaption>f</figcaption></figure>";
        Assert.Equal(html, Clean(html));
    }

    [Fact]
    public void Relative_urls_become_absolute_in_href_src_srcset_and_poster()
    {
        var clean = Clean("<a href=\"../x\">x</a><img src=\"//cdn.example/a.png\" srcset=\"b.png 1x, /c.png 2x\"><video src=\"v.mp4\" poster=\"p.jpg\"></video>")!;
        Assert.Contains("href=\"https://blog.example/x\"", clean);
        Assert.Contains("src=\"https://cdn.example/a.png\"", clean);
        Assert.Contains("https://blog.example/posts/b.png 1x", clean);
        Assert.Contains("https://blog.example/c.png 2x", clean);
        Assert.Contains("poster=\"https://blog.example/posts/p.jpg\"", clean);
        Assert.Contains("controls", clean);
    }

    [Fact]
    public void Lazy_loaded_images_are_promoted()
    {
        var clean = Clean("<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" data-src=\"/real.jpg\" data-srcset=\"/real-2x.jpg 2x\">")!;
        Assert.Contains("src=\"https://blog.example/real.jpg\"", clean);
        Assert.Contains("srcset=\"https://blog.example/real-2x.jpg 2x\"", clean);
        Assert.DoesNotContain("data-", clean);
    }

    [Fact]
    public void Inline_images_are_kept_but_svg_data_is_not()
    {
        Assert.Contains("data:image/png;base64,iVBOR", Clean("<img src=\"data:image/png;base64,iVBOR\">"));
        Assert.DoesNotContain("data:", Clean("<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">") ?? "");
    }

    [Fact]
    public void Allowed_video_iframes_are_sandboxed()
    {
        var clean = Clean("<iframe src=\"https://player.bilibili.com/player.html?bvid=1\" onload=\"x()\"></iframe>")!;
        Assert.Contains("sandbox=\"allow-scripts allow-same-origin allow-popups allow-presentation\"", clean);
        Assert.DoesNotContain("onload", clean);
    }

    [Fact]
    public void Links_open_the_original_safely()
    {
        Assert.Equal("<a href=\"https://x.example/\" rel=\"noopener noreferrer\" target=\"_blank\">x</a>", Clean("<a href=\"https://x.example/\" target=\"_self\">x</a>"));
    }

    [Fact]
    public void Hostile_nesting_is_flattened_quickly_and_keeps_the_text()
    {
        var html = string.Concat(Enumerable.Repeat("<div><span>", 20_000)) + "deep text" + string.Concat(Enumerable.Repeat("</span></div>", 20_000));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var clean = Clean(html)!;
        Assert.Contains("deep text", clean);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Nesting_within_the_limit_is_left_alone()
    {
        const string html = "<div><p>a <b>b</b><br>c</p></div>";
        Assert.Same(html, NestingLimiter.Limit(html, 3));
        Assert.Equal("<div>x</div>", NestingLimiter.Limit("<div><div>x</div></div>", 1));
    }

    [Fact]
    public void Empty_or_whitespace_html_gives_null() => Assert.Null(Clean("  <script>x</script> "));
}
