using Inertia.Feeds.Opml;

namespace Inertia.Reader.Ingest;

/// <summary>What an OPML import did: imported, already subscribed, and each invalid outline with its line and reason.</summary>
public sealed record ImportReport(int Imported, int AlreadySubscribed, IReadOnlyList<OpmlProblem> Invalid)
{
    public override string ToString() =>
        $"imported {Imported}, already subscribed {AlreadySubscribed}, invalid {Invalid.Count}" +
        string.Concat(Invalid.Select(p => $"\n  line {p.Line}: {p.Reason}"));
}
