namespace Inertia.Feeds.Xml;

/// <summary>Interns element and attribute names so a document with 10,000 &lt;item&gt;s allocates the name once.</summary>
internal sealed class NameTable
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public NameTable() => _lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<char> name)
    {
        if (_lookup.TryGetValue(name, out var s))
        {
            return s;
        }
        var created = name.ToString();
        _names.Add(created);
        return created;
    }
}
