using System.Data.Common;

namespace Inertia.Reader.Storage;

/// <summary>SQL for "column is one of the list @param": an array parameter on PostgreSQL, Dapper's expanded list on SQLite.</summary>
internal static class IdList
{
    public static string In(DbConnection connection, string column, string parameter) =>
        connection is Microsoft.Data.Sqlite.SqliteConnection ? $"{column} IN @{parameter}" : $"{column} = ANY(@{parameter})";
}
