namespace Inertia.Reader.Storage;

/// <summary>The database engines Inertia stores its data in.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
    /// <summary>Another spelling of <see cref="Postgres"/>, as configuration may write it.</summary>
    PostgreSql = Postgres,
}
