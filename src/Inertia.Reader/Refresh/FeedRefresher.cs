using System.Collections.Concurrent;
using Dapper;
using Inertia.Reader.Content;
using Inertia.Feeds.Parsing;
using Inertia.Reader.Fetching;
using Inertia.Reader.Ingest;
using Inertia.Reader.Storage;
using Microsoft.Extensions.Logging;

namespace Inertia.Reader.Refresh;

/// <summary>
/// Refreshes due feeds: claims them in batches with a lease (PostgreSQL: FOR UPDATE SKIP LOCKED, so several processes never
/// take the same feed), fetches with bounded concurrency and at most a few requests per host at once, parses, ingests each
/// feed in one transaction, and records the outcome (validators, next fetch, error count and the last error in plain words).
/// </summary>
public sealed class FeedRefresher(Database database, FeedFetcher fetcher, TimeProvider? time = null, InstanceLiveness? liveness = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly InstanceLiveness _liveness = liveness ?? new InstanceLiveness(database);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _hosts = new(StringComparer.OrdinalIgnoreCase);

    private string Owner => _liveness.Id;

    /// <summary>Feeds whose outcome was not written because another instance had taken their lease meanwhile.</summary>
    public int LostLeases => _lostLeases;
    private int _lostLeases;

    /// <summary>Extracts articles for subscriptions that ask for full content; none, and the option is ignored.</summary>
    public FullContent? FullContent { get; init; }

    /// <summary>Subscribes to the hubs a feed names, when a public base URL is configured; none, and feeds are only polled.</summary>
    public WebSub.HubSubscriber? WebSub { get; init; }

    /// <summary>Where a feed that failed or went away is reported, by id, URL and reason.</summary>
    public ILogger? Log { get; init; }

    private FeedIngest Ingest => field ??= new FeedIngest(database, FullContent);

    public int Concurrency { get; init; } = 16;
    public int PerHost { get; init; } = 2;
    /// <summary>Parsed feeds that may wait for the writer at once (their rows are held in memory meanwhile).</summary>
    public int MaxQueuedWrites { get; init; } = 16;
    public int BatchSize { get; init; } = 200;
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(5);
    public TimeSpan MinInterval { get; init; } = TimeSpan.FromMinutes(5);
    public TimeSpan MaxInterval { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Fetches every feed (or the one with <paramref name="url"/>) now, due or not, and waits until all are done.</summary>
    public async Task<RefreshSummary> RefreshAllAsync(string? url = null, CancellationToken cancellationToken = default)
    {
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await connection.ExecuteAsync(
                "UPDATE feeds SET next_fetch_at = 0 WHERE disabled_reason IS NULL AND (@url IS NULL OR url = @url)", new { url });
        }
        return await RefreshDueAsync(cancellationToken);
    }

    /// <summary>Fetches the feeds that are due, batch after batch, until none is left.</summary>
    public async Task<RefreshSummary> RefreshDueAsync(CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        var runStart = _time.GetUtcNow().ToUnixTimeSeconds();
        int feeds = 0, ok = 0, notModified = 0, failed = 0, added = 0, updated = 0;
        await _liveness.EnsureHeldAsync(cancellationToken);
        // not disposed: after a cancellation, feeds still in flight give their slots back to them
        var working = new SemaphoreSlim(Concurrency);
        var queued = new SemaphoreSlim(Concurrency + MaxQueuedWrites);
        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewal = RenewLeasesAsync(renewing.Token);
        try
        {
            while (true)
            {
                var batch = await ClaimAsync(runStart, cancellationToken);
                if (batch.Count == 0)
                {
                    break;
                }
                await Task.WhenAll(batch.Select(RunAsync));
            }
        }
        finally
        {
            await renewing.CancelAsync();
            await renewal;
        }
        return new RefreshSummary(feeds, ok, notModified, failed, added, updated, _time.GetElapsedTime(started));

        // a feed takes its host's slot first, then a place among the queued and a fetch slot: feeds of one slow host wait
        // for that host, never holding the slots every other host needs
        async Task RunAsync(ClaimedFeed feed)
        {
            var uri = Uri.TryCreate(feed.Url, UriKind.Absolute, out var u) ? u : null;
            var hostGate = _hosts.GetOrAdd(uri?.Host ?? "", _ => new SemaphoreSlim(PerHost, PerHost));
            await hostGate.WaitAsync(cancellationToken);
            var hostSlot = new Slot(hostGate);
            try
            {
                await queued.WaitAsync(cancellationToken);
                try
                {
                    await working.WaitAsync(cancellationToken);
                    var slot = new Slot(working);
                    try
                    {
                        await Task.Yield();
                        var outcome = await RefreshOrRecordAsync(feed, uri, hostSlot, slot, cancellationToken);
                        Interlocked.Increment(ref feeds);
                        switch (outcome.Kind)
                        {
                            case FetchOutcome.Fetched:
                                Interlocked.Increment(ref ok);
                                break;
                            case FetchOutcome.NotModified:
                                Interlocked.Increment(ref notModified);
                                break;
                            default:
                                Interlocked.Increment(ref failed);
                                break;
                        }
                        Interlocked.Add(ref added, outcome.Inserted);
                        Interlocked.Add(ref updated, outcome.Updated);
                    }
                    finally
                    {
                        slot.Release();
                    }
                }
                finally
                {
                    queued.Release();
                }
            }
            finally
            {
                hostSlot.Release();
            }
        }
    }

    // while a run is in progress its leases are renewed, so a feed whose work runs long (a slow host, many full-content
    // pages) is not taken over by another instance meanwhile
    private async Task RenewLeasesAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await Task.Delay(Lease / 3, _time, cancellationToken);
                var until = _time.GetUtcNow().ToUnixTimeSeconds() + (long)Lease.TotalSeconds;
                await WriteAsync("UPDATE feeds SET lease_until = @until WHERE lease_owner = @owner AND lease_until IS NOT NULL",
                    new { until, owner = Owner }, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (System.Data.Common.DbException)
            {
                // the next renewal tries again; a lease lost meanwhile only means the outcome is not written
            }
        }
    }

    /// <summary>A concurrency slot, given back once: when the feed's rows are ready for the writer, or when it is done.</summary>
    private sealed class Slot(SemaphoreSlim gate)
    {
        private int _released;

        public void Release()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }

    // a feed whose every subscriber paused it, and which the catalog does not name, waits (it stays due, and is taken
    // again the moment one of them resumes or someone else subscribes)
    private const string NotHeldByPauses =
        """
        (NOT EXISTS (SELECT 1 FROM subscriptions p WHERE p.feed_id = feeds.id AND p.paused_at IS NOT NULL)
         OR EXISTS (SELECT 1 FROM subscriptions a WHERE a.feed_id = feeds.id AND a.paused_at IS NULL)
         OR EXISTS (SELECT 1 FROM catalog_feeds c WHERE c.feed_id = feeds.id AND c.removed_at IS NULL))
        """;

    private async Task<IReadOnlyList<ClaimedFeed>> ClaimAsync(long dueBy, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var skipLocked = database.Provider == DatabaseProvider.Postgres ? "FOR UPDATE SKIP LOCKED" : "";
        await using var connection = await database.OpenAsync(cancellationToken);
        using (await database.WriterTurnAsync(cancellationToken))
        {
            await ReleaseLeasesOfDeadInstancesAsync(connection, now, cancellationToken);
            var rows = await connection.QueryAsync<(long Id, string Url, string? ETag, string? LastModified, int ErrorCount, int IntervalSeconds)>(
                $"""
                UPDATE feeds SET lease_owner = @owner, lease_until = @until
                WHERE id IN (
                    SELECT id FROM feeds
                    WHERE disabled_reason IS NULL AND next_fetch_at <= @dueBy AND (lease_until IS NULL OR lease_until < @now)
                      AND {NotHeldByPauses}
                    ORDER BY next_fetch_at, id LIMIT @limit {skipLocked})
                RETURNING id, url, etag, last_modified, error_count, interval_seconds
                """, new { owner = Owner, until = now + (long)Lease.TotalSeconds, dueBy, now, limit = BatchSize });
            return [.. rows.Select(r => new ClaimedFeed(r.Id, r.Url, r.ETag, r.LastModified, r.ErrorCount, r.IntervalSeconds))];
        }
    }

    /// <summary>
    /// An instance killed mid-refresh leaves its leases behind until they expire. When its liveness lock is free (the
    /// process is gone, wherever it ran), its leases are released at once, so a restarted refresh resumes instead of
    /// waiting them out.
    /// </summary>
    private async Task ReleaseLeasesOfDeadInstancesAsync(System.Data.Common.DbConnection connection, long now, CancellationToken cancellationToken)
    {
        var owners = await connection.QueryAsync<string>(
            "SELECT DISTINCT lease_owner FROM feeds WHERE lease_until >= @now AND lease_owner IS NOT NULL AND lease_owner <> @owner", new { now, owner = Owner });
        foreach (var owner in owners)
        {
            if (!await _liveness.IsAliveAsync(owner, cancellationToken))
            {
                await connection.ExecuteAsync("UPDATE feeds SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = @owner", new { owner });
            }
        }
    }

    private readonly record struct Outcome(FetchOutcome Kind, int Inserted, int Updated);

    // one feed's trouble (a store that failed, a bug its document found) is recorded with it and never ends the run
    private async Task<Outcome> RefreshOrRecordAsync(ClaimedFeed feed, Uri? uri, Slot hostSlot, Slot slot, CancellationToken cancellationToken)
    {
        try
        {
            return await RefreshOneAsync(feed, uri, hostSlot, slot, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            hostSlot.Release();
            slot.Release();
            await RecordFailureAsync(feed, $"could not be stored: {ex.GetType().Name}: {ex.Message}", null, _time.GetUtcNow().ToUnixTimeSeconds(), cancellationToken);
            return new Outcome(FetchOutcome.Failed, 0, 0);
        }
    }

    private async Task<Outcome> RefreshOneAsync(ClaimedFeed feed, Uri? uri, Slot hostSlot, Slot slot, CancellationToken cancellationToken)
    {
        FetchResult fetched;
        var fetchStarted = _time.GetTimestamp();
        try
        {
            fetched = uri is null ? FetchResult.Failure($"'{feed.Url}' is not an absolute URL") : await fetcher.FetchAsync(uri, feed.ETag, feed.LastModified, cancellationToken);
        }
        finally
        {
            hostSlot.Release();
        }
        RefreshMetrics.Fetched(fetched.Outcome, _time.GetElapsedTime(fetchStarted));
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        if (fetched.Outcome == FetchOutcome.Fetched)
        {
            var parsed = FeedParser.Parse(fetched.Body!, new FeedParseOptions { DocumentUrl = feed.Url, ContentType = fetched.ContentType });
            if (parsed.Feed is null)
            {
                slot.Release();
                await RecordFailureAsync(feed, $"not a feed: {parsed.Error}", null, now, cancellationToken);
                return new Outcome(FetchOutcome.Failed, 0, 0);
            }
            var result = await Ingest.IngestAsync(feed.Id, parsed.Feed, now, async (connection, tx, rows) =>
            {
                // a range of the (feed, sort_at) index: the cost does not grow with the feed's history; the rows about to
                // be inserted count too
                var since = now - (long)FetchInterval.Window.TotalSeconds;
                var recent = await connection.ExecuteScalarAsync<int>(
                    "SELECT COUNT(*) FROM entries WHERE feed_id = @id AND sort_at > @since", new { id = feed.Id, since }, tx)
                    + rows.New.Count(r => r.SortAt > since);
                var interval = FetchInterval.Next(recent, parsed.Feed.TimeToLive, fetched.FreshFor, MinInterval, MaxInterval);
                var nextAt = FetchInterval.AvoidSkipHours(DateTimeOffset.FromUnixTimeSeconds(now) + interval, parsed.Feed.SkipHours).ToUnixTimeSeconds();
                // the outcome is this instance's to write only while it holds the lease
                if (await connection.ExecuteAsync(
                    """
                    UPDATE feeds SET title = COALESCE(@title, title), site_url = COALESCE(@siteUrl, site_url), icon_url = COALESCE(@iconUrl, icon_url),
                        description = COALESCE(@description, description), language = COALESCE(@language, language),
                        etag = @etag, last_modified = @lastModified, error_count = 0, last_error = NULL, last_fetched_at = @now,
                        next_fetch_at = @next, interval_seconds = @interval, lease_owner = NULL, lease_until = NULL
                    """ + ForgetMoveUnlessMoved(fetched) + " WHERE id = @id AND lease_owner = @owner",
                    new
                    {
                        id = feed.Id,
                        title = Feeds.Text.Utf16Text.WithoutLoneSurrogates(parsed.Feed.Title),
                        description = Feeds.Text.Utf16Text.WithoutLoneSurrogates(Feeds.Text.PlainText.FromHtml(parsed.Feed.Description) is { Length: > 0 } d ? Feeds.Text.Utf16Text.Cut(d, 1000) : null),
                        siteUrl = parsed.Feed.SiteUrl,
                        iconUrl = parsed.Feed.IconUrl,
                        language = LanguageTag(parsed.Feed.Language),
                        etag = fetched.ETag,
                        lastModified = fetched.LastModified,
                        now,
                        next = nextAt,
                        interval = (int)interval.TotalSeconds,
                        owner = Owner,
                    }, tx) is 0)
                {
                    LeaseLost();
                    return;
                }
                await TrackMoveAsync(connection, tx, feed.Id, fetched);
            }, slot.Release, cancellationToken);
            RefreshMetrics.Ingested(result.Inserted);
            if (WebSub is not null && parsed.Feed.Hubs.Count > 0)
            {
                await WebSub.EnsureSubscribedAsync(feed.Id, parsed.Feed.FeedUrl ?? feed.Url, parsed.Feed.Hubs, cancellationToken);
            }
            return new Outcome(FetchOutcome.Fetched, result.Inserted, result.Updated);
        }
        slot.Release();
        if (fetched.Outcome == FetchOutcome.NotModified)
        {
            await database.Writes.RunAsync(async (connection, tx) =>
            {
                if (await connection.ExecuteAsync(
                    "UPDATE feeds SET error_count = 0, last_error = NULL, last_fetched_at = @now, next_fetch_at = @next, lease_owner = NULL, lease_until = NULL" +
                    ForgetMoveUnlessMoved(fetched) + " WHERE id = @id AND lease_owner = @owner",
                    new { id = feed.Id, now, next = now + NextInterval(feed, fetched), owner = Owner }, tx) is 0)
                {
                    LeaseLost();
                    return;
                }
                await TrackMoveAsync(connection, tx, feed.Id, fetched);
            }, cancellationToken);
            if (WebSub is not null)
            {
                await WebSub.RenewIfDueAsync(feed.Id, cancellationToken);
            }
            return new Outcome(FetchOutcome.NotModified, 0, 0);
        }
        if (fetched.Outcome == FetchOutcome.Gone)
        {
            await WriteAsync(
                "UPDATE feeds SET disabled_reason = @reason, last_error = @reason, last_fetched_at = @now, lease_owner = NULL, lease_until = NULL WHERE id = @id AND lease_owner = @owner",
                new { id = feed.Id, reason = fetched.Reason, now, owner = Owner }, cancellationToken);
            Log?.LogWarning("feed {FeedId} {Url} is gone and will not be fetched again: {Reason}", feed.Id, feed.Url, fetched.Reason);
            return new Outcome(FetchOutcome.Gone, 0, 0);
        }
        await RecordFailureAsync(feed, fetched.Reason ?? "failed", fetched.RetryAfter, now, cancellationToken);
        return new Outcome(FetchOutcome.Failed, 0, 0);
    }

    private async Task RecordFailureAsync(ClaimedFeed feed, string reason, TimeSpan? retryAfter, long now, CancellationToken cancellationToken)
    {
        // back off exponentially with each consecutive failure, up to the ceiling; a server's Retry-After wins if longer
        var backoff = Math.Min(MaxInterval.TotalSeconds, MinInterval.TotalSeconds * Math.Pow(2, Math.Min(feed.ErrorCount, 16)));
        var wait = Math.Max(backoff, retryAfter?.TotalSeconds ?? 0);
        await WriteAsync(
            "UPDATE feeds SET error_count = error_count + 1, last_error = @reason, last_fetched_at = @now, next_fetch_at = @next, lease_owner = NULL, lease_until = NULL WHERE id = @id AND lease_owner = @owner",
            new { id = feed.Id, reason, now, next = now + (long)wait, owner = Owner }, cancellationToken);
        Log?.LogWarning("feed {FeedId} {Url} failed ({Failures} in a row): {Reason}; next try in {Minutes} min",
            feed.Id, feed.Url, feed.ErrorCount + 1, reason, (int)Math.Ceiling(wait / 60));
    }

    private void LeaseLost() => Interlocked.Increment(ref _lostLeases);

    /// <summary>One statement, in the next group commit.</summary>
    private Task WriteAsync(string sql, object args, CancellationToken cancellationToken) =>
        database.Writes.RunAsync((connection, tx) => connection.ExecuteAsync(sql, args, tx), cancellationToken);

    // a fetch without a permanent redirect forgets any move seen before, in the statement that records the fetch
    private static string ForgetMoveUnlessMoved(FetchResult fetched) =>
        fetched.MovedPermanentlyTo is null ? ", moved_to = NULL, moved_count = 0" : "";

    /// <summary>
    /// Follows a permanent move only once it is seen on two fetches in a row (a fetch without it forgets it, see
    /// <see cref="ForgetMoveUnlessMoved"/>). The URL changes only when no other feed has the new one already.
    /// </summary>
    private static async Task TrackMoveAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? tx, long feedId, FetchResult fetched)
    {
        if (fetched.MovedPermanentlyTo is not { } moved)
        {
            return;
        }
        var url = moved.ToString();
        await connection.ExecuteAsync(
            "UPDATE feeds SET moved_count = CASE WHEN moved_to = @url THEN moved_count + 1 ELSE 1 END, moved_to = @url WHERE id = @feedId",
            new { url, feedId }, tx);
        await connection.ExecuteAsync(
            """
            UPDATE feeds SET url = moved_to, moved_to = NULL, moved_count = 0
            WHERE id = @feedId AND moved_count >= 2 AND NOT EXISTS (SELECT 1 FROM feeds other WHERE other.url = @url)
            """, new { url, feedId }, tx);
    }

    // the feed's own interval within bounds, stretched by what the server says stays fresh
    private long NextInterval(ClaimedFeed feed, FetchResult fetched)
    {
        var seconds = Math.Clamp(feed.IntervalSeconds, MinInterval.TotalSeconds, MaxInterval.TotalSeconds);
        if (fetched.FreshFor is { } fresh)
        {
            seconds = Math.Clamp(Math.Max(seconds, fresh.TotalSeconds), MinInterval.TotalSeconds, MaxInterval.TotalSeconds);
        }
        return (long)seconds;
    }

    // a channel's language as a BCP 47 tag for the lang attribute ("zh-cn" → "zh-CN"; "en_US" → "en-US"), or null when it is not one
    internal static string? LanguageTag(string? language)
    {
        var t = language?.Trim().Replace('_', '-');
        if (string.IsNullOrEmpty(t) || t.Length > 35 || !t.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return null;
        }
        var parts = t.Split('-');
        if (parts[0].Length is < 2 or > 3 || !parts[0].All(char.IsAsciiLetter))
        {
            return null;
        }
        return string.Join('-', parts.Select((p, i) => i == 0 ? p.ToLowerInvariant() : p.Length == 2 ? p.ToUpperInvariant() : p.Length == 4 ? char.ToUpperInvariant(p[0]) + p[1..].ToLowerInvariant() : p.ToLowerInvariant()));
    }
}
