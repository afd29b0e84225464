using System.Diagnostics;
using System.Text.Json;

namespace Inertia.Web.Tests;

/// <summary>Runs the real `inertia` executable and checks the parse/discover contract other tools depend on.</summary>
public class CliContractTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inertia-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Exit, string Stdout, string Stderr) Run(params string[] args) =>
        InertiaProcess.Run(null, TimeSpan.FromSeconds(60), args);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private const string Rss = """
        <rss version="2.0"><channel><title>T</title><link>https://e.example/</link>
        <item><title>One</title><link>/1</link><guid>g1</guid><pubDate>Sat, 13 Jun 2026 10:00:00 +0800</pubDate>
        <description><![CDATA[<p onclick="x()">Hi <a href="/a">a</a><script>alert(1)</script></p>]]></description>
        <enclosure url="/e.mp3" type="audio/mpeg" length="12"/></item></channel></rss>
        """;

    [Fact]
    public void One_file_gives_one_json_object_with_every_contract_field()
    {
        var file = Write("a.xml", Rss);
        var (exit, stdout, _) = Run("parse", file, "--url", "https://e.example/feed.xml");
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal(file, root.GetProperty("file").GetString());
        Assert.Equal("rss", root.GetProperty("format").GetString());
        Assert.Equal("2.0", root.GetProperty("version").GetString());
        foreach (var name in new[] { "title", "siteUrl", "feedUrl", "description", "language", "iconUrl", "updated", "hubs", "entries", "warnings" })
        {
            Assert.True(root.TryGetProperty(name, out _), name);
        }
        Assert.Equal(JsonValueKind.Null, root.GetProperty("feedUrl").ValueKind);
        var e = root.GetProperty("entries")[0];
        foreach (var name in new[] { "id", "key", "url", "title", "author", "published", "updated", "summary", "content", "categories", "imageUrl", "enclosures" })
        {
            Assert.True(e.TryGetProperty(name, out _), name);
        }
        Assert.Equal("g1", e.GetProperty("id").GetString());
        Assert.Equal("https://e.example/1", e.GetProperty("url").GetString());
        Assert.Equal("2026-06-13T02:00:00Z", e.GetProperty("published").GetString());
        Assert.Equal("<p>Hi <a href=\"https://e.example/a\" rel=\"noopener noreferrer\" target=\"_blank\">a</a></p>", e.GetProperty("summary").GetString());
        var enc = e.GetProperty("enclosures")[0];
        Assert.Equal("https://e.example/e.mp3", enc.GetProperty("url").GetString());
        Assert.Equal(12, enc.GetProperty("length").GetInt64());
    }

    [Fact]
    public void Raw_skips_sanitizing()
    {
        var file = Write("a.xml", Rss);
        var (exit, stdout, _) = Run("parse", file, "--raw");
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Contains("<script>", doc.RootElement.GetProperty("entries")[0].GetProperty("summary").GetString());
    }

    [Fact]
    public void Several_files_give_json_lines_in_order_and_exit_1_when_one_cannot_be_read()
    {
        var a = Write("a.xml", Rss);
        var b = Write("b.json", """{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[]}""");
        var missing = Path.Combine(_dir, "missing.xml");
        var (exit, stdout, _) = Run("parse", a, missing, b);
        Assert.Equal(1, exit);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal("rss", JsonDocument.Parse(lines[0]).RootElement.GetProperty("format").GetString());
        var error = JsonDocument.Parse(lines[1]).RootElement;
        Assert.Equal(missing, error.GetProperty("file").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("error").GetString()));
        Assert.Equal("json", JsonDocument.Parse(lines[2]).RootElement.GetProperty("format").GetString());
    }

    [Fact]
    public void Content_type_charset_is_honoured()
    {
        var path = Path.Combine(_dir, "gbk.xml");
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        File.WriteAllBytes(path, System.Text.Encoding.GetEncoding("gb18030").GetBytes("<rss version=\"2.0\"><channel><title>惯性聚合</title></channel></rss>"));
        var (exit, stdout, _) = Run("parse", path, "--content-type", "application/rss+xml; charset=gbk");
        Assert.Equal(0, exit);
        Assert.Equal("惯性聚合", JsonDocument.Parse(stdout).RootElement.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("parse")]
    [InlineData("parse", "--bogus")]
    [InlineData("frobnicate")]
    public void Bad_arguments_exit_2(params string[] args)
    {
        var (exit, _, stderr) = Run(args);
        Assert.Equal(2, exit);
        Assert.False(string.IsNullOrWhiteSpace(stderr));
    }

    [Fact]
    public void Discover_prints_the_feeds_of_an_html_page()
    {
        var page = Write("p.html", "<html><head><link rel=\"alternate\" type=\"application/atom+xml\" title=\"Atom\" href=\"/atom.xml\"></head></html>");
        var (exit, stdout, _) = Run("discover", page, "--url", "https://blog.example/");
        Assert.Equal(0, exit);
        var first = JsonDocument.Parse(stdout).RootElement[0];
        Assert.Equal("https://blog.example/atom.xml", first.GetProperty("url").GetString());
        Assert.Equal("atom", first.GetProperty("type").GetString());
        Assert.Equal("Atom", first.GetProperty("title").GetString());
    }

    [Fact]
    public void Migrate_creates_the_sqlite_database_under_data_of_the_working_directory()
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _dir };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "inertia.dll"));
        psi.ArgumentList.Add("migrate");
        psi.Environment.Remove("INERTIA__Database__Provider");
        psi.Environment.Remove("INERTIA__Database__ConnectionString");
        string Run()
        {
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEnd();
            Assert.True(p.WaitForExit(60_000));
            Assert.Equal(0, p.ExitCode);
            return stdout;
        }
        Assert.Contains("applied", Run());
        Assert.True(File.Exists(Path.Combine(_dir, "data", "inertia.db")));
        Assert.Contains("up to date", Run());
    }

    [Fact]
    public async Task User_api_key_prints_a_new_working_password_alone_on_the_last_line()
    {
        Assert.Equal(0, RunIn(_dir, "user", "add", "ann", "--password", "account secret").Exit);
        var made = RunIn(_dir, "user", "api-key", "ann", "--label", "NetNewsWire");
        Assert.Equal(0, made.Exit);
        var password = made.Stdout.TrimEnd('\n').Split('\n')[^1];
        Assert.Matches("^[a-z2-7]{32}$", password);
        var second = RunIn(_dir, "user", "api-key", "ann").Stdout.TrimEnd('\n').Split('\n')[^1];
        Assert.NotEqual(password, second);
        var nobody = RunIn(_dir, "user", "api-key", "nobody");
        Assert.Equal(1, nobody.Exit);
        Assert.Contains("no user named 'nobody'", nobody.Stderr);

        await using var database = new Inertia.Reader.Storage.Database(new Inertia.Reader.Storage.DatabaseOptions
        {
            ConnectionString = $"Data Source={Path.Combine(_dir, "data", "inertia.db")}",
        });
        await using var connection = await database.OpenAsync();
        var caller = await Inertia.Reader.Storage.ApiPasswordStore.BySecretAsync(connection, Inertia.Web.Api.ApiSecret.Hash(password));
        Assert.Equal("ann", caller!.UserName);
        Assert.Null(await Inertia.Reader.Storage.ApiPasswordStore.BySecretAsync(connection, Inertia.Web.Api.ApiSecret.Hash("account secret")));
        var labels = (await Inertia.Reader.Storage.ApiPasswordStore.ListAsync(connection, caller.UserId)).Select(p => p.Label);
        Assert.Equal(["NetNewsWire", "cli"], labels);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private static (int Exit, string Stdout, string Stderr) RunIn(string directory, params string[] args) =>
        InertiaProcess.Run(directory, TimeSpan.FromSeconds(120), args);

    [Fact]
    public async Task User_import_refresh_and_export_work_end_to_end()
    {
        var listener = new System.Net.HttpListener();
        var port = System.Net.IPEndPoint.Parse("127.0.0.1:0");
        using var probe = new System.Net.Sockets.TcpListener(port);
        probe.Start();
        var free = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        listener.Prefixes.Add($"http://127.0.0.1:{free}/");
        listener.Start();
        using var stop = new CancellationTokenSource();
        var serving = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var context = await listener.GetContextAsync();
                var body = System.Text.Encoding.UTF8.GetBytes(Rss);
                context.Response.ContentType = "application/rss+xml";
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        });
        try
        {
            Assert.Equal(0, RunIn(_dir, "user", "add", "ann", "--password", "secret", "--admin").Exit);
            var again = RunIn(_dir, "user", "add", "ann", "--password", "secret");
            Assert.Equal(1, again.Exit);
            Assert.Contains("already exists", again.Stderr);

            var opml = Write("subs.opml", $"<opml version=\"2.0\"><body><outline text=\"Tech\"><outline type=\"rss\" text=\"Local\" xmlUrl=\"http://127.0.0.1:{free}/feed.xml\"/></outline><outline type=\"rss\" text=\"bad\" xmlUrl=\"nope\"/></body></opml>");
            var import = RunIn(_dir, "import", opml, "--user", "ann");
            Assert.Equal(0, import.Exit);
            Assert.StartsWith("imported 1, already subscribed 0, invalid 1", import.Stdout);
            Assert.Contains("line 1:", import.Stdout);
            Assert.Contains("inertia import: 1 outlines stored", import.Stderr);

            var refresh = RunIn(_dir, "refresh");
            Assert.Equal(0, refresh.Exit);
            Assert.Matches(@"^refreshed 1 feeds: 1 answered 200, 0 answered 304, 0 failed; 1 new entries, 0 updated; \d+\.\d\d s\n$", refresh.Stdout);

            var export = RunIn(_dir, "export", "--user", "ann");
            Assert.Equal(0, export.Exit);
            Assert.Contains($"xmlUrl=\"http://127.0.0.1:{free}/feed.xml\"", export.Stdout);
            Assert.Contains("text=\"Tech\"", export.Stdout);
            Assert.Equal(1, RunIn(_dir, "export", "--user", "nobody").Exit);
        }
        finally
        {
            stop.Cancel();
            listener.Stop();
            await Task.WhenAny(serving, Task.Delay(1000));
        }
    }

    [Fact]
    public void Help_exits_0()
    {
        var (exit, stdout, _) = Run("--help");
        Assert.Equal(0, exit);
        Assert.Contains("parse", stdout);
    }
}
