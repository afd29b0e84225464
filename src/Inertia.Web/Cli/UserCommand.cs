using System.CommandLine;
using Inertia.Reader.Storage;

namespace Inertia.Web.Cli;

/// <summary>`inertia user add NAME --password PASS [--admin]`.</summary>
public static class UserCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "The user's login name" };
        var password = new Option<string>("--password") { Description = "The user's password", Required = true };
        var admin = new Option<bool>("--admin") { Description = "Make the user an administrator" };
        var add = new Command("add", "Add a user") { name, password, admin };
        add.SetAction((result, ct) => Engine.GuardAsync("user add", async () =>
        {
            var userName = result.GetValue(name)!.Trim();
            if (userName.Length == 0)
            {
                Console.Error.WriteLine("inertia user add: the name is empty");
                return 2;
            }
            await using var database = await Engine.OpenDatabaseAsync(ct);
            await using var connection = await database.OpenAsync(ct);
            var id = await UserStore.AddAsync(connection, userName, result.GetValue(password)!, result.GetValue(admin), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            if (id is null)
            {
                Console.Error.WriteLine($"inertia user add: a user named '{userName}' already exists");
                return 1;
            }
            Console.WriteLine($"user '{userName}' added (id {id})");
            return 0;
        }));
        return new Command("user", "Manage users") { add };
    }
}
