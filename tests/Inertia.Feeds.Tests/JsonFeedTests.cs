using Inertia.Feeds.Model;

namespace Inertia.Feeds.Tests;

public class JsonFeedTests
{
    [Fact]
    public void JsonFeed11_reads_items_authors_tags_and_attachments()
    {
        var feed = Fixtures.Parse("jsonfeed11-authors-attachments.json", sanitize: true);
        Assert.Equal(FeedFormat.Json, feed.Format);
        Assert.Equal("1.1", feed.Version);
        Assert.Equal("JSON & Feed", feed.Title);
        Assert.Equal("https://json.example.org/feed.json", feed.FeedUrl);
        Assert.Equal("https://json.example.org/icon.png", feed.IconUrl);
        Assert.Equal(["https://hub.example.org/"], feed.Hubs);
        var first = feed.Entries[0];
        Assert.Equal("2347259", first.Id);
        Assert.Equal("https://json.example.org/posts/1", first.Url);
        Assert.Equal("Feed Person", first.Author);
        Assert.Equal(["a", "b"], first.Categories);
        Assert.Contains("href=\"https://json.example.org/rel\"", first.Content);
        Assert.Equal(new DateTimeOffset(2026, 6, 13, 8, 0, 0, TimeSpan.Zero), first.Published);
        Assert.Equal(new Enclosure("https://json.example.org/a.m4a", "audio/x-m4a", 89970236), Assert.Single(first.Enclosures));
        var second = feed.Entries[1];
        Assert.Equal("Plain &lt;text&gt; only", second.Content);
        Assert.Equal("Item Person", second.Author);
        Assert.Null(second.Published);
        Assert.Contains(feed.Warnings, w => w.Contains("not a date", StringComparison.Ordinal));
    }

    [Fact]
    public void JsonFeed10_reads_single_author_and_external_url()
    {
        var feed = Fixtures.Parse("jsonfeed10-author.json");
        Assert.Equal("1.0", feed.Version);
        Assert.Equal("Solo", feed.Entries[0].Author);
        Assert.Equal("https://ext.example/", feed.Entries[0].Url);
    }

    [Fact]
    public void Json_feed_in_gbk_is_recovered_instead_of_failing_on_invalid_utf8()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var bytes = System.Text.Encoding.GetEncoding("gb18030").GetBytes("{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"惯性聚合\",\"items\":[{\"id\":\"1\",\"title\":\"高效追踪\"}]}");
        var result = Parsing.FeedParser.Parse(bytes);
        Assert.Equal("惯性聚合", result.Feed!.Title);
        Assert.Equal("高效追踪", result.Feed.Entries[0].Title);
    }

    [Fact]
    public void Truncated_json_feed_keeps_every_complete_item()
    {
        var feed = Fixtures.Parse("jsonfeed-truncated.json");
        Assert.Equal(["one", "two"], feed.Entries.Select(e => e.Title));
        Assert.NotEmpty(feed.Warnings);
    }
}
