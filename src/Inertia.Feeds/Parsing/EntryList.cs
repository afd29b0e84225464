using Inertia.Feeds.Model;
using Inertia.Feeds.Text;

namespace Inertia.Feeds.Parsing;

/// <summary>Collects a document's entries: at most the configured number, one per key (the first wins, later ones are warned about).</summary>
internal sealed class EntryList(ParseDiagnostics diagnostics, int maxEntries)
{
    private readonly List<ParsedEntry> _entries = [];
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private bool _capWarned;

    public bool IsFull => _entries.Count >= maxEntries;

    /// <summary>Notes (once, at the offset of the first skipped entry) that entries past the cap were skipped.</summary>
    public void WarnFull(int? offset)
    {
        if (!_capWarned)
        {
            diagnostics.Warn(offset, $"more than {maxEntries} entries; the rest were skipped");
            _capWarned = true;
        }
    }

    public void Add(ParsedEntry entry, int? offset)
    {
        if (IsFull)
        {
            WarnFull(offset);
            return;
        }
        if (!_keys.Add(entry.Key))
        {
            diagnostics.Warn(offset, $"duplicate entry '{FeedContext.Shorten(entry.Key)}' dropped");
            return;
        }
        _entries.Add(entry);
    }

    public IReadOnlyList<ParsedEntry> ToList() => _entries;
}
