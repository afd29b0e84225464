namespace Inertia.Reader.Storage;

/// <summary>A turn at writing, ended by disposing it (which lets the log be checkpointed soon).</summary>
public readonly struct WriterTurn(SemaphoreSlim? gate, Database? database) : IDisposable
{
    public void Dispose()
    {
        gate?.Release();
        database?.CheckpointSoon();
    }
}
