using Inertia.Reader.Refresh;

namespace Inertia.Reader.Tests;

public class FetchIntervalTests
{
    private static readonly TimeSpan Min = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Max = TimeSpan.FromHours(24);

    [Theory]
    [InlineData(0, 24 * 60)]       // nothing this week: the maximum
    [InlineData(7, 12 * 60)]       // daily posts: twice a day
    [InlineData(168, 30)]          // hourly posts: every half hour
    [InlineData(100_000, 5)]       // a firehose: the minimum
    public void Follows_the_posting_rate_within_bounds(int entries, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), FetchInterval.Next(entries, null, null, Min, Max));

    [Fact]
    public void Ttl_and_freshness_slow_it_down_but_never_past_the_maximum()
    {
        Assert.Equal(TimeSpan.FromHours(2), FetchInterval.Next(168, TimeSpan.FromHours(2), null, Min, Max));
        Assert.Equal(TimeSpan.FromHours(3), FetchInterval.Next(168, null, TimeSpan.FromHours(3), Min, Max));
        Assert.Equal(Max, FetchInterval.Next(168, TimeSpan.FromDays(30), null, Min, Max));
    }

    [Fact]
    public void Skip_hours_move_the_next_fetch_to_the_first_allowed_hour()
    {
        var at = new DateTimeOffset(2026, 6, 13, 22, 30, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 6, 14, 2, 0, 0, TimeSpan.Zero), FetchInterval.AvoidSkipHours(at, [22, 23, 0, 1]));
        Assert.Equal(at, FetchInterval.AvoidSkipHours(at, [3]));
    }
}
