using Dapper;

namespace Inertia.Reader.Storage;

/// <summary>The web app's data-protection keys, as the XML documents ASP.NET Core writes them (synchronous: its key manager asks rarely and caches).</summary>
public static class KeyRingStore
{
    public static IReadOnlyList<string> All(Database database)
    {
        using var connection = database.OpenAsync().GetAwaiter().GetResult();
        return [.. connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY id")];
    }

    public static void Add(Database database, string name, string xml)
    {
        using var connection = database.OpenAsync().GetAwaiter().GetResult();
        connection.Execute("INSERT INTO data_protection_keys (name, xml) VALUES (@name, @xml) ON CONFLICT (name) DO NOTHING", new { name, xml });
    }
}
