using Inertia.Reader.Storage;
using Inertia.Web.Hosting;
using Microsoft.Extensions.Localization;

namespace Inertia.Web.Shared;

/// <summary>A feed's state in plain words: "last try 3 min ago: connection refused; next try in 10 min".</summary>
public static class FeedHealth
{
    public static bool IsFailing(FeedCard feed) => feed.DisabledReason is not null || feed.ErrorCount > 0;

    /// <summary>The short form a table row shows: stopped, not fetched yet, the last failure, or when it was last updated.</summary>
    public static string Brief(long? lastFetchedAt, string? lastError, string? disabledReason, long now, DateText dates, IStringLocalizer<Strings> t) =>
        disabledReason is { } stopped ? t["HealthStopped", stopped]
        : lastFetchedAt is not { } fetched ? t["HealthNotYet", t["HealthSoon"]]
        : lastError is { } error ? t["HealthLastTry", dates.Ago(fetched, now), error]
        : t["HealthUpdated", dates.Ago(fetched, now)];

    public static string Describe(FeedCard feed, long now, DateText dates, IStringLocalizer<Strings> t)
    {
        if (feed.DisabledReason is { } reason)
        {
            return t["HealthStopped", reason];
        }
        if (feed.LastFetchedAt is not { } last)
        {
            return t["HealthNotYet", dates.In(feed.NextFetchAt, now)];
        }
        if (feed.ErrorCount > 0)
        {
            var text = t["HealthJoin", t["HealthLastTry", dates.Ago(last, now), feed.LastError ?? "?"], t["HealthNextTry", dates.In(feed.NextFetchAt, now)]];
            return feed.ErrorCount > 1 ? t["HealthWithFailures", text, t["HealthFailures", feed.ErrorCount]] : text;
        }
        return t["HealthJoin", t["HealthUpdated", dates.Ago(last, now)], t["HealthNextTry", dates.In(feed.NextFetchAt, now)]];
    }
}
