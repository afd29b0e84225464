using Inertia.Feeds.Text;
using Inertia.Feeds.Urls;

namespace Inertia.Feeds.Tests;

public class TextAndUrlTests
{
    [Theory]
    [InlineData("  Hello\n\t world  ", "Hello world")]
    [InlineData("<b>Bold</b> &amp; <i>it</i>", "Bold & it")]
    [InlineData("&lt;b&gt;escaped&lt;/b&gt;", "<b>escaped</b>")]
    [InlineData("a<script>evil()</script>b", "ab")]
    [InlineData("<p>one</p><p>two</p>", "one two")]
    [InlineData("5 < 6 and 7 > 3", "5 < 6 and 7 > 3")]
    [InlineData("惯性&nbsp;聚合", "惯性 聚合")]
    public void Plain_text_strips_tags_decodes_and_folds(string input, string expected) => Assert.Equal(expected, PlainText.FromHtml(input));

    [Theory]
    [InlineData("/a/b", "https://e.com/x/y", "https://e.com/a/b")]
    [InlineData("c", "https://e.com/x/y", "https://e.com/x/c")]
    [InlineData("//cdn.e.com/i.png", "http://e.com/", "http://cdn.e.com/i.png")]
    [InlineData("//cdn.e.com/i.png", null, "https://cdn.e.com/i.png")]
    [InlineData(" https://e.com/kept as written ", null, "https://e.com/kept as written")]
    [InlineData("javascript:alert(1)", "https://e.com/", null)]
    [InlineData("data:text/html;base64,xx", "https://e.com/", null)]
    [InlineData("", "https://e.com/", null)]
    [InlineData("mailto:a@b.c", null, "mailto:a@b.c")]
    public void Urls_resolve_against_their_base(string url, string? baseUrl, string? expected) => Assert.Equal(expected, UrlResolver.Resolve(url, baseUrl));

    [Fact]
    public void Nested_relative_bases_combine()
    {
        var b = UrlResolver.Combine(UrlResolver.Combine("https://e.com/blog/", "posts/"), "2026/");
        Assert.Equal("https://e.com/blog/posts/2026/", b);
    }

    [Theory]
    [InlineData("&#8217;&#x2019;&#146;", "’’’")]
    [InlineData("&hellip;&eacute;&copy;", "…é©")]
    [InlineData("&#0;&#xD800;", "\uFFFD\uFFFD")]
    public void Character_references_decode_like_browsers(string input, string expected) => Assert.Equal(expected, CharacterReferences.Decode(input));
}
