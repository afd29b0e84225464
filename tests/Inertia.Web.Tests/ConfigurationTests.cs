using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using Inertia.Reader.Storage;
using Inertia.Web.Hosting;

namespace Inertia.Web.Tests;

/// <summary>One configuration, read the same by the server and every command, documented exactly, checked at start.</summary>
public sealed partial class ConfigurationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inertia-config-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private static string DocsPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "docs", "configuration.md");
            if (File.Exists(path))
            {
                return path;
            }
        }
        throw new FileNotFoundException("docs/configuration.md not found above " + AppContext.BaseDirectory);
    }

    private static string Format(object? value) => value switch
    {
        null => "none",
        bool b => b ? "true" : "false",
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        Enum e => e.ToString().ToLowerInvariant(),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    [GeneratedRegex(@"^\| `(?<name>INERTIA__[A-Za-z]+__[A-Za-z]+)` \| (?<default>none|`[^`]*`) \|", RegexOptions.Multiline)]
    private static partial Regex DocumentedSetting();

    [Fact]
    public void The_configuration_document_lists_exactly_the_settings_the_program_reads_with_their_defaults()
    {
        var documented = DocumentedSetting().Matches(File.ReadAllText(DocsPath()))
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["default"].Value.Trim('`'));
        var read = new Dictionary<string, string>();
        foreach (var (section, type) in Settings.Sections)
        {
            var defaults = Activator.CreateInstance(type)!;
            foreach (var property in type.GetProperties().Where(p => p.SetMethod?.IsPublic == true))
            {
                read[$"INERTIA__{section}__{property.Name}"] = Format(property.GetValue(defaults));
            }
        }
        Assert.Equal(read.Keys.Order(), documented.Keys.Order());
        foreach (var (name, value) in read)
        {
            Assert.True(documented[name] == value, $"{name}: the document says {documented[name]}, the program uses {value}");
        }
    }

    [Fact]
    public void Appsettings_then_environment_then_command_line_each_win_over_the_one_before()
    {
        // each source names a different database file; the one created shows which source won
        File.WriteAllText(Path.Combine(_dir, "appsettings.json"), """{ "Database": { "ConnectionString": "Data Source=from-json.db" } }""");
        Assert.Equal(0, InertiaProcess.Run(_dir, TimeSpan.FromSeconds(60), "migrate").Exit);
        Assert.True(File.Exists(Path.Combine(_dir, "from-json.db")));

        var environment = new Dictionary<string, string> { ["INERTIA__Database__ConnectionString"] = "Data Source=from-env.db" };
        Assert.Equal(0, InertiaProcess.RunWith(_dir, TimeSpan.FromSeconds(60), null, environment, "migrate").Exit);
        Assert.True(File.Exists(Path.Combine(_dir, "from-env.db")));

        Assert.Equal(0, InertiaProcess.RunWith(_dir, TimeSpan.FromSeconds(60), null, environment, "migrate", "--Database:ConnectionString=Data Source=from-args.db").Exit);
        Assert.True(File.Exists(Path.Combine(_dir, "from-args.db")));
    }

    [Theory]
    [InlineData("INERTIA__Refresh__Concurrency", "0", "INERTIA__Refresh__Concurrency must be between 1 and 1024 (it is 0)")]
    [InlineData("INERTIA__Refresh__PollSeconds", "soon", "INERTIA__Refresh__PollSeconds: 'soon' is not a valid whole number")]
    [InlineData("INERTIA__Database__Provider", "mysql", "INERTIA__Database__Provider: 'mysql' is not a valid choice (sqlite or postgres)")]
    [InlineData("INERTIA__Server__PublicBaseUrl", "ftp://x", "INERTIA__Server__PublicBaseUrl is not an absolute http(s) URL (it is ftp://x)")]
    [InlineData("INERTIA__Fetching__ConnectTimeout", "later", "INERTIA__Fetching__ConnectTimeout: 'later' is not a valid time span (hh:mm:ss)")]
    public void A_setting_that_cannot_be_used_stops_the_server_and_the_commands_with_one_line_naming_it(string name, string value, string message)
    {
        var environment = new Dictionary<string, string> { [name] = value };
        foreach (var args in new[] { new[] { "serve", "--urls", "http://127.0.0.1:0" }, ["refresh"], ["migrate"] })
        {
            var (exit, stdout, stderr) = InertiaProcess.RunWith(_dir, TimeSpan.FromSeconds(60), null, environment, args);
            Assert.Equal(2, exit);
            Assert.Equal(message, Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Split(": ", 2)[1]);
            Assert.Equal("", stdout);
        }
    }

    [Fact]
    public async Task A_password_read_from_standard_input_signs_in_and_never_appears_in_the_arguments()
    {
        var (exit, stdout, _) = InertiaProcess.RunWith(_dir, TimeSpan.FromSeconds(60), "s3cret pass\n", null, "user", "add", "ann", "--password-stdin", "--admin");
        Assert.Equal(0, exit);
        Assert.Contains("user 'ann' added", stdout);
        await using var db = new Database(new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(_dir, "data", "inertia.db")}" });
        await using var c = await db.OpenAsync();
        var hash = (await c.ExecuteScalarAsync<string>("SELECT password_hash FROM users WHERE name = 'ann'"))!;
        var hasher = new Accounts.AppPasswordHasher();
        Assert.Equal(Microsoft.AspNetCore.Identity.PasswordVerificationResult.Success, hasher.VerifyHashedPassword(new Accounts.AppUser(), hash, "s3cret pass"));
        Assert.Equal(Microsoft.AspNetCore.Identity.PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(new Accounts.AppUser(), hash, "s3cret pas"));
        Assert.Equal(2, InertiaProcess.RunWith(_dir, TimeSpan.FromSeconds(60), "", null, "user", "add", "bob", "--password-stdin").Exit);
    }

    [Fact]
    public async Task Doctor_repairs_a_counter_that_drifted_and_says_which()
    {
        Assert.Equal(0, InertiaProcess.RunWith(_dir, TimeSpan.FromSeconds(60), "pw\n", null, "user", "add", "ann", "--password-stdin").Exit);
        var dbPath = Path.Combine(_dir, "data", "inertia.db");
        await using (var db = new Database(new DatabaseOptions { ConnectionString = $"Data Source={dbPath}" }))
        {
            await using var c = await db.OpenAsync();
            await SubscriptionStore.SubscribeAsync(c, null, 1, "https://drift.example/rss", null, null, null, 1);
            await c.ExecuteAsync("UPDATE subscriptions SET unread_count = 7");
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var (exit, stdout, _) = InertiaProcess.Run(_dir, TimeSpan.FromSeconds(60), "doctor");
        Assert.Equal(0, exit);
        Assert.Contains("fixed: ann's unread count of https://drift.example/rss was 7, is 0", stdout);
        Assert.Contains("1 counter(s) repaired", stdout);
        Assert.Contains("every unread counter is right", InertiaProcess.Run(_dir, TimeSpan.FromSeconds(60), "doctor").Stdout);
    }
}
