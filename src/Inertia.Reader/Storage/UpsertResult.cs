namespace Inertia.Reader.Storage;

/// <summary>What one ingest of a feed's entries changed.</summary>
public sealed record UpsertResult(int Inserted, int Updated, int Unchanged);
