using System.Diagnostics;
using System.ServiceModel.Syndication;
using System.Xml;
using Inertia.Benchmarks;
using Inertia.Feeds.Html;
using Inertia.Feeds.Parsing;

// Parse-throughput benchmark: Inertia's parser against CodeHollow.FeedReader, System.ServiceModel.Syndication and a bare XmlReader
// read-through, on the same generated corpus, in one process. Each library is measured only on the documents it can read,
// and Inertia is measured again on exactly that subset so each comparison is like for like.
if (args.Length > 0 && args[0] == "farm")
{
    // dotnet Inertia.Benchmarks.dll farm FEEDS PORT   — serves until killed
    await FeedFarm.RunAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None);
    return;
}
if (args.Length > 0 && args[0] == "storage")
{
    // dotnet Inertia.Benchmarks.dll storage sqlite|postgres [CONNECTION STRING]
    var options = args[1] == "postgres"
        ? new Inertia.Reader.Storage.DatabaseOptions { Provider = Inertia.Reader.Storage.DatabaseProvider.Postgres, ConnectionString = args[2] }
        : new Inertia.Reader.Storage.DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(Path.GetTempPath(), $"inertia-scale-{Guid.NewGuid():N}.db")}" };
    await StorageScale.RunAsync(options);
    return;
}
if (args.Length > 0 && args[0] == "chinese")
{
    // dotnet Inertia.Benchmarks.dll chinese   — OpenCC conversion, the cache, and search forms at ingest
    Inertia.Benchmarks.ChineseCost.Run();
    return;
}
if (args.Length > 0 && args[0] == "hostile")
{
    // dotnet Inertia.Benchmarks.dll hostile   — MB/s of each hostile shape at 1 MB and 4 MB
    Inertia.Benchmarks.HostileShapes.Run();
    return;
}
if (args.Length > 0 && args[0] == "hostile-feed")
{
    // dotnet Inertia.Benchmarks.dll hostile-feed FILE   — writes the 5 MB <span/> feed
    File.WriteAllBytes(args[1], Inertia.Benchmarks.HostileShapes.FiveMegabyteSpanFeed());
    return;
}
if (args.Length > 0 && args[0] == "history")
{
    // dotnet Inertia.Benchmarks.dll history sqlite|postgres [CONNECTION STRING]
    var options = args[1] == "postgres"
        ? new Inertia.Reader.Storage.DatabaseOptions { Provider = Inertia.Reader.Storage.DatabaseProvider.Postgres, ConnectionString = args[2] }
        : new Inertia.Reader.Storage.DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(Path.GetTempPath(), $"inertia-history-{Guid.NewGuid():N}.db")}" };
    await Inertia.Benchmarks.HistoryCost.RunAsync(options);
    return;
}
if (args.Length > 0 && args[0] == "site-data")
{
    // dotnet Inertia.Benchmarks.dll site-data sqlite PATH|postgres CS FEEDS ENTRIES_PER_FEED   — the public site at scale
    var options = DatabaseArguments(args[1], args[2]);
    await Inertia.Benchmarks.SiteData.RunAsync(options, int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture));
    return;
}
if (args.Length > 0 && args[0] == "api-data")
{
    // dotnet Inertia.Benchmarks.dll api-data sqlite PATH|postgres CS USERS SUBSCRIPTIONS_PER_USER   — readers on a site-data site
    var options = DatabaseArguments(args[1], args[2]);
    await Inertia.Benchmarks.ApiData.RunAsync(options, int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture));
    return;
}
if (args.Length > 0 && args[0] == "reader-data")
{
    // dotnet Inertia.Benchmarks.dll reader-data sqlite PATH|postgres CS   — the reader benchmark's two readers (bench/reader.sh)
    var options = DatabaseArguments(args[1], args[2]);
    await Inertia.Benchmarks.ReaderData.RunAsync(options);
    return;
}
if (args.Length > 0 && args[0] == "farm-stages")
{
    // single-thread cost of each step the refresh runs on a farm document: parse, sanitize, plain text for search
    var docs = Enumerable.Range(0, 200).Select(FeedFarm.Document).ToList();
    var mb = docs.Sum(d => (long)d.Length) / 1024.0 / 1024.0;
    for (var round = 0; round < 15; round++)
    {
        var sw = Stopwatch.StartNew();
        var parsed = docs.Select(d => FeedParser.Parse(d).Feed!).ToList();
        var parse = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        var clean = parsed.Select(f => EntryHtml.Sanitize(f)).ToList();
        var sanitize = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        foreach (var f in clean)
        {
            foreach (var e in f.Entries)
            {
                _ = Inertia.Feeds.Text.PlainText.FromHtml(e.Content ?? e.Summary);
            }
        }
        var text = sw.Elapsed.TotalMilliseconds;
        if (round >= 10)
        {
            Console.WriteLine($"200 farm feeds ({mb:F1} MB): parse {parse:F0} ms, sanitize {sanitize:F0} ms, plain text {text:F0} ms");
        }
    }
    return;
}
if (args.Length > 0 && args[0] == "farm-opml")
{
    Console.Write(FeedFarm.Opml(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)));
    return;
}

