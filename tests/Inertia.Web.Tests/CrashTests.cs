using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Inertia.Web.Tests;

/// <summary>SIGKILL in the middle of a refresh and of an import: the database stays intact, nothing doubles, and a restart resumes.</summary>
public sealed class CrashTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inertia-crash-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private Process Start(params string[] args) => Process.Start(InertiaProcess.StartInfo(_dir, args))!;

    private (int Exit, string Stdout) Run(params string[] args)
    {
        var (exit, stdout, _) = InertiaProcess.Run(_dir, TimeSpan.FromSeconds(180), args);
        return (exit, stdout);
    }

    private long Scalar(string sql)
    {
        using var c = new SqliteConnection($"Data Source={Path.Combine(_dir, "data", "inertia.db")};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        var value = cmd.ExecuteScalar();
        return value is string s ? (s == "ok" ? 1 : -1) : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Starts the command and kills it (SIGKILL) once <paramref name="progress"/> shows it is under way.</summary>
    private void KillMidway(Func<long> progress, long atLeast, params string[] args)
    {
        using var p = Start(args);
        _ = p.StandardOutput.ReadToEndAsync();
        _ = p.StandardError.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(120) && !p.HasExited)
        {
            long done;
            try
            {
                done = progress();
            }
            catch (SqliteException)
            {
                done = 0; // the schema may not exist yet
            }
            if (done >= atLeast)
            {
                break;
            }
            Thread.Sleep(20);
        }
        Assert.False(p.HasExited, "the command finished before it could be killed; make the work larger");
        p.Kill(entireProcessTree: true);
        p.WaitForExit();
    }

    [Fact]
    public void An_import_killed_midway_resumes_and_ends_with_every_subscription_once()
    {
        Assert.Equal(0, Run("user", "add", "ann", "--password", "pw").Exit);
        var opml = new StringBuilder("<opml version=\"2.0\"><body>");
        for (var i = 0; i < 30_000; i++)
        {
            opml.Append($"<outline type=\"rss\" text=\"F{i}\" xmlUrl=\"https://f{i}.example/rss\"/>\n");
        }
        File.WriteAllText(Path.Combine(_dir, "big.opml"), opml.Append("</body></opml>").ToString());

        KillMidway(() => Scalar("SELECT COUNT(*) FROM subscriptions"), 1000, "import", "big.opml", "--user", "ann");
        var partial = Scalar("SELECT COUNT(*) FROM subscriptions");
        Assert.InRange(partial, 1000, 29_999);

        var (exit, stdout) = Run("import", "big.opml", "--user", "ann");
        Assert.Equal(0, exit);
        Assert.StartsWith($"imported {30_000 - partial}, already subscribed {partial}, invalid 0", stdout);
        Assert.Equal(30_000, Scalar("SELECT COUNT(*) FROM subscriptions"));
        Assert.Equal(30_000, Scalar("SELECT COUNT(*) FROM feeds"));
        Assert.Equal(1, Scalar("PRAGMA integrity_check"));
    }

    [Fact]
    public async Task A_refresh_killed_midway_resumes_and_ends_with_every_entry_once()
    {
        const int feeds = 400;
        using var listener = new HttpListener();
        var port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        using var stop = new CancellationTokenSource();
        var serving = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception) when (stop.IsCancellationRequested)
                {
                    return;
                }
                var n = context.Request.Url!.AbsolutePath.Split('/')[^1];
                var rss = new StringBuilder($"<rss version=\"2.0\"><channel><title>Feed {n}</title>");
                for (var e = 0; e < 20; e++)
                {
                    rss.Append($"<item><guid>{n}-{e}</guid><title>Entry {e}</title><description>&lt;p&gt;{new string('x', 1500)}&lt;/p&gt;</description></item>");
                }
                var body = Encoding.UTF8.GetBytes(rss.Append("</channel></rss>").ToString());
                context.Response.ContentType = "application/rss+xml";
                try
                {
                    await context.Response.OutputStream.WriteAsync(body);
                    context.Response.Close();
                }
                catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
                {
                    // the client was killed mid-response
                }
            }
        });
        try
        {
            Assert.Equal(0, Run("user", "add", "ann", "--password", "pw").Exit);
            var opml = "<opml version=\"2.0\"><body>" + string.Concat(Enumerable.Range(0, feeds).Select(i => $"<outline type=\"rss\" xmlUrl=\"http://127.0.0.1:{port}/feed/{i}\"/>")) + "</body></opml>";
            File.WriteAllText(Path.Combine(_dir, "farm.opml"), opml);
            Assert.Equal(0, Run("import", "farm.opml", "--user", "ann").Exit);

            KillMidway(() => Scalar("SELECT COUNT(*) FROM entries"), 200, "refresh");
            var partial = Scalar("SELECT COUNT(*) FROM entries");
            Assert.InRange(partial, 200, feeds * 20 - 1);

            var (exit, stdout) = Run("refresh");
            Assert.Equal(0, exit);
            Assert.Contains($"refreshed {feeds} feeds", stdout);
            Assert.Equal(feeds * 20, Scalar("SELECT COUNT(*) FROM entries"));
            Assert.Equal(0, Scalar("SELECT COUNT(*) FROM (SELECT feed_id, key FROM entries GROUP BY feed_id, key HAVING COUNT(*) > 1)"));
            Assert.Equal(0, Scalar("SELECT COUNT(*) FROM feeds WHERE lease_owner IS NOT NULL"));
            Assert.Equal(1, Scalar("PRAGMA integrity_check"));
        }
        finally
        {
            stop.Cancel();
            listener.Stop();
            await Task.WhenAny(serving, Task.Delay(2000));
        }
    }

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
