using System.CommandLine;
using Inertia.Reader.Content;
using Inertia.Reader.Refresh;

namespace Inertia.Web.Cli;

/// <summary>`inertia refresh [--feed URL]`: fetches every feed (or one) now, waits, prints one summary line.</summary>
public static class RefreshCommand
{
    public static Command Create()
    {
        var feed = new Option<string?>("--feed") { Description = "Only the feed with this URL" };
        var command = new Command("refresh", "Fetch every feed now, due or not, and print a summary") { feed };
        command.SetAction((result, ct) => Engine.GuardAsync("refresh", async () =>
        {
            await using var database = await Engine.OpenDatabaseAsync(ct);
            var fetcher = Engine.CreateFetcher(Engine.FetchOptionsFromEnvironment());
            var refresher = new FeedRefresher(database, fetcher) { FullContent = new FullContent(fetcher) };
            var summary = await refresher.RefreshAllAsync(result.GetValue(feed), ct);
            Console.WriteLine(summary.ToString());
            return 0;
        }));
        return command;
    }
}
