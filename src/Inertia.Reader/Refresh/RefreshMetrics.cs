using System.Diagnostics.Metrics;

namespace Inertia.Reader.Refresh;

/// <summary>
/// What refreshing does, as .NET metrics (the web app exports them for Prometheus through OpenTelemetry): fetches by
/// outcome, how long each took, entries ingested, and how far behind the due feeds are.
/// </summary>
public static class RefreshMetrics
{
    public const string MeterName = "Inertia.Refresh";

    private static readonly Meter s_meter = new(MeterName);

    private static readonly Counter<long> s_fetches = s_meter.CreateCounter<long>("inertia.fetches", "{fetch}", "Feed fetches, by outcome");
    private static readonly Histogram<double> s_duration = s_meter.CreateHistogram<double>("inertia.fetch.duration", "s", "How long a feed fetch took, redirects and retries included",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });
    private static readonly Counter<long> s_ingested = s_meter.CreateCounter<long>("inertia.entries.ingested", "{entry}", "New entries stored");
    private static long s_queueLag;

    static RefreshMetrics()
    {
        s_meter.CreateObservableGauge("inertia.refresh.queue_lag", () => Interlocked.Read(ref s_queueLag), "s", "How long the most overdue feed has been due");
    }

    public static void Fetched(Fetching.FetchOutcome outcome, TimeSpan took)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome switch
        {
            Fetching.FetchOutcome.Fetched => "fetched",
            Fetching.FetchOutcome.NotModified => "not_modified",
            Fetching.FetchOutcome.Gone => "gone",
            _ => "failed",
        });
        s_fetches.Add(1, tag);
        s_duration.Record(took.TotalSeconds, tag);
    }

    public static void Ingested(int entries)
    {
        if (entries > 0)
        {
            s_ingested.Add(entries);
        }
    }

    /// <summary>Seconds since the most overdue feed became due (0 when none is).</summary>
    public static void QueueLag(long seconds) => Interlocked.Exchange(ref s_queueLag, Math.Max(0, seconds));
}