var count = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 240;
var rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 7;
System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
var corpus = CorpusGenerator.Generate(count);
var totalBytes = corpus.Sum(d => (long)d.Bytes.Length);
Console.WriteLine($"corpus: {corpus.Count} feeds, {totalBytes / 1024.0 / 1024.0:F1} MB, {string.Join(", ", corpus.GroupBy(d => d.Format).Select(g => $"{g.Count()} {g.Key}"))}, {corpus.Count(d => d.Name.EndsWith(".gbk", StringComparison.Ordinal))} in GBK");
Console.WriteLine($"runtime: .NET {Environment.Version}, {Environment.ProcessorCount} cores, {rounds} rounds, median reported");
Console.WriteLine();

if (args.Contains("--tree"))
{
    // the tree alone against the whole parse, per format, warmed up so that both run fully optimized
    // UTF-8 documents only: the tokenizer and the tree read what the decoder hands them, which for GBK is not the file
    foreach (var group in corpus.Where(d => d.Format != "json" && !d.Name.EndsWith(".gbk", StringComparison.Ordinal)).GroupBy(d => d.Format))
    {
        var docs = group.Select(d => d.Bytes).ToList();
        var mb = docs.Sum(d => (long)d.Length) / 1048576.0;
        void Tree(byte[] b) => _ = Inertia.Feeds.Xml.LenientXmlDocument.Parse(b, Inertia.Feeds.Text.ParseDiagnostics.ForUtf8(b));
        void Full(byte[] b) => _ = FeedParser.Parse(b);
        void Tokens(byte[] b)
        {
            var tok = new Inertia.Feeds.Xml.LenientXmlTokenizer(b, Inertia.Feeds.Text.ParseDiagnostics.ForUtf8(b));
            while (tok.Next() != Inertia.Feeds.Xml.XmlTokenKind.EndOfInput)
            {
            }
        }
        Action<byte[]>[] steps = [Tokens, Tree, Full];
        var best = new double[steps.Length];
        var allocated = new double[steps.Length];
        for (var round = 0; round < 12; round++)
        {
            for (var k = 0; k < steps.Length; k++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var sw = Stopwatch.StartNew();
                foreach (var d in docs)
                {
                    steps[k](d);
                }
                var rate = mb / sw.Elapsed.TotalSeconds;
                best[k] = round < 4 ? 0 : Math.Max(best[k], rate);
                allocated[k] = (GC.GetAllocatedBytesForCurrentThread() - before) / (mb * 1048576.0);
            }
        }
        Console.WriteLine($"{group.Key}: tokens {best[0]:F0} MB/s ({allocated[0]:F2} B/B), tree {best[1]:F0} MB/s ({allocated[1]:F2} B/B), whole parse {best[2]:F0} MB/s ({allocated[2]:F2} B/B)");
    }
    return;
}
if (args.Contains("--decode"))
{
    // reference decoding alone: the escaped HTML of every Atom <content>, decoded again and again
    var fields = new List<byte[]>();
    foreach (var d in corpus.Where(d => d.Format == "atom"))
    {
        var text = d.Bytes.AsSpan();
        var at = 0;
        while (true)
        {
            var open = text[at..].IndexOf("<content type=\"html\">"u8);
            if (open < 0)
            {
                break;
            }
            var start = at + open + 21;
            var close = text[start..].IndexOf("</content>"u8);
            fields.Add(text.Slice(start, close).ToArray());
            at = start + close;
        }
    }
    var output = new char[fields.Max(f => f.Length)];
    foreach (var (label, set) in new[] { ("ASCII", fields.Where(f => System.Text.Ascii.IsValid(f)).ToList()), ("with Chinese", fields.Where(f => !System.Text.Ascii.IsValid(f)).ToList()) })
    {
        var mb = set.Sum(f => (long)f.Length) / 1024.0 / 1024.0;
        for (var round = 0; round < 12; round++)
        {
            var sw = Stopwatch.StartNew();
            foreach (var f in set)
            {
                Inertia.Feeds.Text.CharacterReferences.DecodeUtf8(f, output, null, 0);
            }
            if (round >= 9)
            {
                Console.WriteLine($"decode {set.Count} Atom contents, {label} ({mb:F1} MB): {mb / sw.Elapsed.TotalSeconds:F0} MB/s");
            }
        }
    }
    return;
}
if (args.Contains("--against"))
{
    // this build's parser against another build's, paired passes in one process: --against BUILD_FOLDER FORMAT SECONDS
    var at = Array.IndexOf(args, "--against");
    BuildComparison.Run(corpus, args[at + 1], args[at + 2], TimeSpan.FromSeconds(int.Parse(args[at + 3], System.Globalization.CultureInfo.InvariantCulture)));
    return;
}
if (args.Contains("--profile"))
{
    // a steady loop over one format, for perf record
    var format = args[^1];
    var docs = corpus.Where(d => format == "gbk" ? d.Name.EndsWith(".gbk", StringComparison.Ordinal) : d.Format == format && !d.Name.EndsWith(".gbk", StringComparison.Ordinal)).Select(d => d.Bytes).ToList();
    var mb = docs.Sum(d => (long)d.Length) / 1048576.0;
    var passes = new List<double>();
    var until = Stopwatch.StartNew();
    while (until.Elapsed < TimeSpan.FromSeconds(15))
    {
        var pass = Stopwatch.StartNew();
        foreach (var d in docs)
        {
            _ = FeedParser.Parse(d);
        }
        passes.Add(mb / pass.Elapsed.TotalSeconds);
    }
    // the median of the second half, when the code has been optimized: for comparing two builds run one after the other
    var warm = passes.Skip(passes.Count / 2).Order().ToList();
    Console.WriteLine($"{format}: {warm[warm.Count / 2]:F0} MB/s (median of {warm.Count} warm passes over {docs.Count} documents, {mb:F1} MB)");
    return;
}

