namespace Inertia.Reader.Storage;

/// <summary>A turn at writing, ended by disposing it.</summary>
public readonly struct WriterTurn(SemaphoreSlim? gate) : IDisposable
{
    public void Dispose() => gate?.Release();
}
