using Inertia.Feeds.Dates;

namespace Inertia.Feeds.Tests;

public class DateTests
{
    [Theory]
    [InlineData("Sat, 13 Jun 2026 10:00:00 GMT", "2026-06-13T10:00:00Z")]
    [InlineData("Sat, 13 Jun 2026 10:00:00 AT", "2026-06-13T14:00:00Z")]
    [InlineData("Sat, 13 Jun 2026 10:00:00 ET", "2026-06-13T15:00:00Z")]
    [InlineData("Sat, 13 Jun 2026 10:00:00 CT", "2026-06-13T16:00:00Z")]
    [InlineData("Sat, 13 Jun 2026 10:00:00 MT", "2026-06-13T17:00:00Z")]
    [InlineData("Sat, 13 Jun 2026 10:00:00 PT", "2026-06-13T18:00:00Z")]
    [InlineData("Sat, 13 Jun 2026 10:00:00 Etc/GMT", "2026-06-13T10:00:00Z")]
    [InlineData("Sat, 13 Jun 2026 10:00:00 Etc/GMT-2", "2026-06-13T08:00:00Z")] // POSIX signs: two hours east
    [InlineData("June 13, 2026 at 10:00 AT", "2026-06-13T14:00:00Z")]
    [InlineData("Fri, 2006/09/15 08:19:53 EDT", "2006-09-15T12:19:53Z")]
    [InlineData("Κυρ, 11 Ιούλ 2004 12:00:00 EST", "2004-07-11T17:00:00Z")]
    [InlineData("Τετ, 03 Μάρ 2004 09:30:00 GMT", "2004-03-03T09:30:00Z")]
    [InlineData("Σαβ, 13 Ιούν 2026 10:00:00 +0300", "2026-06-13T07:00:00Z")]
    [InlineData("Sat, 13 Jun 2026 10:00:00 +0800", "2026-06-13T02:00:00Z")]
    [InlineData("Sat, 13 Jun 2026 10:00 +0800", "2026-06-13T02:00:00Z")]
    [InlineData("13 Jun 2026 10:00:00 EST", "2026-06-13T15:00:00Z")]
    [InlineData("Sat, 13 Jun 2026 10:00:00 EDT", "2026-06-13T14:00:00Z")]
    [InlineData("Sat, 13 Jun 2026 10:00:00 PDT", "2026-06-13T17:00:00Z")]
    [InlineData("Sat, 13 Jun 2026 10:00:00 CST", "2026-06-13T16:00:00Z")]
    [InlineData("Sat, 13 Jun 2026 10:00:00 UT", "2026-06-13T10:00:00Z")]
    [InlineData("Sat, 13 Jun 2026 10:00:00 Z", "2026-06-13T10:00:00Z")]
    [InlineData("Sat, 13 Jun 2026 10:00:00 A", "2026-06-13T09:00:00Z")]
    [InlineData("Mon, 13 Jun 2026 10:00:00 GMT", "2026-06-13T10:00:00Z")] // wrong weekday
    [InlineData("Thurs, 11 Jun 2026 10:00:00 GMT", "2026-06-11T10:00:00Z")]
    [InlineData("Tue, 01 Sept 2026 10:00:00 GMT", "2026-09-01T10:00:00Z")]
    [InlineData("Sat, 13 Jun 26 10:00:00 GMT", "2026-06-13T10:00:00Z")] // two-digit year
    [InlineData("Sat, 13 Jun 99 10:00:00 GMT", "1999-06-13T10:00:00Z")]
    [InlineData("13 June 2026", "2026-06-13T00:00:00Z")]
    [InlineData("June 13, 2026 3:05 PM", "2026-06-13T15:05:00Z")]
    [InlineData("Sat, 13 Jun 2026 10:00:00 +0800 (CST)", "2026-06-13T02:00:00Z")]
    [InlineData("13-Jun-2026 10:00:00", "2026-06-13T10:00:00Z")]
    [InlineData("Sat, 13 Jun 2026 10:00:00 GMT+8", "2026-06-13T02:00:00Z")]
    [InlineData("2026-06-13T10:00:00Z", "2026-06-13T10:00:00Z")]
    [InlineData("2026-06-13T10:00:00.123+02:00", "2026-06-13T08:00:00.123Z")]
    [InlineData("2026-06-13T10:00:00+0200", "2026-06-13T08:00:00Z")]
    [InlineData("2026-06-13T10:00+09:00", "2026-06-13T01:00:00Z")]
    [InlineData("2026-06-13 10:00:00", "2026-06-13T10:00:00Z")]
    [InlineData("2026-06-13", "2026-06-13T00:00:00Z")]
    [InlineData("2026-06", "2026-06-01T00:00:00Z")]
    [InlineData("2026", "2026-01-01T00:00:00Z")]
    [InlineData("20260613T100000Z", "2026-06-13T10:00:00Z")]
    [InlineData("2026/06/13", "2026-06-13T00:00:00Z")]
    [InlineData("2026/6/3 9:05", "2026-06-03T09:05:00Z")]
    [InlineData("2026年6月13日 10:00", "2026-06-13T10:00:00Z")]
    [InlineData("2026年6月13日", "2026-06-13T00:00:00Z")]
    [InlineData("2026年06月13日 星期六 下午3:05", "2026-06-13T15:05:00Z")]
    [InlineData("2026年6月13日 10时30分", "2026-06-13T10:30:00Z")]
    [InlineData("1781344800", "2026-06-13T10:00:00Z")]
    [InlineData("1781344800000", "2026-06-13T10:00:00Z")]
    public void Parses_real_world_forms_to_utc(string text, string expected)
    {
        var d = FeedDate.Parse(text);
        Assert.NotNull(d);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), d!.Value);
        Assert.Equal(TimeSpan.Zero, d.Value.Offset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("32 Jun 2026")]
    [InlineData("2026-13-01")]
    [InlineData("2026-02-30T10:00:00Z")]
    [InlineData("Sat, 13 Foo 2026 10:00:00 GMT")]
    [InlineData("2026-06-13T25:00:00Z")]
    public void Returns_null_for_what_is_not_a_date(string text) => Assert.Null(FeedDate.Parse(text));

    [Fact]
    public void Unreadable_date_becomes_null_with_a_warning_naming_the_line()
    {
        var feed = Fixtures.ParseText("<rss version=\"2.0\"><channel>\n<item><title>x</title><pubDate>someday</pubDate></item></channel></rss>");
        Assert.Null(feed.Entries[0].Published);
        Assert.Contains("line 2: unreadable date 'someday' in <pubDate>", feed.Warnings);
    }

    [Fact]
    public void Canonical_rfc1123_dates_read_the_same_on_the_fast_path_as_by_the_full_parser()
    {
        var random = new Random(1123);
        for (var k = 0; k < 5000; k++)
        {
            var offset = TimeSpan.FromMinutes(15 * random.Next(-48, 57));
            var when = new DateTimeOffset(1970, 1, 1, 0, 0, 0, offset).AddSeconds(random.NextInt64(0, 4_000_000_000L));
            var zone = offset == TimeSpan.Zero && random.Next(2) == 0 ? "GMT" : (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString("hhmm", System.Globalization.CultureInfo.InvariantCulture);
            var text = when.ToString("ddd, dd MMM yyyy HH:mm:ss ", System.Globalization.CultureInfo.InvariantCulture) + zone;
            var parsed = FeedDate.Parse(text);
            Assert.Equal(when.UtcDateTime, parsed?.UtcDateTime);
            Assert.Equal(Rfc822.TryParse(text), parsed);
        }
    }
}
