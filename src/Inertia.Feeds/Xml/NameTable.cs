using System.Text;

namespace Inertia.Feeds.Xml;

/// <summary>
/// Interns element and attribute names so a document with 10,000 &lt;item&gt;s allocates the name once. A small open-addressing
/// table with a cheap hash: feeds use a few dozen names, and a hostile document with thousands simply stops being interned.
/// </summary>
internal sealed class NameTable
{
    private const int Size = 512;
    private const int MaxInterned = Size / 2;
    private readonly byte[]?[] _keys = new byte[]?[Size];
    private readonly string?[] _names = new string?[Size];
    private int _count;

    /// <summary>The name spelled by these UTF-8 bytes.</summary>
    public string Get(ReadOnlySpan<byte> name)
    {
        if (name.Length > 64)
        {
            return Encoding.UTF8.GetString(name);
        }
        var h = 2166136261u;
        foreach (var b in name)
        {
            h = (h ^ b) * 16777619u;
        }
        var i = (int)(h & (Size - 1));
        while (true)
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
    }
}
