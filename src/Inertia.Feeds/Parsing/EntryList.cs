using Inertia.Feeds.Model;
using Inertia.Feeds.Text;

namespace Inertia.Feeds.Parsing;

/// <summary>
/// Collects a document's entries, in document order, at most the configured number. Entries that share a key are all kept
/// and given keys of their own (<see cref="EntryKey.Distinguish"/>); only an entry identical to an earlier one is dropped,
/// with a warning: in an XML document, the same element byte for byte (two items may differ only in what no field reads);
/// in JSON, the same in every field.
/// </summary>
internal sealed class EntryList(ParseDiagnostics diagnostics, int maxEntries, Xml.LenientXmlDocument? document = null)
{
    private readonly List<ParsedEntry> _entries = [];
    private readonly List<Xml.XmlElementNode?> _sources = [];
    // the index of the first entry of each key; a key seen again goes into the shared list
    private readonly Dictionary<string, int> _firstOf = new(StringComparer.Ordinal);
    private HashSet<string>? _shared;
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

    public void Add(ParsedEntry entry, int? offset, Xml.XmlElementNode? source = null)
    {
        if (IsFull)
        {
            WarnFull(offset);
            return;
        }
        if (!_firstOf.TryAdd(entry.Key, _entries.Count))
        {
            for (var i = _firstOf[entry.Key]; i < _entries.Count; i++)
            {
                if (_entries[i].Key == entry.Key && Identical(_entries[i], _sources[i], entry, source))
                {
                    diagnostics.Warn(offset, $"entry '{FeedContext.Shorten(entry.Key)}' is identical to an earlier one and was dropped");
                    return;
                }
            }
            (_shared ??= new(StringComparer.Ordinal)).Add(entry.Key);
        }
        _entries.Add(entry);
        _sources.Add(source);
    }

    public IReadOnlyList<ParsedEntry> ToList()
    {
        if (_shared is null)
        {
            return _entries;
        }
        var result = _entries.ToArray();
        foreach (var shared in _shared)
        {
            var at = new List<int>();
            for (var i = _firstOf[shared]; i < result.Length; i++)
            {
                if (result[i].Key == shared)
                {
                    at.Add(i);
                }
            }
            var keys = EntryKey.Distinguish(shared, [.. at.Select(i => result[i])]);
            diagnostics.Warn(null, $"{at.Count} entries share the id '{FeedContext.Shorten(shared)}'; each was kept under a key of its own");
            for (var k = 0; k < at.Count; k++)
            {
                var e = result[at[k]];
                result[at[k]] = e with { Key = keys[k], PreviousKey = e.PreviousKey ?? shared };
            }
        }
        return result;
    }

    private bool Identical(ParsedEntry a, Xml.XmlElementNode? aSource, ParsedEntry b, Xml.XmlElementNode? bSource)
    {
        if (document is not null && aSource is not null && bSource is not null)
        {
            return document.Utf8[aSource.Offset..aSource.End].SequenceEqual(document.Utf8[bSource.Offset..bSource.End]);
        }
        return SameFields(a, b);
    }

    private static bool SameFields(ParsedEntry a, ParsedEntry b) =>
        a.Id == b.Id && a.Url == b.Url && a.Title == b.Title && a.Author == b.Author && a.Published == b.Published && a.Updated == b.Updated
        && a.Summary == b.Summary && a.Content == b.Content && a.ImageUrl == b.ImageUrl && a.ContentBaseUrl == b.ContentBaseUrl
        && a.Categories.SequenceEqual(b.Categories) && a.Enclosures.SequenceEqual(b.Enclosures);
}
