using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace Inertia.Feeds.Xml;

/// <summary>
/// Interns element and attribute names so a document with 10,000 &lt;item&gt;s allocates the name once. A small open-addressing
/// table with a cheap hash: feeds use a few dozen names, and a hostile document with thousands simply stops being interned.
/// </summary>
internal sealed class NameTable
{
    private const int SizeBits = 9;
    private const int Size = 1 << SizeBits;
    private const int MaxInterned = Size / 2;
    private const int MaxProbes = 8;
    private readonly byte[]?[] _keys = new byte[]?[Size];
    private readonly string?[] _names = new string?[Size];
    private int _count;

    /// <summary>
    /// The first slot to probe: the first and last eight bytes (or four, or each byte of a shorter name) and the length,
    /// mixed by one multiplication, where a byte-by-byte hash cost a multiplication per byte of every name read.
    /// </summary>
    internal static int Slot(ReadOnlySpan<byte> name)
    {
        ulong key;
        if (name.Length >= 8)
        {
            key = BinaryPrimitives.ReadUInt64LittleEndian(name) ^ BitOperations.RotateLeft(BinaryPrimitives.ReadUInt64LittleEndian(name[^8..]), 29);
        }
        else if (name.Length >= 4)
        {
            key = BinaryPrimitives.ReadUInt32LittleEndian(name) | ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(name[^4..]) << 32);
        }
        else
        {
            key = 0;
            foreach (var b in name)
            {
                key = (key << 8) | b;
            }
        }
        key = (key ^ (ulong)name.Length) * 0x9E3779B97F4A7C15;
        return (int)(key >> (64 - SizeBits));
    }

    /// <summary>The name spelled by these UTF-8 bytes.</summary>
    public string Get(ReadOnlySpan<byte> name)
    {
        if (name.Length > 64)
        {
            return Encoding.UTF8.GetString(name);
        }
        var i = Slot(name);
        // a run of probes this long means names crafted to collide: they are made, not interned, so that a lookup
        // never costs more than a few comparisons whatever the document holds
        for (var probes = 0; probes < MaxProbes; probes++)
        {
            var key = _keys[i];
            if (key is null)
            {
                var created = Encoding.UTF8.GetString(name);
                if (_count < MaxInterned)
                {
                    _keys[i] = name.ToArray();
                    _names[i] = created;
                    _count++;
                }
                return created;
            }
            if (name.SequenceEqual(key))
            {
                return _names[i]!;
            }
            i = (i + 1) & (Size - 1);
        }
        return Encoding.UTF8.GetString(name);
    }
}
