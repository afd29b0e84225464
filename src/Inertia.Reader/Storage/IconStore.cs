using System.Data.Common;
using Dapper;
using Inertia.Reader.Content;

namespace Inertia.Reader.Storage;

/// <summary>Feed icons: which feeds lack one, save one, read one.</summary>
public static class IconStore
{
    /// <summary>Feeds with a site URL and no icon, not looked for since <paramref name="checkedBefore"/>: (feed id, site URL).</summary>
    public static async Task<IReadOnlyList<(long FeedId, string SiteUrl)>> MissingAsync(DbConnection connection, int limit, long checkedBefore = long.MaxValue) =>
        [.. await connection.QueryAsync<(long, string)>(
            """
            SELECT f.id, f.site_url FROM feeds f
            WHERE f.site_url IS NOT NULL AND (f.icon_checked_at IS NULL OR f.icon_checked_at < @checkedBefore)
                AND NOT EXISTS (SELECT 1 FROM icons i WHERE i.feed_id = f.id)
            ORDER BY f.id LIMIT @limit
            """,
            new { limit, checkedBefore })];

    /// <summary>Remembers that the feed's site was looked at for an icon now, found or not.</summary>
    public static Task MarkCheckedAsync(DbConnection connection, long feedId, long now) =>
        connection.ExecuteAsync("UPDATE feeds SET icon_checked_at = @now WHERE id = @feedId", new { feedId, now });

    public static Task SaveAsync(DbConnection connection, long feedId, SiteIcon icon, long now) =>
        connection.ExecuteAsync(
            """
            INSERT INTO icons (feed_id, url, content_type, data, fetched_at) VALUES (@feedId, @Url, @ContentType, @Data, @now)
            ON CONFLICT (feed_id) DO UPDATE SET url = excluded.url, content_type = excluded.content_type, data = excluded.data, fetched_at = excluded.fetched_at
            """, new { feedId, icon.Url, icon.ContentType, icon.Data, now });

    /// <summary>
    /// The feed's title and URL when <paramref name="userId"/> may see its icon (a public feed, or one the user subscribes
    /// to), else null: an icon's site names a private feed's host.
    /// </summary>
    public static Task<(string? Title, string Url)?> VisibleFeedAsync(DbConnection connection, long feedId, long? userId) =>
        connection.QuerySingleOrDefaultAsync<(string? Title, string Url)?>(
            $"""
            SELECT f.title, f.url FROM feeds f
            WHERE f.id = @feedId AND ({PublicSite.IsPublic("f.id")}
                OR EXISTS (SELECT 1 FROM subscriptions s WHERE s.feed_id = f.id AND s.user_id = @userId))
            """, new { feedId, userId });

    public static async Task<SiteIcon?> GetAsync(DbConnection connection, long feedId)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(string Url, string ContentType, byte[] Data)?>(
            "SELECT url, content_type, data FROM icons WHERE feed_id = @feedId", new { feedId });
        return row is { } r ? new SiteIcon(r.Url, r.ContentType, r.Data) : null;
    }
}
