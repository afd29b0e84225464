using Inertia.Feeds.Urls;

namespace Inertia.Feeds.Tests;

/// <summary>When two entries are the same story: the address without its tracking, else the title and text.</summary>
public class StoryKeyTests
{
    [Theory]
    [InlineData("https://www.example.com/2026/story/?utm_source=rss&utm_medium=feed", "http://example.com/2026/story#comments")]
    [InlineData("https://example.com/p?id=7&fbclid=abc&from=timeline", "https://example.com/p?id=7")]
    [InlineData("https://EXAMPLE.com/p?b=2&a=1", "https://example.com/p?a=1&b=2&spm=a2c6h")]
    public void Addresses_that_differ_only_by_tracking_scheme_www_or_fragment_are_one_story(string one, string other) =>
        Assert.Equal(StoryKey.Of(one, "A", null), StoryKey.Of(other, "B", null));

    [Theory]
    [InlineData("https://example.com/p?id=7", "https://example.com/p?id=8")]
    [InlineData("https://example.com/a", "https://example.org/a")]
    [InlineData("https://example.com:8443/a", "https://example.com/a")]
    public void Addresses_that_name_another_page_are_other_stories(string one, string other) =>
        Assert.NotEqual(StoryKey.Of(one, null, null), StoryKey.Of(other, null, null));

    [Fact]
    public void Without_an_address_the_title_and_text_decide_and_with_neither_there_is_no_key()
    {
        Assert.Equal(StoryKey.Of(null, "Release 5.0 ", "the text"), StoryKey.Of("not a url", "release 5.0", "the text"));
        Assert.NotEqual(StoryKey.Of(null, "Release 5.0", "the text"), StoryKey.Of(null, "Release 5.0", "another text"));
        Assert.Null(StoryKey.Of("javascript:alert(1)", "  ", "text"));
    }
}
