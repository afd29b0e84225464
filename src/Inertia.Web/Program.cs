using System.CommandLine;
using Inertia.Web.Cli;
using Inertia.Web.Server;

namespace Inertia.Web;

/// <summary>The one executable, `inertia`: the operator's tools now, the web app and refresher as they arrive.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("Inertia (惯性聚合): track and read the blogs, news and tech writing you care about")
        {
            ParseCommand.Create(),
            DiscoverCommand.Create(),
            MigrateCommand.Create(),
            UserCommand.Create(),
            ImportExportCommands.Import(),
            ImportExportCommands.Export(),
            RefreshCommand.Create(),
            SubscribeCommand.Create(),
            ServeCommand.Create(),
        };
        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors)
            {
                Console.Error.WriteLine($"inertia: {error.Message}");
            }
            Console.Error.WriteLine("Run 'inertia --help' for usage.");
            return 2;
        }
        return result.Invoke();
    }
}
