using Inertia.Feeds.Model;

namespace Inertia.Reader.Storage;

/// <summary>An entry to write, with the hash of its raw content and whether the feed has it already.</summary>
public sealed record PlannedWrite(ParsedEntry Entry, byte[] Hash, bool IsNew);

/// <summary>The entries of one fetch that need writing, and how many did not.</summary>
public sealed record WritePlan(IReadOnlyList<PlannedWrite> Writes, int Unchanged)
{
    /// <summary>Keys of removed entries the document still lists, whose tombstones are to be kept.</summary>
    public IReadOnlyList<string> SeenTombstones { get; init; } = [];

    /// <summary>Stored rows to move from an entry's earlier key to its key, before anything is written.</summary>
    public IReadOnlyList<(string From, string To)> Rekeys { get; init; } = [];

    /// <summary>The same plan with each entry prepared (sanitized); the hash stays that of the raw entry.</summary>
    public WritePlan Prepare(Func<ParsedEntry, ParsedEntry> prepare) =>
        this with { Writes = [.. Writes.Select(w => w with { Entry = prepare(w.Entry) })] };

    /// <summary>The rows to write, every value computed now (call it outside the writer).</summary>
    public PreparedRows ToRows(long feedId, long now, DatabaseProvider provider)
    {
        var withTerms = provider == DatabaseProvider.Sqlite;
        return new(
            [.. Writes.Where(w => w.IsNew).Select(w => EntryRow.From(feedId, w.Entry, w.Hash, now, withTerms))],
            [.. Writes.Where(w => !w.IsNew).Select(w => EntryRow.From(feedId, w.Entry, w.Hash, now, withTerms))])
        {
            FeedId = feedId,
            Now = now,
            SeenTombstones = SeenTombstones,
            Rekeys = Rekeys,
        };
    }
}

/// <summary>Rows ready for the writer: those to insert and those whose content changed, for one feed at one time.</summary>
public sealed record PreparedRows(IReadOnlyList<EntryRow> New, IReadOnlyList<EntryRow> Changed)
{
    public long FeedId { get; init; }
    public long Now { get; init; }
    public IReadOnlyList<string> SeenTombstones { get; init; } = [];
    public IReadOnlyList<(string From, string To)> Rekeys { get; init; } = [];
}
