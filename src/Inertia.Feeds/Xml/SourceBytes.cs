using System.Runtime.InteropServices;

namespace Inertia.Feeds.Xml;

/// <summary>The array behind a document's memory, copied out only when there is none.</summary>
internal static class SourceBytes
{
    public static ArraySegment<byte> Segment(ReadOnlyMemory<byte> source) =>
        MemoryMarshal.TryGetArray(source, out var segment) ? segment : new ArraySegment<byte>(source.ToArray());
}
