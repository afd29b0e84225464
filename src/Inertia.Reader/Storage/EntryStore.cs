using System.Data.Common;
using System.Text.Json;
using Dapper;
using Inertia.Feeds.Model;
using Inertia.Reader.Ingest;

namespace Inertia.Reader.Storage;

/// <summary>
/// Writes a feed's entries: inserts the new ones, updates only those whose content hash changed, and leaves the rest
/// untouched. <c>prepare</c> (the sanitizer) runs only on what is written. A delivery seen twice — a retry, push plus poll,
/// two instances — inserts nothing the second time: the (feed, key) unique index decides, not a prior read.
/// </summary>
public static class EntryStore
{
    public static async Task<UpsertResult> UpsertAsync(
        DbConnection connection, DbTransaction transaction, long feedId, IReadOnlyList<ParsedEntry> entries,
        Func<ParsedEntry, ParsedEntry> prepare, long now)
    {
        var plan = await PlanAsync(connection, transaction, feedId, entries);
        return await WriteAsync(connection, transaction, feedId, plan.Prepare(prepare), now);
    }

    /// <summary>
    /// Reads which entries are new or changed (a read, outside any write lock), so the caller can sanitize just those
    /// before taking the writer: on SQLite, sanitizing inside the one write transaction would serialize it.
    /// </summary>
    public static async Task<WritePlan> PlanAsync(DbConnection connection, DbTransaction? transaction, long feedId, IReadOnlyList<ParsedEntry> entries)
    {
        var known = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var row in await connection.QueryAsync<(string Key, byte[] Hash)>(
            "SELECT key, content_hash FROM entries WHERE feed_id = @feedId", new { feedId }, transaction))
        {
            known[row.Key] = row.Hash;
        }
        var writes = new List<PlannedWrite>();
        var unchanged = 0;
        foreach (var entry in entries)
        {
            var hash = ContentHash.Of(entry);
            if (known.TryGetValue(entry.Key, out var existing) && existing.AsSpan().SequenceEqual(hash))
            {
                unchanged++;
                continue;
            }
            writes.Add(new PlannedWrite(entry, hash, IsNew: existing is null));
        }
        return new WritePlan(writes, unchanged);
    }

    /// <summary>Writes a plan: inserts (a duplicate key from a concurrent writer counts as unchanged) and updates.</summary>
    public static async Task<UpsertResult> WriteAsync(DbConnection connection, DbTransaction transaction, long feedId, WritePlan plan, long now)
    {
        int inserted = 0, updated = 0, unchanged = plan.Unchanged;
        foreach (var (entry, hash, isNew) in plan.Writes)
        {
            if (!isNew)
            {
                await connection.ExecuteAsync(
                    """
                    UPDATE entries SET url = @Url, title = @Title, author = @Author, published_at = @Published, updated_at = @Updated,
                        summary = @Summary, content = @Content, image_url = @ImageUrl, categories = @Categories, enclosures = @Enclosures,
                        content_hash = @Hash, search_text = @SearchText
                    WHERE feed_id = @FeedId AND key = @Key
                    """, Row(feedId, entry, hash, now), transaction);
                updated++;
                continue;
            }
            var affected = await connection.ExecuteAsync(
                """
                INSERT INTO entries (feed_id, key, url, title, author, published_at, updated_at, summary, content, image_url,
                    categories, enclosures, content_hash, created_at, search_text)
                VALUES (@FeedId, @Key, @Url, @Title, @Author, @Published, @Updated, @Summary, @Content, @ImageUrl,
                    @Categories, @Enclosures, @Hash, @Now, @SearchText)
                ON CONFLICT (feed_id, key) DO NOTHING
                """, Row(feedId, entry, hash, now), transaction);
            if (affected > 0)
            {
                inserted++;
            }
            else
            {
                unchanged++;
            }
        }
        return new UpsertResult(inserted, updated, unchanged);
    }

    private static object Row(long feedId, ParsedEntry e, byte[] hash, long now) => new
    {
        FeedId = feedId,
        e.Key,
        e.Url,
        e.Title,
        e.Author,
        Published = e.Published?.ToUnixTimeSeconds(),
        Updated = e.Updated?.ToUnixTimeSeconds(),
        e.Summary,
        e.Content,
        e.ImageUrl,
        Categories = e.Categories.Count == 0 ? null : JsonSerializer.Serialize(e.Categories),
        Enclosures = e.Enclosures.Count == 0 ? null : JsonSerializer.Serialize(e.Enclosures),
        Hash = hash,
        Now = now,
        SearchText = SearchText(e),
    };

    /// <summary>What search looks in: title, author and the text (not the markup) of the content, capped.</summary>
    public static string SearchText(ParsedEntry e)
    {
        var text = string.Join(' ', e.Title, e.Author, Feeds.Text.PlainText.FromHtml(e.Content ?? e.Summary));
        return text.Length > MaxSearchText ? text[..MaxSearchText] : text;
    }

    private const int MaxSearchText = 32 * 1024;
}
