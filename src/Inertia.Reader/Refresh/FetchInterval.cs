namespace Inertia.Reader.Refresh;

/// <summary>
/// When to fetch a feed next: twice per its average gap between posts over the last week, within bounds, never sooner than its
/// RSS ttl or HTTP freshness allows, and outside its skipHours. A quiet feed drifts to the maximum, a busy one to the minimum.
/// </summary>
public static class FetchInterval
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(7);

    public static TimeSpan Next(int entriesInWindow, TimeSpan? timeToLive, TimeSpan? freshFor, TimeSpan min, TimeSpan max)
    {
        var byRate = entriesInWindow <= 0 ? max : Window / entriesInWindow / 2;
        var wanted = Max(byRate, Max(timeToLive ?? TimeSpan.Zero, freshFor ?? TimeSpan.Zero));
        return wanted < min ? min : wanted > max ? max : wanted;
    }

    /// <summary>The first moment at or after <paramref name="next"/> whose UTC hour is not skipped.</summary>
    public static DateTimeOffset AvoidSkipHours(DateTimeOffset next, IReadOnlyCollection<int> skipHours)
    {
        if (skipHours.Count == 0 || skipHours.Count >= 24)
        {
            return next;
        }
        var t = next.ToUniversalTime();
        for (var i = 0; i < 24 && skipHours.Contains(t.Hour); i++)
        {
            t = new DateTimeOffset(t.Year, t.Month, t.Day, t.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
        }
        return t;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