var xmlSettings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, IgnoreWhitespace = false };

void InertiaRaw(byte[] b) => _ = FeedParser.Parse(b).Feed ?? throw new InvalidOperationException("no feed");
void InertiaFull(byte[] b) => _ = EntryHtml.Sanitize(FeedParser.Parse(b).Feed ?? throw new InvalidOperationException("no feed"));
void CodeHollowReader(byte[] b) => _ = CodeHollow.FeedReader.FeedReader.ReadFromByteArray(b);
void Syndication(byte[] b)
{
    using var reader = XmlReader.Create(new MemoryStream(b), xmlSettings);
    _ = SyndicationFeed.Load(reader);
}
void XmlReadThrough(byte[] b)
{
    using var reader = XmlReader.Create(new MemoryStream(b), xmlSettings);
    while (reader.Read())
    {
        if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA)
        {
            _ = reader.Value;
        }
        else if (reader.NodeType == XmlNodeType.Element && reader.HasAttributes)
        {
            while (reader.MoveToNextAttribute())
            {
                _ = reader.Value;
            }
        }
    }
}

List<byte[]> Readable(Action<byte[]> parse) => corpus.Select(d => d.Bytes).Where(b =>
{
    try
    {
        parse(b);
        return true;
    }
    catch (Exception)
    {
        return false;
    }
}).ToList();

// One timed pass over the documents: seconds and bytes allocated.
(double Seconds, long Allocated) Pass(Action<byte[]> parse, List<byte[]> docs)
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    var before = GC.GetAllocatedBytesForCurrentThread();
    var sw = Stopwatch.StartNew();
    foreach (var d in docs)
    {
        parse(d);
    }
    sw.Stop();
    return (sw.Elapsed.TotalSeconds, GC.GetAllocatedBytesForCurrentThread() - before);
}

// Measures several parsers on the same documents with their rounds interleaved (A B C, A B C, …), so that a slow
// spell of this shared machine lands on all of them alike; the median round of each is reported.
List<(double MBps, double AllocPerByte)> Interleaved(List<byte[]> docs, params Action<byte[]>[] parsers)
{
    var bytes = docs.Sum(d => (long)d.Length);
    foreach (var p in parsers)
    {
        foreach (var d in docs)
        {
            p(d); // warm-up: JIT and caches
        }
    }
    var times = parsers.Select(_ => new List<double>()).ToList();
    var allocated = new long[parsers.Length];
    for (var r = 0; r < rounds; r++)
    {
        for (var k = 0; k < parsers.Length; k++)
        {
            var (seconds, alloc) = Pass(parsers[k], docs);
            times[k].Add(seconds);
            allocated[k] = alloc;
        }
    }
    return [.. times.Select((t, k) =>
    {
        t.Sort();
        return (bytes / 1024.0 / 1024.0 / t[t.Count / 2], (double)allocated[k] / bytes);
    })];
}

void Row(string name, int docs, (double MBps, double AllocPerByte) m, string note = "") =>
    Console.WriteLine($"| {name} | {docs} | {m.MBps:F1} | {m.AllocPerByte:F2} | {note} |");

Console.WriteLine("| parser | documents | MB/s | bytes allocated per input byte | note |");
Console.WriteLine("|---|---:|---:|---:|---|");
var all = corpus.Select(d => d.Bytes).ToList();

