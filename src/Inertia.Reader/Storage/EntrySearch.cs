using System.Data.Common;
using Dapper;

namespace Inertia.Reader.Storage;

/// <summary>A search hit: the entry and its feed.</summary>
public sealed record SearchHit(long EntryId, long FeedId, string? Title, string? Url);

/// <summary>
/// One search over both providers, over the plain text ingest writes to entries.search_text: SQLite narrows with its FTS5
/// trigram index (words of three characters or more) and confirms with LIKE; PostgreSQL's pg_trgm index serves ILIKE directly.
/// Every word of the query must occur; newest entries first.
/// Search covers the entries of the feeds the user subscribes to.
/// </summary>
public static class EntrySearch
{
    public static async Task<IReadOnlyList<SearchHit>> SearchAsync(DbConnection connection, DatabaseProvider provider, long userId, string query, int limit = 50)
    {
        var words = query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Take(8).Select(w => w.Length > 64 ? w[..64] : w).ToList();
        if (words.Count == 0)
        {
            return [];
        }
        var parameters = new DynamicParameters(new { userId, limit });
        // every word must occur as a substring (case-insensitive for ASCII); LIKE confirms what the index narrows
        var like = provider == DatabaseProvider.Postgres ? "ILIKE" : "LIKE";
        var filter = string.Join(" AND ", words.Select((w, i) =>
        {
            parameters.Add($"w{i}", "%" + EscapeLike(w) + "%");
            return $"e.search_text {like} @w{i} ESCAPE '\\'";
        }));
        if (provider == DatabaseProvider.Sqlite)
        {
            var trigrams = words.SelectMany(Trigrams).Distinct(StringComparer.Ordinal).Take(64).ToList();
            if (trigrams.Count > 0)
            {
                // each trigram as an FTS5 string literal, quotes doubled, so no query syntax can be injected
                parameters.Add("match", string.Join(" AND ", trigrams.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")));
                filter = "e.id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH @match) AND " + filter;
            }
        }
        var rows = await connection.QueryAsync<(long EntryId, long FeedId, string? Title, string? Url)>(
            $"""
            SELECT e.id, e.feed_id, e.title, e.url
            FROM entries e JOIN subscriptions s ON s.feed_id = e.feed_id AND s.user_id = @userId
            WHERE {filter}
            ORDER BY e.id DESC
            LIMIT @limit
            """, parameters);
        return [.. rows.Select(r => new SearchHit(r.EntryId, r.FeedId, r.Title, r.Url))];
    }

    // the trigram tokenizer folds case; words shorter than three characters have none and rely on LIKE alone
    private static IEnumerable<string> Trigrams(string word)
    {
        var w = word.ToLowerInvariant();
        for (var i = 0; i + 3 <= w.Length; i++)
        {
            yield return w.Substring(i, 3);
        }
    }

    private static string EscapeLike(string word) =>
        word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
