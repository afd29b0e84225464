using System.CommandLine;
using Inertia.Web.Cli;

namespace Inertia.Web.Server;

/// <summary>`inertia serve [--urls URLS]`: the web server with background refresh (127.0.0.1:8080 unless told otherwise).</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string?>("--urls") { Description = $"Where to listen (default {WebServer.DefaultUrls}, or ASPNETCORE_URLS)" };
        var command = new Command("serve", "Serve the web app and refresh feeds in the background") { urls };
        command.SetAction((result, ct) => Engine.GuardAsync("serve", async () =>
        {
            await WebServer.RunAsync(result.GetValue(urls), ct);
            return 0;
        }));
        return command;
    }
}
