using System.Security.Cryptography;
using Dapper;
using Inertia.Reader.Fetching;
using Inertia.Reader.Storage;

namespace Inertia.Reader.WebSub;

/// <summary>
/// Subscribes feeds to the WebSub hub they name, with a callback under the public base URL and a fresh secret per new request;
/// renews before the lease runs out, and waits before asking a hub that refused again. Failures are recorded, never thrown.
/// </summary>
public sealed class HubSubscriber(Database database, FeedFetcher fetcher, Uri publicBaseUrl, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public TimeSpan LeaseRequested { get; init; } = TimeSpan.FromDays(10);
    /// <summary>An active subscription is renewed once it has less than this left.</summary>
    public TimeSpan RenewBefore { get; init; } = TimeSpan.FromDays(1);
    /// <summary>How long a request may wait for the hub's verification before it is sent again.</summary>
    public TimeSpan VerificationWait { get; init; } = TimeSpan.FromHours(1);
    /// <summary>How long after a refusal or denial before asking again.</summary>
    public TimeSpan RetryAfterRefusal { get; init; } = TimeSpan.FromHours(12);

    /// <summary>Where a feed's hub sends verifications and content: the feed and an unguessable token of the subscription.</summary>
    public Uri CallbackFor(long feedId, string token) => new(publicBaseUrl, $"websub/{feedId}/{token}");

    /// <summary>Asks a hub for a subscription unless one is active (and not about to expire) or recently requested.</summary>
    public async Task EnsureSubscribedAsync(long feedId, string topic, IReadOnlyList<string> hubs, CancellationToken cancellationToken = default)
    {
        var usable = hubs.Select(h => Uri.TryCreate(h, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" ? u.ToString() : null).OfType<string>().ToList();
        if (usable.Count > 0)
        {
            await RequestIfDueAsync(feedId, topic, usable, await FindAsync(feedId, cancellationToken), cancellationToken);
        }
    }

    /// <summary>Renews a feed's subscription when its lease is running out (a feed that answers 304 names no hub to ask).</summary>
    public async Task RenewIfDueAsync(long feedId, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(feedId, cancellationToken) is { } current)
        {
            await RequestIfDueAsync(feedId, current.Topic, [current.Hub], current, cancellationToken);
        }
    }

    private async Task<Subscription?> FindAsync(long feedId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string Hub, string Topic, string State, long RequestedAt, long? ExpiresAt, string Secret, string? Token)?>(
            "SELECT hub, topic, state, requested_at, expires_at, secret, callback_token FROM websub_subscriptions WHERE feed_id = @feedId", new { feedId });
        return row is { } r ? new Subscription(r.Hub, r.Topic, r.State, r.RequestedAt, r.ExpiresAt, r.Secret, r.Token) : null;
    }

    // asks the first usable hub, unless the subscription held for this topic at one of them is not due yet
    private async Task RequestIfDueAsync(long feedId, string topic, IReadOnlyList<string> usable, Subscription? current, CancellationToken cancellationToken)
    {
        var hub = new Uri(usable[0]);
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        string? secret = null;
        string? token = null;
        if (current is { } c && c.Topic == topic && usable.Contains(c.Hub))
        {
            if (!Due(c.State, c.RequestedAt, c.ExpiresAt, now))
            {
                return;
            }
            // a renewal keeps the secret and the callback: what the hub pushes before it confirms the renewal still counts
            secret = c.State == "active" ? c.Secret : null;
            token = c.State == "active" ? c.Token : null;
        }
        // the row is written before the request: a hub may verify before its answer to the request arrives. A secret
        // sent in clear text signs nothing: an http:// hub gets none, and its pushes are only hints to poll
        secret ??= hub.Scheme == Uri.UriSchemeHttps ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)) : "";
        token ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        using (await database.WriterTurnAsync(cancellationToken))
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await connection.ExecuteAsync(
                """
                INSERT INTO websub_subscriptions (feed_id, hub, topic, secret, state, requested_at, callback_token)
                VALUES (@feedId, @hub, @topic, @secret, 'requested', @now, @token)
                ON CONFLICT (feed_id) DO UPDATE SET hub = excluded.hub, topic = excluded.topic, secret = excluded.secret,
                    state = 'requested', requested_at = excluded.requested_at, last_error = NULL, callback_token = excluded.callback_token
                """, new { feedId, hub = hub.ToString(), topic, secret, now, token });
        }
        var form = new Dictionary<string, string>
        {
            ["hub.mode"] = "subscribe",
            ["hub.topic"] = topic,
            ["hub.callback"] = CallbackFor(feedId, token).ToString(),
            ["hub.lease_seconds"] = ((long)LeaseRequested.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (secret.Length > 0)
        {
            form["hub.secret"] = secret;
        }
        var answer = await fetcher.PostFormAsync(hub, form, cancellationToken);
        if (answer.Outcome != FetchOutcome.Fetched)
        {
            using (await database.WriterTurnAsync(cancellationToken))
            {
                await using var connection = await database.OpenAsync(cancellationToken);
                await connection.ExecuteAsync(
                    "UPDATE websub_subscriptions SET state = 'failed', last_error = @error WHERE feed_id = @feedId AND secret = @secret AND state = 'requested'",
                    new { feedId, secret, error = $"the hub {hub.Host} refused the subscription: {answer.Reason}" });
            }
        }
    }

    private readonly record struct Subscription(string Hub, string Topic, string State, long RequestedAt, long? ExpiresAt, string Secret, string? Token);

    private bool Due(string state, long requestedAt, long? expiresAt, long now) => state switch
    {
        "active" => expiresAt is null || expiresAt.Value - now < RenewBefore.TotalSeconds,
        "requested" => now - requestedAt >= VerificationWait.TotalSeconds,
        _ => now - requestedAt >= RetryAfterRefusal.TotalSeconds,
    };
}
