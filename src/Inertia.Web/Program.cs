using System.CommandLine;
using Inertia.Web.Cli;

namespace Inertia.Web;

/// <summary>The one executable, `inertia`: the web app (the default, or `inertia serve`) and the operator's commands.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var root = CommandHost.AcceptingSettings(new RootCommand("Inertia (惯性聚合): track and read the blogs, news and tech writing you care about. With no command, serves the web app.")
        {
            ServeCommand.Urls,
            ServeCommand.Create(),
            ParseCommand.Create(),
            DiscoverCommand.Create(),
            MigrateCommand.Create(),
            UserCommand.Create(),
            ImportExportCommands.Import(),
            ImportExportCommands.Export(),
            RefreshCommand.Create(),
            SubscribeCommand.Create(),
            DoctorCommand.Create(),
        });
        root.SetAction(ServeCommand.RunAsync);
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
