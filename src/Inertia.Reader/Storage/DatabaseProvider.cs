namespace Inertia.Reader.Storage;

/// <summary>The database engines Inertia stores its data in.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
