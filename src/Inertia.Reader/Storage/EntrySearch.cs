using System.Data.Common;
using Dapper;

namespace Inertia.Reader.Storage;

/// <summary>A search hit: the entry and its feed.</summary>
public sealed record SearchHit(long EntryId, long FeedId, string? Title, string? Url);

/// <summary>
/// One search over both providers: SQLite FTS5 trigram (any substring of three or more characters) with a LIKE path for
/// shorter queries, PostgreSQL pg_trgm with ILIKE. Every word of the query must occur; newest entries first.
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
        string filter;
        if (provider == DatabaseProvider.Postgres)
        {
            filter = string.Join(" AND ", words.Select((w, i) =>
            {
                parameters.Add($"w{i}", "%" + EscapeLike(w) + "%");
                return $"e.search_text ILIKE @w{i}";
            }));
        }
        else if (words.All(w => w.Length >= 3))
        {
            // each word as an FTS5 string literal: quotes doubled, so no query syntax can be injected
            parameters.Add("match", string.Join(" ", words.Select(w => "\"" + w.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")));
            filter = "e.id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH @match)";
        }
        else
        {
            // trigram cannot match fewer than three characters: scan, but only the user's feeds
            filter = string.Join(" AND ", words.Select((w, i) =>
            {
                parameters.Add($"w{i}", "%" + EscapeLike(w) + "%");
                return $"(COALESCE(e.title, '') || ' ' || COALESCE(e.author, '') || ' ' || COALESCE(e.content, e.summary, '')) LIKE @w{i} ESCAPE '\\'";
            }));
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

    private static string EscapeLike(string word) =>
        word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
