using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;

namespace Inertia.Benchmarks;

/// <summary>
/// This build's parser against another build's, loaded side by side in one process and timed in alternating passes over
/// the same documents: on a machine that drifts by a third from minute to minute, two processes run one after the other
/// cannot show a change of a few percent, and the ratio of paired passes can.
/// </summary>
public static class BuildComparison
{
    /// <summary>Prints the median speed ratio of this build over the one in <paramref name="otherBuild"/> (a bench output folder).</summary>
    public static void Run(IReadOnlyList<CorpusGenerator.Document> corpus, string otherBuild, string format, TimeSpan duration)
    {
        var docs = corpus.Where(d => Selected(d, format)).Select(d => d.Bytes).ToList();
        Func<byte[], object?>[] parsers = [Load(otherBuild), b => Inertia.Feeds.Parsing.FeedParser.Parse(b)];
        var times = new[] { new List<double>(), new List<double>() };
        var clock = Stopwatch.StartNew();
        for (var round = 0; clock.Elapsed < duration; round++)
        {
            for (var k = 0; k < parsers.Length; k++)
            {
                var pass = Stopwatch.StartNew();
                foreach (var d in docs)
                {
                    parsers[k](d);
                }
                // the first rounds run code the JIT has not optimized yet
                if (round >= 20)
                {
                    times[k].Add(pass.Elapsed.TotalSeconds);
                }
            }
        }
        var ratios = times[0].Zip(times[1], (other, ours) => other / ours).Order().ToList();
        var mb = docs.Sum(d => (long)d.Length) / 1048576.0;
        Console.WriteLine($"{format} ({docs.Count} documents, {mb:F1} MB): other build {mb / Median(times[0]):F0} MB/s, this build {mb / Median(times[1]):F0} MB/s; "
            + $"this build faster by {ratios[ratios.Count / 2]:F3}× (median of {ratios.Count} paired passes, quartiles {ratios[ratios.Count / 4]:F3}–{ratios[3 * ratios.Count / 4]:F3})");
    }

    // rss, atom, rdf, json: that format's UTF-8 documents; gbk: the GBK ones; a "-zh" or "-en" suffix: only the half-Chinese or the English ones
    private static bool Selected(CorpusGenerator.Document d, string format)
    {
        var gbk = d.Name.EndsWith(".gbk", StringComparison.Ordinal);
        var chinese = d.Name.StartsWith("feed", StringComparison.Ordinal) && int.Parse(d.Name.AsSpan(4, 3), System.Globalization.CultureInfo.InvariantCulture) % 5 == 0;
        return format switch
        {
            "gbk" => gbk,
            _ when format.EndsWith("-zh", StringComparison.Ordinal) => !gbk && chinese && d.Format == format[..^3],
            _ when format.EndsWith("-en", StringComparison.Ordinal) => !chinese && d.Format == format[..^3],
            _ => !gbk && d.Format == format,
        };
    }

    private static Func<byte[], object?> Load(string folder)
    {
        var context = new AssemblyLoadContext($"other build in {folder}");
        context.Resolving += (ctx, name) => File.Exists(Path.Combine(folder, name.Name + ".dll")) ? ctx.LoadFromAssemblyPath(Path.Combine(folder, name.Name + ".dll")) : null;
        var feeds = context.LoadFromAssemblyPath(Path.GetFullPath(Path.Combine(folder, "Inertia.Feeds.dll")));
        var options = feeds.GetType("Inertia.Feeds.Parsing.FeedParseOptions", throwOnError: true)!;
        var parse = feeds.GetType("Inertia.Feeds.Parsing.FeedParser", throwOnError: true)!.GetMethod("Parse", [typeof(ReadOnlyMemory<byte>), options])
            ?? throw new MissingMethodException("FeedParser.Parse(ReadOnlyMemory<byte>, FeedParseOptions)");
        return b => parse.Invoke(null, BindingFlags.DoNotWrapExceptions, null, [new ReadOnlyMemory<byte>(b), null], null);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
