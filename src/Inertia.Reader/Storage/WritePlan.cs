using Inertia.Feeds.Model;

namespace Inertia.Reader.Storage;

/// <summary>An entry to write, with the hash of its raw content and whether the feed has it already.</summary>
public sealed record PlannedWrite(ParsedEntry Entry, byte[] Hash, bool IsNew);

/// <summary>The entries of one fetch that need writing, and how many did not.</summary>
public sealed record WritePlan(IReadOnlyList<PlannedWrite> Writes, int Unchanged)
{
    /// <summary>The same plan with each entry prepared (sanitized); the hash stays that of the raw entry.</summary>
    public WritePlan Prepare(Func<ParsedEntry, ParsedEntry> prepare) =>
        this with { Writes = [.. Writes.Select(w => w with { Entry = prepare(w.Entry) })] };
}
