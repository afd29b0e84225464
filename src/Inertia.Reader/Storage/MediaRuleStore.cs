using System.Data.Common;
using Dapper;

namespace Inertia.Reader.Storage;

/// <summary>How the media proxy asks one host for its images: the Referer and User-Agent it sends (null: none, the default).</summary>
public sealed record MediaRule
{
    public long Id { get; init; }
    /// <summary>The host, matching itself and its subdomains (<c>sinaimg.cn</c> covers <c>wx1.sinaimg.cn</c>).</summary>
    public required string Host { get; init; }
    public string? Referer { get; init; }
    public string? UserAgent { get; init; }
}

/// <summary>
/// The media proxy's stored data (migration 20): the administrator's rules per host, a subscription's rule for its feed,
/// whether a user or an API password has every image proxied, and the server's signing key.
/// </summary>
public static class MediaRuleStore
{
    /// <summary>The administrator's rules, by host.</summary>
    public static async Task<IReadOnlyList<MediaRule>> ListAsync(DbConnection connection) =>
        [.. await connection.QueryAsync<MediaRule>("SELECT id AS Id, host AS Host, referer AS Referer, user_agent AS UserAgent FROM media_rules ORDER BY host")];

    /// <summary>Adds or replaces the rule for a host (lowercased, without a leading dot).</summary>
    public static Task SetAsync(DbConnection connection, string host, string? referer, string? userAgent, long now) =>
        connection.ExecuteAsync(
            """
            INSERT INTO media_rules (host, referer, user_agent, created_at) VALUES (@host, @referer, @userAgent, @now)
            ON CONFLICT (host) DO UPDATE SET referer = excluded.referer, user_agent = excluded.user_agent
            """, new { host = host.Trim().TrimStart('.').ToLowerInvariant(), referer = Blank(referer), userAgent = Blank(userAgent), now });

    public static Task RemoveAsync(DbConnection connection, long id) =>
        connection.ExecuteAsync("DELETE FROM media_rules WHERE id = @id", new { id });

    /// <summary>A subscription's own rule for its feed's media (by the subscription's id), or null when it has none.</summary>
    public static async Task<MediaRule?> SubscriptionRuleAsync(DbConnection connection, long subscriptionId)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(string? Referer, string? UserAgent)?>(
            "SELECT media_referer, media_user_agent FROM subscriptions WHERE id = @subscriptionId", new { subscriptionId });
        return row is { } r && (r.Referer is not null || r.UserAgent is not null) ? new MediaRule { Host = "", Referer = r.Referer, UserAgent = r.UserAgent } : null;
    }

    /// <summary>Sets the user's rule for a feed's media; false when they do not subscribe to it.</summary>
    public static async Task<bool> SetSubscriptionRuleAsync(DbConnection connection, long userId, long feedId, string? referer, string? userAgent) =>
        await connection.ExecuteAsync(
            "UPDATE subscriptions SET media_referer = @referer, media_user_agent = @userAgent WHERE user_id = @userId AND feed_id = @feedId",
            new { userId, feedId, referer = Blank(referer), userAgent = Blank(userAgent) }) > 0;

    /// <summary>The user's subscriptions that carry a media rule: feed id → subscription id (what a proxy address names).</summary>
    public static async Task<IReadOnlyDictionary<long, long>> RuledSubscriptionsAsync(DbConnection connection, long userId) =>
        (await connection.QueryAsync<(long FeedId, long Id)>(
            "SELECT feed_id, id FROM subscriptions WHERE user_id = @userId AND (media_referer IS NOT NULL OR media_user_agent IS NOT NULL)", new { userId }))
        .ToDictionary(r => r.FeedId, r => r.Id);

    /// <summary>Sets whether an API password's apps get every image and enclosure proxied; false when it is not the user's.</summary>
    public static async Task<bool> SetApiPasswordProxiesAllAsync(DbConnection connection, long userId, long id, bool all) =>
        await connection.ExecuteAsync("UPDATE api_passwords SET proxy_media = @all WHERE id = @id AND user_id = @userId", new { id, userId, all }) > 0;

    /// <summary>The named secret, made by <paramref name="make"/> and stored the first time it is asked for (every process then shares it).</summary>
    public static async Task<string> SecretAsync(DbConnection connection, string name, Func<string> make)
    {
        await connection.ExecuteAsync("INSERT INTO server_secrets (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING", new { name, value = make() });
        return await connection.ExecuteScalarAsync<string>("SELECT value FROM server_secrets WHERE name = @name", new { name }) ?? throw new InvalidOperationException("the secret was not stored");
    }

    private static string? Blank(string? text) => text?.Trim() is { Length: > 0 } t ? (t.Length > 500 ? t[..500] : t) : null;
}
