using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Inertia.Web.Tests;

/// <summary>`inertia serve` as a real child process, its standard output kept line by line; killed when disposed.</summary>
public sealed class ServeProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    public ServeProcess(string workingDirectory, int port, IReadOnlyDictionary<string, string> environment)
    {
        Port = port;
        var psi = InertiaProcess.StartInfo(workingDirectory, ["serve", "--urls", $"http://127.0.0.1:{port}"]);
        // only the settings the test passes: none inherited from the environment it runs in
        psi.Environment.Remove("INERTIA__Server__PublicBaseUrl");
        psi.Environment.Remove("ASPNETCORE_URLS");
        psi.Environment["INERTIA__Refresh__PollSeconds"] = "1";
        psi.Environment["Logging__Console__FormatterName"] = "simple";
        // the built-in catalog names internet feeds: these servers fetch only what their test serves
        var catalog = Path.Combine(workingDirectory, "empty-catalog.opml");
        File.WriteAllText(catalog, "<opml version=\"2.0\"><head/><body/></opml>");
        psi.Environment["INERTIA__Catalog__Path"] = catalog;
        foreach (var (name, value) in environment)
        {
            psi.Environment[name] = value;
        }
        _process = Process.Start(psi)!;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Port { get; }
    public Uri Root => new($"http://127.0.0.1:{Port}/");
    public string Output => string.Join('\n', _lines);

    /// <summary>A port nobody listens on now (the OS's choice for a socket bound to port 0).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until the server answers /healthz.</summary>
    public async Task WaitUntilReadyAsync(HttpClient client)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            Assert.False(_process.HasExited, $"inertia serve exited with {(_process.HasExited ? _process.ExitCode : 0)}:\n{Output}");
            try
            {
                if ((await client.GetAsync(new Uri(Root, "healthz"))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        Assert.Fail($"inertia serve did not answer within 60 s:\n{Output}");
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
