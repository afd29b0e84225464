using System.CommandLine;
using Inertia.Reader.Refresh;

namespace Inertia.Web.Cli;

/// <summary>`inertia refresh [--feed URL]`: fetches every feed (or one) now, waits, prints one summary line.</summary>
public static class RefreshCommand
{
    public static Command Create()
    {
        var feed = new Option<string?>("--feed") { Description = "Only the feed with this URL" };
        var command = CommandHost.AcceptingSettings(new Command("refresh", "Fetch every feed now, due or not, and print a summary") { feed });
        command.SetAction((result, ct) => CommandHost.RunAsync("refresh", result, async host =>
        {
            await host.OpenDatabaseAsync(ct);
            var summary = await host.Get<FeedRefresher>().RefreshAllAsync(result.GetValue(feed), ct);
            Console.WriteLine(summary.ToString());
            return 0;
        }));
        return command;
    }
}
