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

    [Fact]
    public void A_sites_front_page_is_no_story_so_entries_that_all_link_there_are_told_apart_by_title_and_text()
    {
        Assert.Null(StoryKey.Url("https://www.example.com/"));
        Assert.NotEqual(StoryKey.Of("https://example.com/", "One", "first"), StoryKey.Of("https://example.com", "Two", "second"));
        Assert.NotNull(StoryKey.Url("https://example.com/?p=12"));
    }

    [Fact]
    public void The_stored_hash_is_the_same_for_the_same_key_and_differs_for_another()
    {
        Assert.Equal(StoryKey.Hash(StoryKey.Of("https://example.com/a?utm_source=x", null, null)), StoryKey.Hash(StoryKey.Of("https://example.com/a", null, null)));
        Assert.NotEqual(StoryKey.Hash("example.com/a"), StoryKey.Hash("example.com/b"));
        Assert.Null(StoryKey.Hash(null));
    }
}
