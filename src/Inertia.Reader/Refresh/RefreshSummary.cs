namespace Inertia.Reader.Refresh;

/// <summary>What one refresh run did, as `inertia refresh` prints it.</summary>
public sealed record RefreshSummary(int Feeds, int Ok, int NotModified, int Failed, int NewEntries, int UpdatedEntries, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"refreshed {Feeds} feeds: {Ok} answered 200, {NotModified} answered 304, {Failed} failed; " +
        $"{NewEntries} new entries, {UpdatedEntries} updated; {Elapsed.TotalSeconds:0.00} s";
}
