using System.CommandLine;
using Inertia.Reader.Ingest;

namespace Inertia.Web.Cli;

/// <summary>`inertia subscribe URL --user NAME [--category C]`: a feed URL subscribes; a page URL lists the feeds it offers.</summary>
public static class SubscribeCommand
{
    public static Command Create()
    {
        var url = new Argument<string>("URL") { Description = "A feed, or a site whose feeds to find" };
        var user = new Option<string>("--user") { Description = "Whose subscription", Required = true };
        var category = new Option<string?>("--category") { Description = "Category to file it under" };
        var command = CommandHost.AcceptingSettings(new Command("subscribe", "Subscribe to a feed, or list the feeds a site offers") { url, user, category });
        command.SetAction((result, ct) => CommandHost.RunAsync("subscribe", result, async host =>
        {
            var database = await host.OpenDatabaseAsync(ct);
            var userId = await CommandHost.FindUserAsync(database, result.GetValue(user)!, ct);
            if (userId is null)
            {
                return 1;
            }
            var outcome = await AddSubscription.AddAsync(database, host.Fetcher, userId.Value,
                result.GetValue(url)!, result.GetValue(category), cancellationToken: ct);
            if (outcome.Error is not null)
            {
                Console.Error.WriteLine($"inertia subscribe: {outcome.Error}");
                return 1;
            }
            if (outcome.SubscribedTo is not null)
            {
                Console.WriteLine(outcome.AlreadySubscribed ? $"already subscribed to {outcome.SubscribedTo}" : $"subscribed to {outcome.SubscribedTo}");
                return 0;
            }
            Console.WriteLine("this page offers these feeds; subscribe to one of them:");
            foreach (var feed in outcome.Candidates)
            {
                Console.WriteLine($"  {feed.Url}{(feed.Title is null ? "" : $"  ({feed.Title})")}{(feed.IsCandidate ? "  [guessed from a link]" : "")}");
            }
            return 0;
        }));
        return command;
    }
}
