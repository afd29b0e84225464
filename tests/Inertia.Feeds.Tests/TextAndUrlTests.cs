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

    [Fact]
    public void Utf8_decoding_matches_the_framework_decoder_and_the_character_reference_decoder()
    {
        // pieces that meet at every offset of the vector loops: references, bare ampersands, ASCII runs, accents, CJK,
        // emoji, and byte sequences that are not UTF-8 at all
        byte[][] pieces =
        [
            "&lt;"u8.ToArray(), "&gt;"u8.ToArray(), "&amp;"u8.ToArray(), "&quot;"u8.ToArray(), "&apos;"u8.ToArray(), "&nbsp;"u8.ToArray(),
            "&#39;"u8.ToArray(), "&#x1F600;"u8.ToArray(), "&#146;"u8.ToArray(), "&bogus;"u8.ToArray(), "&"u8.ToArray(), "&amp"u8.ToArray(),
            "&lt"u8.ToArray(), "&quo"u8.ToArray(), "AT&T"u8.ToArray(), "惯性聚合"u8.ToArray(), "é"u8.ToArray(), "😀"u8.ToArray(), " "u8.ToArray(),
            "\n"u8.ToArray(), "reader"u8.ToArray(), "0123456789abcdefghijklmnopqrstuvwxyz"u8.ToArray(),
            // escaped markup (several references to a vector) and Chinese sentences (runs of three-byte characters)
            "&lt;p class=&quot;x&quot;&gt;"u8.ToArray(), "&lt;/a&gt;&lt;b&gt;"u8.ToArray(), "据外媒报道，某科技公司今日正式发布了新一代开源数据库。"u8.ToArray(),
            [0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE6, 0x88], [0xE0, 0x80, 0x80], [0x80], [0xF0, 0x9F, 0x98],
        ];
        var random = new Random(2026);
        var output = new char[4096];
        for (var iteration = 0; iteration < 20_000; iteration++)
        {
            var bytes = new List<byte>();
            var count = random.Next(0, 40);
            for (var k = 0; k < count; k++)
            {
                bytes.AddRange(pieces[random.Next(pieces.Length)]);
            }
            var input = bytes.ToArray();
            var diagnostics = new ParseDiagnostics(null);
            var written = CharacterReferences.DecodeUtf8(input, output, diagnostics, 0);
            var expected = CharacterReferences.Decode(System.Text.Encoding.UTF8.GetString(input));
            Assert.Equal(expected, new string(output, 0, written));
            Assert.Equal(expected, CharacterReferences.DecodeUtf8(input));
            Assert.Equal(!System.Text.Unicode.Utf8.IsValid(input), diagnostics.SawInvalidUtf8);
            var transcoding = new ParseDiagnostics(null);
            Assert.Equal(System.Text.Encoding.UTF8.GetString(input), Utf8Text.ToString(input, transcoding));
            Assert.Equal(!System.Text.Unicode.Utf8.IsValid(input), transcoding.SawInvalidUtf8);
        }
    }
}
