using System.Diagnostics;
using Inertia.Feeds.Html;
using Inertia.Feeds.Opml;
using Inertia.Feeds.Parsing;

namespace Inertia.Feeds.Tests;

/// <summary>Mutates every fixture (truncate, flip bytes, insert junk, nest deeply) with a fixed seed: each result is a feed or an error, never an exception, a hang or unbounded growth.</summary>
public class FuzzTests
{
    private const int IterationsPerFixture = 60;

    private static readonly string[] s_junk =
        ["<", "&", "]]>", "<![CDATA[", "<!--", "</item>", "<item>", "\0", "\uFFFD", "&#x0;", "&bogus;", "\"", "<x:y>", "\u00e9", "<?", "<!DOCTYPE x [", "{", "}", "]"];

    public static IEnumerable<object[]> FixtureNames() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "testdata")).Select(f => new object[] { Path.GetFileName(f) });

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void Mutated_documents_give_a_result_or_an_error_within_the_caps(string fixture)
    {
        var original = Fixtures.Bytes(fixture);
        // a stable seed per fixture (string.GetHashCode differs between runs): every run mutates the same way
        var random = new Random(fixture.Aggregate(20261128, (h, c) => unchecked(h * 31 + c)));
        var limits = new Model.FeedLimits { MaxDocumentBytes = 4 * 1024 * 1024 };
        for (var i = 0; i < IterationsPerFixture; i++)
        {
            var mutated = Mutate(original, random);
            var clock = Stopwatch.StartNew();
            var result = FeedParser.Parse(mutated, new FeedParseOptions { DocumentUrl = "https://fuzz.example/feed", Limits = limits });
            Assert.True(result.Feed is not null ^ result.Error is not null);
            if (result.Feed is { } feed)
            {
                var clean = EntryHtml.Sanitize(feed);
                Assert.All(clean.Entries, e => Assert.DoesNotContain("<script", e.Content ?? "", StringComparison.OrdinalIgnoreCase));
                Assert.True(feed.Warnings.Count <= limits.MaxWarnings + 1);
            }
            _ = OpmlReader.Read(System.Text.Encoding.UTF8.GetString(mutated)).Count();
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"{fixture} iteration {i} took {clock.Elapsed}");
        }
    }

    private static byte[] Mutate(byte[] input, Random random)
    {
        var bytes = new List<byte>(input);
        var rounds = random.Next(1, 4);
        for (var r = 0; r < rounds; r++)
        {
            switch (random.Next(5))
            {
                case 0 when bytes.Count > 1:
                    var keep = random.Next(1, bytes.Count);
                    bytes.RemoveRange(keep, bytes.Count - keep);
                    break;
                case 1:
                    for (var k = 0; k < 8 && bytes.Count > 0; k++)
                    {
                        bytes[random.Next(bytes.Count)] ^= (byte)(1 << random.Next(8));
                    }
                    break;
                case 2:
                    var junk = System.Text.Encoding.UTF8.GetBytes(s_junk[random.Next(s_junk.Length)]);
                    bytes.InsertRange(random.Next(bytes.Count + 1), junk);
                    break;
                case 3:
                    var depth = random.Next(100, 20_000);
                    var open = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("<d>", depth)));
                    bytes.InsertRange(random.Next(bytes.Count + 1), open);
                    break;
                default:
                    if (bytes.Count > 2)
                    {
                        var at = random.Next(bytes.Count - 1);
                        var len = Math.Min(random.Next(1, 200), bytes.Count - at);
                        var slice = bytes.GetRange(at, len);
                        bytes.InsertRange(random.Next(bytes.Count + 1), slice);
                    }
                    break;
            }
        }
        return [.. bytes];
    }
}
