namespace Inertia.Feeds.Xml;

/// <summary>
/// Interns element and attribute names so a document with 10,000 &lt;item&gt;s allocates the name once. A small open-addressing
/// table with a cheap hash: feeds use a few dozen names, and a hostile document with thousands simply stops being interned.
/// </summary>
internal sealed class NameTable
{
    private const int Size = 512;
    private const int MaxInterned = Size / 2;
    private readonly string?[] _slots = new string?[Size];
    private int _count;

    public string Get(ReadOnlySpan<char> name)
    {
        if (name.Length > 64)
        {
            return name.ToString();
        }
        var h = 2166136261u;
        foreach (var c in name)
        {
            h = (h ^ c) * 16777619u;
        }
        var i = (int)(h & (Size - 1));
        while (true)
        {
            var s = _slots[i];
            if (s is null)
            {
                var created = name.ToString();
                if (_count < MaxInterned)
                {
                    _slots[i] = created;
                    _count++;
                }
                return created;
            }
            if (name.SequenceEqual(s))
            {
                return s;
            }
            i = (i + 1) & (Size - 1);
        }
    }
}