var xmlDocs = corpus.Where(d => d.Format != "json").Select(d => d.Bytes).ToList();
var floorPair = Interleaved(xmlDocs, XmlReadThrough, InertiaRaw);
Row("XmlReader read-through (floor)", xmlDocs.Count, floorPair[0], "XML documents");
Row("Inertia parse (raw), same documents", xmlDocs.Count, floorPair[1], $"{floorPair[0].MBps / floorPair[1].MBps:F2}× the floor's time");

var chDocs = Readable(CodeHollowReader);
var chPair = Interleaved(chDocs, CodeHollowReader, InertiaRaw);
Row("CodeHollow.FeedReader 2.1.1", chDocs.Count, chPair[0], "documents it reads");
Row("Inertia parse (raw), same documents", chDocs.Count, chPair[1], $"{chPair[1].MBps / chPair[0].MBps:F1}× faster, {chPair[0].AllocPerByte / chPair[1].AllocPerByte:F1}× fewer allocations");

var synDocs = Readable(Syndication);
var synPair = Interleaved(synDocs, Syndication, InertiaRaw);
Row("System.ServiceModel.Syndication", synDocs.Count, synPair[0], "documents it reads");
Row("Inertia parse (raw), same documents", synDocs.Count, synPair[1], $"{synPair[1].MBps / synPair[0].MBps:F2}× faster, {synPair[0].AllocPerByte / synPair[1].AllocPerByte:F1}× fewer allocations");

if (args.Contains("--by-format"))
{
    foreach (var group in corpus.Where(d => synDocs.Contains(d.Bytes)).GroupBy(d => d.Name.EndsWith(".gbk", StringComparison.Ordinal) ? "rss-gbk" : d.Format))
    {
        var docs = group.Select(d => d.Bytes).ToList();
        var pair = Interleaved(docs, Syndication, InertiaRaw);
        Console.WriteLine($"| {group.Key}: Syndication / Inertia | {docs.Count} | {pair[0].MBps:F1} / {pair[1].MBps:F1} | | {pair[1].MBps / pair[0].MBps:F2}× |");
    }
    return;
}

var full = Interleaved(all, InertiaFull)[0];
Row("Inertia full pipeline (parse + sanitize + absolutize)", all.Count, full, "all formats, all 240 documents");

// the single-pass sanitizer against HtmlSanitizer alone, on every summary and content of the corpus (MB/s of article HTML as UTF-8)
var htmlFields = new Dictionary<byte[], (string Html, string Base)>(ReferenceEqualityComparer.Instance);
foreach (var feed in all.Select(b => FeedParser.Parse(b).Feed).OfType<Inertia.Feeds.Model.ParsedFeed>())
{
    foreach (var e in feed.Entries)
    {
        foreach (var html in new[] { e.Summary, e.Content })
        {
            if (!string.IsNullOrWhiteSpace(html))
            {
                htmlFields[System.Text.Encoding.UTF8.GetBytes(html)] = (html, Inertia.Feeds.Urls.UrlResolver.BaseUri(e.ContentBaseUrl)?.AbsoluteUri ?? "");
            }
        }
    }
}
var fieldKeys = htmlFields.Keys.ToList();
var taken = htmlFields.Values.Count(f => SinglePassSanitizer.TrySanitize(f.Html, f.Base, SanitizerSettings.Default, out _));
var sanitizers = Interleaved(
    fieldKeys,
    b => ArticleSanitizer.Default.SanitizeWithParser(htmlFields[b].Html, htmlFields[b].Base),
    b => ArticleSanitizer.Default.Sanitize(htmlFields[b].Html, htmlFields[b].Base));
Row("HtmlSanitizer alone (our settings), every summary and content", fieldKeys.Count, sanitizers[0], "HTML fields, MB/s of HTML");
Row("Inertia sanitizer (single pass; HtmlSanitizer where it declines)", fieldKeys.Count, sanitizers[1],
    $"{sanitizers[1].MBps / sanitizers[0].MBps:F1}× faster, {sanitizers[0].AllocPerByte / sanitizers[1].AllocPerByte:F1}× fewer allocations; single pass took {taken} of {fieldKeys.Count}");

// "sqlite PATH" or "postgres CONNECTION_STRING", as the benchmarks at scale take their database
static Inertia.Reader.Storage.DatabaseOptions DatabaseArguments(string provider, string target) => provider == "postgres"
    ? new Inertia.Reader.Storage.DatabaseOptions { Provider = Inertia.Reader.Storage.DatabaseProvider.Postgres, ConnectionString = target }
    : new Inertia.Reader.Storage.DatabaseOptions { ConnectionString = $"Data Source={target}" };
