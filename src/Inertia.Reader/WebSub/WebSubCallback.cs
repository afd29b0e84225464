using System.Globalization;
using Dapper;
using Inertia.Feeds.Parsing;
using Inertia.Reader.Ingest;
using Inertia.Reader.Storage;

namespace Inertia.Reader.WebSub;

/// <summary>
/// The subscriber's side of WebSub, without HTTP plumbing: confirms only the subscriptions we asked for (echoing the
/// challenge), records denials, and ingests pushed content at once when its signature matches the subscription's secret.
/// </summary>
public sealed class WebSubCallback(Database database, FeedIngest ingest, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>
    /// The hub's verification of intent (GET with hub.mode, hub.topic, hub.challenge, hub.lease_seconds, hub.reason), at
    /// the callback of one subscription: a token that is not that subscription's is answered 404.
    /// </summary>
    public async Task<CallbackAnswer> VerifyAsync(long feedId, string token, string? mode, string? topic, string? challenge, string? leaseSeconds, string? reason, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var current = await FindAsync(feedId, cancellationToken);
        if (current is { } found && !TokenMatches(found.Token, token))
        {
            return new CallbackAnswer(404, null, $"feed {feedId}: verification at a callback that is not the subscription's, refused");
        }
        var ours = current is { } c && c.Topic == topic;
        switch (mode)
        {
            // a denial is believed only while a request of ours is pending: nobody can end an active subscription with one
            case "denied" when ours && current!.Value.State == "requested":
                await WriteAsync("UPDATE websub_subscriptions SET state = 'denied', last_error = @error WHERE feed_id = @feedId",
                    new { feedId, error = $"the hub denied the subscription: {reason ?? "no reason given"}" }, cancellationToken);
                return new CallbackAnswer(200, null, $"feed {feedId}: hub denied the subscription ({reason})");
            case "subscribe" when ours && current!.Value.State is "requested" or "active" && !string.IsNullOrEmpty(challenge):
                long? expires = long.TryParse(leaseSeconds, NumberStyles.None, CultureInfo.InvariantCulture, out var lease) && lease > 0 ? now + lease : null;
                await WriteAsync("UPDATE websub_subscriptions SET state = 'active', expires_at = @expires, last_error = NULL WHERE feed_id = @feedId",
                    new { feedId, expires }, cancellationToken);
                return new CallbackAnswer(200, challenge, $"feed {feedId}: subscription verified, lease {leaseSeconds ?? "unspecified"} s");
            case "unsubscribe" when !ours && !string.IsNullOrEmpty(challenge):
                // we hold no subscription for this topic here any more: agree to stop receiving it
                return new CallbackAnswer(200, challenge, $"feed {feedId}: unsubscription of {topic} confirmed");
            default:
                return new CallbackAnswer(404, null, $"feed {feedId}: verification refused (mode {mode}, topic {topic}: not a request of ours)");
        }
    }

    /// <summary>
    /// A push (POST of the feed's new content): verified against the secret, parsed and ingested like a poll. A
    /// subscription at an http:// hub has no secret: its pushes only make the feed due for a poll now.
    /// </summary>
    public async Task<CallbackAnswer> ReceiveAsync(long feedId, string token, byte[] body, string? contentType, string? signature, CancellationToken cancellationToken = default)
    {
        var current = await FindAsync(feedId, cancellationToken);
        if (current is { } found && !TokenMatches(found.Token, token))
        {
            return new CallbackAnswer(404, null, $"feed {feedId}: push to a callback that is not the subscription's, refused");
        }
        if (current is not { } subscription || subscription.State is not ("active" or "requested"))
        {
            // 410 tells the hub to stop sending what nobody here subscribed to
            return new CallbackAnswer(410, null, $"feed {feedId}: push for no subscription, refused");
        }
        if (subscription.Secret.Length == 0)
        {
            await WriteAsync("UPDATE feeds SET next_fetch_at = 0 WHERE id = @feedId", new { feedId }, cancellationToken);
            return new CallbackAnswer(202, null, $"feed {feedId}: unsigned push (http hub) taken as a hint; the feed is polled now");
        }
        if (!PushSignature.Matches(signature, body, subscription.Secret))
        {
            // the spec: ignore it, but acknowledge, so a forger learns nothing
            await WriteAsync("UPDATE websub_subscriptions SET last_error = @error WHERE feed_id = @feedId",
                new { feedId, error = "a push with a missing or wrong signature was ignored" }, cancellationToken);
            return new CallbackAnswer(202, null, $"feed {feedId}: push with a missing or wrong signature ignored");
        }
        var parsed = FeedParser.Parse(body, new FeedParseOptions { DocumentUrl = subscription.Topic, ContentType = contentType });
        if (parsed.Feed is null)
        {
            return new CallbackAnswer(400, $"not a feed: {parsed.Error}", $"feed {feedId}: push was not a feed ({parsed.Error})");
        }
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var result = await ingest.IngestAsync(feedId, parsed.Feed, now, (connection, tx, _) =>
            connection.ExecuteAsync("UPDATE websub_subscriptions SET last_push_at = @now, last_error = NULL WHERE feed_id = @feedId", new { feedId, now }, tx),
            cancellationToken: cancellationToken);
        return new CallbackAnswer(204, null, $"feed {feedId}: push ingested, {result.Inserted} new, {result.Updated} updated");
    }

    private async Task<(string Topic, string Secret, string State, string? Token)?> FindAsync(long feedId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<(string Topic, string Secret, string State, string? Token)?>(
            "SELECT topic, secret, state, callback_token FROM websub_subscriptions WHERE feed_id = @feedId", new { feedId });
    }

    // compared in constant time: the token is what keeps strangers out of the callback
    private static bool TokenMatches(string? expected, string given) =>
        expected is not null && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(expected), System.Text.Encoding.ASCII.GetBytes(given));

    private async Task WriteAsync(string sql, object args, CancellationToken cancellationToken)
    {
        using (await database.WriterTurnAsync(cancellationToken))
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await connection.ExecuteAsync(sql, args);
        }
    }
}
