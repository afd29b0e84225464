using System.Text;
using Inertia.Feeds.Charsets;

namespace Inertia.Feeds.Tests;

public class GbkFastDecoderTests
{
    private static readonly System.Text.Encoding s_gb18030 = CodePages();

    private static System.Text.Encoding CodePages()
    {
        System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return System.Text.Encoding.GetEncoding("gb18030");
    }

    [Fact]
    public void Agrees_with_the_code_page_decoder_on_every_cjk_ideograph_and_ascii()
    {
        var sb = new StringBuilder("ASCII <tags> & text\n");
        for (var c = '\u4E00'; c <= '\u9FA5'; c++)
        {
            sb.Append(c);
        }
        sb.Append("，。！？“”《》——…　ＡＢＣ");
        var text = sb.ToString();
        var bytes = s_gb18030.GetBytes(text);
        var chars = new char[bytes.Length];
        var n = GbkFastDecoder.TryDecode(bytes, chars);
        Assert.Equal(text, new string(chars, 0, n));
    }

    [Fact]
    public void Writes_the_utf8_of_what_the_code_page_decoder_reads_for_every_two_byte_pair()
    {
        System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance); // whichever test runs first
        var strict = System.Text.Encoding.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        var checkedPairs = 0;
        var output = new byte[16];
        for (var lead = 0x81; lead <= 0xFE; lead++)
        {
            for (var trail = 0x40; trail <= 0xFE; trail++)
            {
                byte[] pair = [(byte)lead, (byte)trail, (byte)'x'];
                string expected;
                try
                {
                    expected = strict.GetString(pair);
                }
                catch (DecoderFallbackException)
                {
                    continue;
                }
                var n = GbkFastDecoder.TryDecodeToUtf8(pair, output);
                if (n < 0)
                {
                    continue; // left to the full decoder
                }
                Assert.Equal(System.Text.Encoding.UTF8.GetBytes(expected), output[..n]);
                checkedPairs++;
            }
        }
        Assert.True(checkedPairs > 20_000, $"only {checkedPairs} pairs decoded by the table");
    }

    [Fact]
    public void Decodes_every_mixture_of_ascii_runs_and_chinese_like_the_code_page_decoder()
    {
        // ASCII runs of every length against Chinese of every length, so that the sixteen-byte ASCII blocks and the pair
        // loop meet at every offset; the text ends at every distance from a block's end too
        string[] pieces = ["<p>", "a", " ", "\n", "0123456789abcdefghijklmnopqrstuvwxyz", "惯", "性聚合", "，。", "高效追踪和阅读你感兴趣的博客、新闻、科技资讯", "ＡＢＣ"];
        var random = new Random(2026);
        var output = new byte[4096];
        for (var iteration = 0; iteration < 5_000; iteration++)
        {
            var sb = new StringBuilder();
            var count = random.Next(0, 30);
            for (var k = 0; k < count; k++)
            {
                sb.Append(pieces[random.Next(pieces.Length)]);
            }
            var text = sb.ToString();
            var n = GbkFastDecoder.TryDecodeToUtf8(s_gb18030.GetBytes(text), output);
            Assert.Equal(text, System.Text.Encoding.UTF8.GetString(output, 0, n));
        }
    }

    [Fact]
    public void Gives_up_on_four_byte_sequences_so_the_full_decoder_runs()
    {
        var bytes = s_gb18030.GetBytes("emoji 😀 and 𠀀");
        Assert.Equal(-1, GbkFastDecoder.TryDecode(bytes, new char[bytes.Length]));
        var feed = Fixtures.ParseText("<rss version=\"2.0\"><channel><title>x</title></channel></rss>");
        Assert.Equal("x", feed.Title);
        var result = Parsing.FeedParser.Parse(s_gb18030.GetBytes("<?xml version=\"1.0\" encoding=\"gb18030\"?><rss version=\"2.0\"><channel><title>表情 😀</title></channel></rss>"));
        Assert.Equal("表情 😀", result.Feed!.Title);
    }

    [Fact]
    public void Gives_up_on_invalid_pairs()
    {
        Assert.Equal(-1, GbkFastDecoder.TryDecode([0x41, 0x81], new char[4]));
        Assert.Equal(-1, GbkFastDecoder.TryDecode([0xFF, 0x41], new char[4]));
    }
}
