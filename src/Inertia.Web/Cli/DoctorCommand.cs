using System.CommandLine;
using Inertia.Reader.Storage;

namespace Inertia.Web.Cli;

/// <summary>`inertia doctor`: checks every unread counter against the entries, repairs those that drifted, says which.</summary>
public static class DoctorCommand
{
    public static Command Create()
    {
        var command = CommandHost.AcceptingSettings(new Command("doctor", "Check the unread counters against the entries and repair them"));
        command.SetAction((result, ct) => CommandHost.RunAsync("doctor", result, async host =>
        {
            var database = await host.OpenDatabaseAsync(ct);
            var fixes = await CounterDoctor.RepairAsync(database, ct);
            foreach (var fix in fixes)
            {
                Console.WriteLine($"fixed: {fix}");
            }
            Console.WriteLine(fixes.Count == 0 ? "every unread counter is right" : $"{fixes.Count} counter(s) repaired");
            return 0;
        }));
        return command;
    }
}
