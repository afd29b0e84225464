using System.CommandLine;
using Inertia.Web.Hosting;

namespace Inertia.Web.Cli;

/// <summary>`inertia serve [--urls URLS]` (and `inertia` alone): the web app with background refresh, 127.0.0.1:8080 unless told otherwise.</summary>
public static class ServeCommand
{
    public static readonly Option<string?> Urls = new("--urls") { Description = $"Where to listen (default {WebApp.DefaultUrls}, or ASPNETCORE_URLS)" };

    public static Command Create()
    {
        var command = CommandHost.AcceptingSettings(new Command("serve", "Serve the web app and refresh feeds in the background") { Urls });
        command.SetAction(RunAsync);
        return command;
    }

    public static Task<int> RunAsync(ParseResult result, CancellationToken ct) => WebApp.RunAsync(result.UnmatchedTokens, result.GetValue(Urls), ct);
}
