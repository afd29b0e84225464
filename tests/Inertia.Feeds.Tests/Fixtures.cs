using Inertia.Feeds.Html;
using Inertia.Feeds.Model;
using Inertia.Feeds.Parsing;

namespace Inertia.Feeds.Tests;

/// <summary>Loads the documents in testdata/ and parses them, failing the test when a document gives no feed.</summary>
internal static class Fixtures
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "testdata", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    public static ParsedFeed Parse(string name, string? url = null, string? contentType = null, bool sanitize = false)
    {
        var result = FeedParser.Parse(Bytes(name), new FeedParseOptions { DocumentUrl = url, ContentType = contentType });
        Assert.True(result.Feed is not null, $"{name}: {result.Error}");
        return sanitize ? EntryHtml.Sanitize(result.Feed!) : result.Feed!;
    }

    public static ParsedFeed ParseText(string xml, string? url = null)
    {
        var result = FeedParser.ParseText(xml, new FeedParseOptions { DocumentUrl = url });
        Assert.True(result.Feed is not null, result.Error);
        return result.Feed!;
    }
}
