using System.Diagnostics;

namespace Inertia.Web.Tests;

/// <summary>The real `inertia` executable as a child process: on SQLite under its working directory, allowed to reach loopback.</summary>
public static class InertiaProcess
{
    public static ProcessStartInfo StartInfo(string? workingDirectory, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null)
        {
            psi.WorkingDirectory = workingDirectory;
        }
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "inertia.dll"));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment.Remove("INERTIA__Database__Provider");
        psi.Environment.Remove("INERTIA__Database__ConnectionString");
        psi.Environment["INERTIA__Fetching__AllowPrivateNetworks"] = "true";
        return psi;
    }

    /// <summary>Runs it to the end (failing the test after <paramref name="within"/>): exit code, stdout, stderr.</summary>
    public static (int Exit, string Stdout, string Stderr) Run(string? workingDirectory, TimeSpan within, params string[] args) =>
        RunWith(workingDirectory, within, null, null, args);

    /// <summary>The same with <paramref name="stdin"/> written to its standard input and extra environment variables.</summary>
    public static (int Exit, string Stdout, string Stderr) RunWith(string? workingDirectory, TimeSpan within, string? stdin, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var psi = StartInfo(workingDirectory, args);
        psi.RedirectStandardInput = stdin is not null;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[name] = value;
        }
        using var p = Process.Start(psi)!;
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
        }
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(within), "inertia did not finish");
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
