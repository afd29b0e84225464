using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Inertia.Web.Tests;

/// <summary>
/// Debian's Liferea (1.14) as a real client of the Google Reader API: a GTK program, run under Xvfb in a D-Bus session
/// with an unlocked gnome-keyring (where it keeps the password), from a feed list naming Inertia as a Google Reader
/// source. It logs in, lists the subscriptions, asks each feed for its 50 newest item ids and POSTs for their contents
/// with the login token as <c>T=</c> and no Authorization header. `.ci/run` installs liferea, xvfb and gnome-keyring.
/// </summary>
public sealed class LifereaTests
{
    [Fact]
    public async Task Liferea_stores_every_unread_item_of_each_feeds_50_newest()
    {
        await using var site = await SiteHost.StartAsync();
        var id = await site.CreateUserAsync("alice", "alice-account-password");
        var alice = await GoogleReaderClient.SignInAsync(site, id, "alice");
        foreach (var feed in new[] { "dev-community.xml", "ithome.xml", "ruanyifeng.xml" })
        {
            await alice.EditAsync("reader/api/0/subscription/edit", ("ac", "subscribe"), ("s", "feed/" + site.Feeds.Url(feed)), ("a", "user/-/label/Tech"));
        }
        var all = await alice.AllIdsAsync("s=user/-/state/com.google/reading-list", 1000);
        await alice.EditAsync("reader/api/0/edit-tag", ("i", all[0].ToString()), ("i", all[5].ToString()), ("a", "user/-/state/com.google/read"));

        // what Liferea must end up with: each feed's 50 newest, the unread among them
        var expected = new HashSet<string>();
        foreach (var s in (await alice.JsonAsync("reader/api/0/subscription/list?output=json")).GetProperty("subscriptions").EnumerateArray())
        {
            var page = await alice.JsonAsync($"reader/api/0/stream/contents/{Uri.EscapeDataString(s.GetProperty("id").GetString()!)}?n=50&output=json");
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                if (!item.GetProperty("categories").EnumerateArray().Any(c => c.GetString() == "user/-/state/com.google/read"))
                {
                    expected.Add(item.GetProperty("title").GetString()!.Trim());
                }
            }
        }
        Assert.True(expected.Count >= 30, $"{expected.Count} unread items");

        var home = Directory.CreateTempSubdirectory("inertia-liferea-").FullName;
        Process? liferea = null;
        try
        {
            var config = Path.Combine(home, "config", "liferea");
            Directory.CreateDirectory(config);
            await File.WriteAllTextAsync(Path.Combine(config, "feedlist.opml"),
                $"""
                <?xml version="1.0"?>
                <opml version="1.0"><head><title>Liferea Feed List Export</title></head><body>
                <outline title="Inertia" text="Inertia" type="source" sourceType="fl_google_reader" xmlUrl="{site.Root}api/greader.php"
                  username="alice" password="{alice.Password}" id="inertia" updateInterval="-1"/>
                </body></opml>
                """);
            // the keyring, unlocked with an empty password, and its environment for Liferea
            var script = Path.Combine(home, "run.sh");
            await File.WriteAllTextAsync(script,
                """
                set -e
                eval "$(printf '' | gnome-keyring-daemon --unlock --components=secrets)"
                export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK
                exec liferea
                """);
            var start = new ProcessStartInfo("xvfb-run", ["-a", "dbus-run-session", "--", "bash", script])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["HOME"] = home;
            start.Environment["XDG_CONFIG_HOME"] = Path.Combine(home, "config");
            start.Environment["XDG_DATA_HOME"] = Path.Combine(home, "data");
            start.Environment["XDG_CACHE_HOME"] = Path.Combine(home, "cache");
            start.Environment["NO_AT_BRIDGE"] = "1";
            liferea = Process.Start(start)!;
            var output = new System.Text.StringBuilder();
            liferea.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
            liferea.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
            liferea.BeginOutputReadLine();
            liferea.BeginErrorReadLine();

            var database = Path.Combine(home, "data", "liferea", "liferea.db");
            var stored = new HashSet<string>();
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(120) && !expected.IsSubsetOf(stored) && !liferea.HasExited)
            {
                await Task.Delay(1000);
                stored = await TitlesAsync(database);
            }
            string log;
            lock (output)
            {
                log = output.ToString();
            }
            var missing = expected.Except(stored).ToList();
            Assert.True(missing.Count == 0,
                $"{missing.Count} of {expected.Count} unread items not in Liferea after {clock.Elapsed.TotalSeconds:F0} s (it stored {stored.Count}), e.g. {string.Join(" | ", missing.Take(3))}\n{log[^Math.Min(log.Length, 3000)..]}");
        }
        finally
        {
            if (liferea is { HasExited: false })
            {
                liferea.Kill(entireProcessTree: true);
                await liferea.WaitForExitAsync();
            }
            SqliteConnection.ClearAllPools();
            Directory.Delete(home, recursive: true);
        }
    }

    // the titles in Liferea's database as it stands (it writes while we read: a busy or half-made file reads as nothing yet)
    private static async Task<HashSet<string>> TitlesAsync(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }
        try
        {
            await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=false");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT title FROM items";
            var titles = new HashSet<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                if (!reader.IsDBNull(0))
                {
                    titles.Add(reader.GetString(0).Trim());
                }
            }
            return titles;
        }
        catch (SqliteException)
        {
            return [];
        }
    }
}
