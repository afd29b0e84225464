using System.CommandLine;
using System.Text.Json;
using Inertia.Feeds.Charsets;
using Inertia.Feeds.Discovery;
using Inertia.Feeds.Parsing;
using Inertia.Feeds.Text;

namespace Inertia.Web.Cli;

/// <summary>`inertia discover FILE --url URL`: the feeds an HTML page offers, as a JSON array (a feed document lists itself).</summary>
public static class DiscoverCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "An HTML page (or a feed)" };
        var url = new Option<string?>("--url") { Description = "The page's URL; relative links resolve against it" };
        var command = new Command("discover", "Find the feeds an HTML page links to") { file, url };
        command.SetAction(result => Run(result.GetValue(file)!, result.GetValue(url), Console.OpenStandardOutput()));
        return command;
    }

    public static int Run(string file, string? url, Stream output)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            Console.Error.WriteLine($"inertia discover: cannot read {file}: {ex.Message}");
            return 1;
        }
        IReadOnlyList<DiscoveredFeed> found;
        var asFeed = FeedParser.Parse(bytes, new FeedParseOptions { DocumentUrl = url });
        if (asFeed.Feed is { } feed)
        {
            found = [new DiscoveredFeed(url ?? feed.FeedUrl ?? file, feed.Title, feed.Format.ToString().ToLowerInvariant(), IsCandidate: false)];
        }
        else
        {
            var text = DocumentDecoder.Decode(bytes, null, new ParseDiagnostics(null)).Text;
            found = FeedDiscovery.Find(text, url);
        }
        using (var writer = new Utf8JsonWriter(output, ParseCommand.Indented))
        {
            FeedJson.WriteDiscovered(writer, found);
        }
        output.WriteByte((byte)'\n');
        return 0;
    }
}
