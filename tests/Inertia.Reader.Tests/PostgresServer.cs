using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Inertia.Reader.Tests;

/// <summary>
/// A real PostgreSQL for the tests: the one named by INERTIA_TEST_POSTGRES (CI starts it), or else a throwaway cluster
/// started here from the PostgreSQL 15 installed on these machines, stopped when the tests end.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private readonly string? _dataDirectory;

    public PostgresServer()
    {
        var given = Environment.GetEnvironmentVariable("INERTIA_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(given))
        {
            AdminConnectionString = given;
            return;
        }
        if (!File.Exists(Path.Combine(Bin, "initdb")))
        {
            throw new InvalidOperationException($"No PostgreSQL for the tests: set INERTIA_TEST_POSTGRES or install PostgreSQL 15 ({Bin})");
        }
        _dataDirectory = Directory.CreateTempSubdirectory("inertia-pg-").FullName;
        var port = FreePort();
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Run("chown", $"postgres: {_dataDirectory}");
        }
        RunAsPostgres(asRoot, $"{Bin}/initdb -D {_dataDirectory} -U postgres -A trust -E UTF8 --locale=C.UTF-8");
        RunAsPostgres(asRoot, $"{Bin}/pg_ctl -D {_dataDirectory} -l {_dataDirectory}/log -w -o '-c listen_addresses=127.0.0.1 -p {port} -k {_dataDirectory} -c fsync=off' start");
        AdminConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
    }

    /// <summary>A connection string with rights to create databases.</summary>
    public string AdminConnectionString { get; }

    /// <summary>A new empty database for one test class.</summary>
    public string CreateDatabase()
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {name}";
            command.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = false }.ToString();
    }

    public void Dispose()
    {
        if (_dataDirectory is null)
        {
            return;
        }
        NpgsqlConnection.ClearAllPools();
        try
        {
            RunAsPostgres(Environment.UserName == "root", $"{Bin}/pg_ctl -D {_dataDirectory} -m immediate -w stop");
        }
        finally
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void RunAsPostgres(bool asRoot, string command)
    {
        if (asRoot)
        {
            Run("su", "postgres", "-c", command);
        }
        else
        {
            Run("sh", "-c", command);
        }
    }

    private static void Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (args.Length == 1 && file == "chown")
        {
            foreach (var a in args[0].Split(' '))
            {
                psi.ArgumentList.Add(a);
            }
        }
        else
        {
            foreach (var a in args)
            {
                psi.ArgumentList.Add(a);
            }
        }
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000) || p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {output.Result}{error.Result}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
