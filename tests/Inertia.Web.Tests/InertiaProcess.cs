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
    public static (int Exit, string Stdout, string Stderr) Run(string? workingDirectory, TimeSpan within, params string[] args)
    {
        using var p = Process.Start(StartInfo(workingDirectory, args))!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(within), "inertia did not finish");
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
