using Inertia.Web.Shared;

namespace Inertia.Web.Tests;

/// <summary>Reading time: CJK characters and Latin words counted apart, and in HTML only the text between tags.</summary>
public sealed class ReadingTimeTests
{
    [Fact]
    public void Html_counts_the_same_as_its_text_whatever_its_tags_and_links()
    {
        var words = string.Join(' ', Enumerable.Repeat("word", 400));
        var chinese = new string('读', 600);
        var html = string.Concat(Enumerable.Range(0, 50).Select(i =>
            $"<p class=\"para-{i}\"><a href=\"https://example.com/a/very/long/path/{i}/with/many/parts?utm_source=feed&amp;x=1\">{string.Join(' ', Enumerable.Repeat("word", 8))}</a></p><img src=\"https://img.example/{i}.jpg\" alt=\"\">"));
        Assert.Equal(2, ReadingTime.Minutes(words));
        Assert.Equal(2, ReadingTime.MinutesOfHtml(html));
        Assert.Equal(2, ReadingTime.MinutesOfHtml($"<div>{chinese}</div>"));
        Assert.Equal(ReadingTime.Minutes(chinese + " " + words), ReadingTime.MinutesOfHtml($"<p>{chinese}</p><p>{words}</p>"));
        // counted as text, the same HTML would take twice as long: its URLs are words
        Assert.True(ReadingTime.Minutes(html) >= 4);
        Assert.Equal(0, ReadingTime.MinutesOfHtml(null));
    }

    [Fact]
    public void Accented_and_Cyrillic_words_count_as_words_and_kana_and_hangul_as_characters()
    {
        // 400 words with letters outside ASCII: two minutes, as 400 plain words
        var accented = string.Join(' ', Enumerable.Repeat("café naïve Ångström слово", 100));
        Assert.Equal(2, ReadingTime.Minutes(accented));
        Assert.Equal(2, ReadingTime.MinutesOfHtml($"<p>{accented}</p>"));
        // 600 kana and hangul characters, each read alone: two minutes, not one long word
        Assert.Equal(2, ReadingTime.Minutes(string.Concat(Enumerable.Repeat("かな한글", 150))));
        // CJK glued to a Latin word still counts both
        Assert.Equal(ReadingTime.Minutes(new string('读', 600) + " " + string.Join(' ', Enumerable.Repeat("x", 200))),
            ReadingTime.Minutes(string.Concat(Enumerable.Repeat("读读读x", 200))));
    }

    [Fact]
    public void A_tag_left_open_hides_only_what_follows_it()
    {
        var words = string.Join(' ', Enumerable.Repeat("word", 400));
        Assert.Equal(2, ReadingTime.MinutesOfHtml($"<p>{words}</p><a href=\"{words}"));
        Assert.Equal(1, ReadingTime.MinutesOfHtml($"<p>word</p><a href=\"{words}"));
    }
}
