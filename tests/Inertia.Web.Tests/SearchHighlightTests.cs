using System.Text.Encodings.Web;
using Inertia.Web.Reader;

namespace Inertia.Web.Tests;

public sealed class SearchHighlightTests
{
    private static string Html(string text, string? query)
    {
        using var writer = new StringWriter();
        // the app writes Chinese as characters (WebApp: every Unicode range allowed)
        SearchHighlight.Mark(text, query).WriteTo(writer, HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        return writer.ToString();
    }

    [Fact]
    public void Marks_every_word_in_any_case_and_inside_chinese_text() =>
        Assert.Equal("<mark>惯性</mark>聚合 reads <mark>RSS</mark> and <mark>rss</mark>", Html("惯性聚合 reads RSS and rss", "rss 惯性"));

    [Fact]
    public void Overlapping_words_make_one_mark() =>
        Assert.Equal("<mark>keyboard</mark>s", Html("keyboards", "key board keyboard"));

    [Fact]
    public void The_text_around_and_inside_marks_is_encoded() =>
        Assert.Equal("&lt;b&gt;<mark>&amp;x</mark>&lt;/b&gt;", Html("<b>&x</b>", "&x"));

    [Fact]
    public void No_query_leaves_the_text_as_it_is() =>
        Assert.Equal("a &lt; b", Html("a < b", "  "));

    [Fact]
    public void A_match_found_across_scripts_is_marked_in_the_text_as_shown()
    {
        // needs OpenCC (installed by .ci/run): 数据库 (Simplified) in a title shown in Traditional
        Assert.NotNull(Inertia.Reader.Chinese.SearchForms.Converter);
        Assert.Equal("國產開源<mark>數據庫</mark>發佈", Html("國產開源數據庫發佈", "数据库"));
        Assert.Equal("开源<mark>软件</mark>", Html("开源软件", "軟體"));
    }
}
