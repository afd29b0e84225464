using System.Data.Common;
using Dapper;
using Inertia.Feeds.Opml;

namespace Inertia.Reader.Storage;

/// <summary>What loading the catalog file did.</summary>
public sealed record CatalogSync(int Added, int Known, int Removed, IReadOnlyList<OpmlProblem> Invalid);

/// <summary>
/// The recommended-feeds catalog: loaded from OPML at start (only what is new is added: a feed the administrator removed
/// or moved stays as they left it), and changed by the administrator — add, remove, restore, move to a group, mark a
/// feed public or not.
/// </summary>
public static class CatalogStore
{
    /// <summary>
    /// Adds the file's groups and feeds that the catalog has never held; leaves every other row as it is.
    /// <paramref name="expandUrl"/> makes short feed addresses (rsshub://ROUTE) whole first.
    /// </summary>
    public static async Task<CatalogSync> SyncAsync(Database database, string opml, long now, CancellationToken cancellationToken = default, Func<string, string>? expandUrl = null)
    {
        var problems = new List<OpmlProblem>();
        var outlines = OpmlReader.Read(opml, problems.Add, expandUrl).ToList();
        return await database.Writes.RunAsync(async (c, tx) =>
        {
            int added = 0, known = 0, removed = 0;
            var groupPositions = new Dictionary<string, int>(StringComparer.Ordinal);
            var position = 0;
            foreach (var outline in outlines)
            {
                var title = outline.Categories.Count > 0 ? string.Join(" / ", outline.Categories) : null;
                long? groupId = null;
                if (title is not null)
                {
                    if (!groupPositions.ContainsKey(title))
                    {
                        groupPositions[title] = groupPositions.Count;
                    }
                    groupId = await EnsureGroupAsync(c, tx, title, groupPositions[title]);
                }
                var feedId = await FeedStore.EnsureAsync(c, tx, outline.FeedUrl, now);
                if (outline.SiteUrl is not null)
                {
                    await c.ExecuteAsync("UPDATE feeds SET site_url = @site WHERE id = @feedId AND site_url IS NULL", new { site = outline.SiteUrl, feedId }, tx);
                }
                var inserted = await c.ExecuteAsync(
                    """
                    INSERT INTO catalog_feeds (feed_id, group_id, title, position, added_at) VALUES (@feedId, @groupId, @title, @position, @now)
                    ON CONFLICT (feed_id) DO NOTHING
                    """, new { feedId, groupId, title = outline.Title, position = position++, now }, tx);
                if (inserted > 0)
                {
                    added++;
                }
                else if (await c.ExecuteScalarAsync<bool>("SELECT removed_at IS NOT NULL FROM catalog_feeds WHERE feed_id = @feedId", new { feedId }, tx))
                {
                    removed++;
                }
                else
                {
                    known++;
                }
            }
            return new CatalogSync(added, known, removed, problems);
        }, cancellationToken);
    }

    private static async Task<long> EnsureGroupAsync(DbConnection c, DbTransaction tx, string title, int position)
    {
        await c.ExecuteAsync("INSERT INTO catalog_groups (title, position) VALUES (@title, @position) ON CONFLICT (title) DO NOTHING", new { title, position }, tx);
        return await c.ExecuteScalarAsync<long>("SELECT id FROM catalog_groups WHERE title = @title", new { title }, tx);
    }

    /// <summary>Every group, in order.</summary>
    public static async Task<IReadOnlyList<(long Id, string Title)>> GroupsAsync(DbConnection connection) =>
        [.. await connection.QueryAsync<(long, string)>("SELECT id, title FROM catalog_groups ORDER BY position, id")];

    /// <summary>A catalog entry as the administrator manages it.</summary>
    // properties, not a positional record: Dapper converts SQLite's integers to bool only when it sets properties
    public sealed record Entry
    {
        public long FeedId { get; init; }
        public required string Url { get; init; }
        public string? Title { get; init; }
        public long? GroupId { get; init; }
        public bool Removed { get; init; }
        public bool IsPublic { get; init; }
        public string? LastError { get; init; }
        public long? LastFetchedAt { get; init; }
    }

