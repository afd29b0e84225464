using System.CommandLine;
using Inertia.Reader.Storage;

namespace Inertia.Web.Cli;

/// <summary>`inertia user add NAME (--password PASS | --password-stdin) [--admin]` and `inertia user api-key NAME [--label L]`.</summary>
public static class UserCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "The user's login name" };
        var password = new Option<string?>("--password") { Description = "The user's password (it stays in shell history: prefer --password-stdin)" };
        var fromStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input" };
        var admin = new Option<bool>("--admin") { Description = "Make the user an administrator" };
        var add = CommandHost.AcceptingSettings(new Command("add", "Add a user") { name, password, fromStdin, admin });
        add.SetAction((result, ct) => CommandHost.RunAsync("user add", result, async host =>
        {
            var userName = result.GetValue(name)!.Trim();
            if (userName.Length == 0)
            {
                Console.Error.WriteLine("inertia user add: the name is empty");
                return 2;
            }
            var secret = result.GetValue(fromStdin) ? Console.In.ReadLine() : result.GetValue(password);
            if (result.GetValue(fromStdin) && result.GetValue(password) is not null)
            {
                Console.Error.WriteLine("inertia user add: give the password once, with --password or --password-stdin");
                return 2;
            }
            if (string.IsNullOrEmpty(secret))
            {
                Console.Error.WriteLine("inertia user add: a password is needed (--password-stdin reads it from standard input)");
                return 2;
            }
            var database = await host.OpenDatabaseAsync(ct);
            await using var connection = await database.OpenAsync(ct);
            // the same hasher as the web app's accounts, so the user signs in there
            var hash = new Accounts.AppPasswordHasher().HashPassword(new Accounts.AppUser { UserName = userName }, secret);
            var id = await UserStore.AddAsync(connection, userName, hash, result.GetValue(admin), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            if (id is null)
            {
                Console.Error.WriteLine($"inertia user add: a user named '{userName}' already exists");
                return 1;
            }
            Console.WriteLine($"user '{userName}' added (id {id})");
            return 0;
        }));
        return new Command("user", "Manage users") { add, ApiKey() };
    }

    // a new API password for the apps (Google Reader, Fever, Miniflux REST), printed alone on the last line
    private static Command ApiKey()
    {
        var name = new Argument<string>("NAME") { Description = "The user's login name" };
        var label = new Option<string?>("--label") { Description = "What the password is for (e.g. the app's name); default: cli" };
        var command = CommandHost.AcceptingSettings(new Command("api-key", "Create an API password for apps (printed once, on the last line)") { name, label });
        command.SetAction((result, ct) => CommandHost.RunAsync("user api-key", result, async host =>
        {
            var userName = result.GetValue(name)!.Trim();
            var database = await host.OpenDatabaseAsync(ct);
            long? id;
            string? exactName = null;
            await using (var connection = await database.OpenAsync(ct))
            {
                id = await UserStore.FindAsync(connection, userName);
                if (id is not null)
                {
                    exactName = (await UserStore.ByIdAsync(connection, id.Value))?.Name;
                }
            }
            if (id is null || exactName is null)
            {
                Console.Error.WriteLine($"inertia user api-key: no user named '{userName}'");
                return 1;
            }
            var text = result.GetValue(label)?.Trim();
            var (_, password) = await Api.ApiPasswords.CreateAsync(database, id.Value, exactName, string.IsNullOrEmpty(text) ? "cli" : text,
                DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ct);
            Console.WriteLine($"API password '{(string.IsNullOrEmpty(text) ? "cli" : text)}' created for '{exactName}'; it is shown only now:");
            Console.WriteLine(password);
            return 0;
        }));
        return command;
    }
}