    /// <summary>Every feed of the catalog (removed ones too) and every feed marked public.</summary>
    public static async Task<IReadOnlyList<Entry>> ListAsync(DbConnection connection) =>
        [.. await connection.QueryAsync<Entry>(
            """
            SELECT f.id AS FeedId, f.url AS Url, COALESCE(f.title, cf.title) AS Title, cf.group_id AS GroupId,
                CASE WHEN cf.removed_at IS NOT NULL THEN TRUE ELSE FALSE END AS Removed, f.is_public AS IsPublic,
                f.last_error AS LastError, f.last_fetched_at AS LastFetchedAt
            FROM feeds f LEFT JOIN catalog_feeds cf ON cf.feed_id = f.id
            WHERE cf.feed_id IS NOT NULL OR f.is_public
            ORDER BY CASE WHEN cf.removed_at IS NULL THEN 0 ELSE 1 END, cf.position, f.id
            """)];

    /// <summary>Adds a feed to the catalog (or brings back one that was removed), in a group.</summary>
    public static Task<long> AddAsync(Database database, string feedUrl, long? groupId, long now, CancellationToken cancellationToken = default) =>
        database.Writes.RunAsync(async (c, tx) =>
        {
            var feedId = await FeedStore.EnsureAsync(c, tx, feedUrl, now);
            var position = await c.ExecuteScalarAsync<int>("SELECT COALESCE(MAX(position), 0) + 1 FROM catalog_feeds", transaction: tx);
            await c.ExecuteAsync(
                """
                INSERT INTO catalog_feeds (feed_id, group_id, position, added_at) VALUES (@feedId, @groupId, @position, @now)
                ON CONFLICT (feed_id) DO UPDATE SET removed_at = NULL, group_id = excluded.group_id
                """, new { feedId, groupId, position, now }, tx);
            return feedId;
        }, cancellationToken);

    /// <summary>Takes a feed out of the catalog; it stays out across restarts, whatever the catalog file says.</summary>
    public static Task<int> RemoveAsync(Database database, long feedId, long now, CancellationToken cancellationToken = default) =>
        database.Writes.RunAsync((c, tx) => c.ExecuteAsync(
            "UPDATE catalog_feeds SET removed_at = @now WHERE feed_id = @feedId AND removed_at IS NULL", new { feedId, now }, tx), cancellationToken);

    /// <summary>Moves a catalog feed to another group (or none).</summary>
    public static Task<int> MoveAsync(Database database, long feedId, long? groupId, CancellationToken cancellationToken = default) =>
        database.Writes.RunAsync((c, tx) => c.ExecuteAsync(
            "UPDATE catalog_feeds SET group_id = @groupId WHERE feed_id = @feedId", new { feedId, groupId }, tx), cancellationToken);

    /// <summary>Shows a feed on the public site, or stops showing it (catalog feeds are public while in the catalog).</summary>
    public static Task<int> SetPublicAsync(Database database, long feedId, bool isPublic, CancellationToken cancellationToken = default) =>
        database.Writes.RunAsync((c, tx) => c.ExecuteAsync(
            "UPDATE feeds SET is_public = @isPublic WHERE id = @feedId", new { feedId, isPublic }, tx), cancellationToken);

    /// <summary>A new group at the end, or the existing one of that title.</summary>
    public static Task<long> AddGroupAsync(Database database, string title, CancellationToken cancellationToken = default) =>
        database.Writes.RunAsync(async (c, tx) =>
        {
            var position = await c.ExecuteScalarAsync<int>("SELECT COALESCE(MAX(position), 0) + 1 FROM catalog_groups", transaction: tx);
            return await EnsureGroupAsync(c, tx, title, position);
        }, cancellationToken);
}
