using System.Data.Common;
using Dapper;
using Inertia.Reader.Chinese;

namespace Inertia.Reader.Storage;

/// <summary>A search hit: the entry and its feed.</summary>
public sealed record SearchHit(long EntryId, long FeedId, string? Title, string? Url);

/// <summary>
/// One search over both providers, over the plain text ingest writes to entries.search_text: SQLite narrows with its FTS5
/// word index (<see cref="SearchTerms"/>: words by prefix, Chinese by two-character pieces) and confirms with LIKE;
/// PostgreSQL's pg_trgm index serves LIKE directly (both sides lowercased). Every word of the query must occur; newest entries first.
/// Search covers the entries of the feeds the user subscribes to.
/// </summary>
public static class EntrySearch
{
    public static async Task<IReadOnlyList<SearchHit>> SearchAsync(DbConnection connection, DatabaseProvider provider, long userId, string query, int limit = 50)
    {
        var parameters = new DynamicParameters(new { userId, limit });
        if (Condition(provider, query, parameters) is not { } filter)
        {
            return [];
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

    /// <summary>
    /// The SQL condition over <c>e</c> (entries) that a search for <paramref name="query"/> sets, its values added to
    /// <paramref name="parameters"/>; null when the query has no word. Every word must occur as a substring, both sides
    /// lowercased: LIKE confirms what the index narrows. On SQLite, <paramref name="byIndex"/> false leaves the index out
    /// (LIKE alone), for a walk in the list's order that stops at its page.
    /// </summary>
    internal static string? Condition(DatabaseProvider provider, string query, DynamicParameters parameters, bool byIndex = true)
    {
        var words = Words(query);
        if (words.Count == 0)
        {
            return null;
        }
        var forms = Forms(words);
        var filter = string.Join(" AND ", forms.Select((word, i) =>
        {
            var likes = word.Select((form, j) =>
            {
                parameters.Add($"w{i}_{j}", "%" + EscapeLike(form) + "%");
                return $"e.search_text LIKE @w{i}_{j} ESCAPE '\\'";
            }).ToList();
            return likes.Count == 1 ? likes[0] : "(" + string.Join(" OR ", likes) + ")";
        }));
        if (provider == DatabaseProvider.Sqlite && byIndex && SearchTerms.Match(forms) is { } match)
        {
            parameters.Add("match", match);
            filter = "e.id IN (SELECT rowid FROM entries_terms WHERE entries_terms MATCH @match) AND " + filter;
        }
        return filter;
    }

    /// <summary>
    /// Whether SQLite's word index names at most <paramref name="few"/> entries for the query (false when it cannot narrow
    /// it at all). A word most entries hold is found soonest by walking a list in its order and testing each entry (a page
    /// of hits within its first few hundred); a rare one by reading the few entries the index names and sorting those.
    /// </summary>
    internal static async Task<bool> IndexNarrowsAsync(DbConnection connection, string query, int few = 10_000)
    {
        if (SearchTerms.Match(Forms(Words(query))) is not { } match)
        {
            return false;
        }
        var found = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM (SELECT rowid FROM entries_terms WHERE entries_terms MATCH @match LIMIT @limit)", new { match, limit = few + 1 });
        return found <= few;
    }

    /// <summary>
    /// Whether PostgreSQL's trigram index cannot narrow the query: each of its words is shorter than a trigram (two
    /// Chinese characters, 安全 or 惯性), so the index names nearly every entry.
    /// </summary>
    internal static bool TrigramsCannotNarrow(string query) => Words(query) is { Count: > 0 } words && words.All(w => w.Length < 3);

    // at most eight words of at most 64 characters: a query is a few words, not a document
    private static List<string> Words(string query) =>
        [.. query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(8).Select(w => w.Length > 64 ? w[..64] : w)];

    // each word lowercased with its forms in the other script (search across scripts: SearchForms)
    private static List<IReadOnlyList<string>> Forms(List<string> words)
    {
        var converter = SearchForms.Converter;
        return [.. words.Select(w => SearchForms.OfWord(w.ToLowerInvariant(), converter))];
    }

    /// <summary>Adds entries to SQLite's word index; <paramref name="replacing"/>: they are in it with older words.</summary>
    public static Task IndexAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<(long Id, string Terms)> entries, bool replacing = false) =>
        connection.ExecuteAsync(
            (replacing ? "DELETE FROM entries_terms WHERE rowid = @Id; " : "") + "INSERT INTO entries_terms (rowid, terms) VALUES (@Id, @Terms)",
            entries.Select(e => new { e.Id, e.Terms }), transaction);

    /// <summary>Lowercases every stored search text (once, by migration 8).</summary>
    public static Task LowercaseAllAsync(DbConnection connection, DbTransaction transaction) =>
        ForEachPageAsync(connection, transaction, page => connection.ExecuteAsync(
            "UPDATE entries SET search_text = @Text WHERE id = @Id",
            page.Where(p => p.Text is not null && p.Text != p.Text.ToLowerInvariant()).Select(p => new { p.Id, Text = p.Text!.ToLowerInvariant() }),
            transaction));

    /// <summary>
    /// Gives every stored search text with Han characters its Simplified forms (once, by migration 19, where OpenCC is
    /// installed then; entries written later get them at ingest), and SQLite's word index the new words.
    /// </summary>
    public static Task AddFormsToAllAsync(DatabaseProvider provider, DbConnection connection, DbTransaction transaction)
    {
        if (SearchForms.Converter is not { } converter)
        {
            return Task.CompletedTask;
        }
        return ForEachPageAsync(connection, transaction, async page =>
        {
            var changed = page.Where(p => p.Text is not null && ChineseText.HasHan(p.Text))
                .Select(p => (p.Id, Text: SearchForms.Of(p.Text!, converter), Old: p.Text))
                .Where(p => p.Text != p.Old).ToList();
            await connection.ExecuteAsync("UPDATE entries SET search_text = @Text WHERE id = @Id", changed.Select(c => new { c.Id, c.Text }), transaction);
            if (provider == DatabaseProvider.Sqlite && changed.Count > 0)
            {
                await IndexAsync(connection, transaction, [.. changed.Select(c => (c.Id, SearchTerms.Index(c.Text)))], replacing: true);
            }
        });
    }

    /// <summary>Writes every stored entry's excerpt (once, by migration 11), a page at a time.</summary>
    public static async Task ExcerptAllAsync(DbConnection connection, DbTransaction transaction)
    {
        var after = 0L;
        while (true)
        {
            var page = (await connection.QueryAsync<(long Id, string? Summary, string? Content)>(
                "SELECT id, summary, content FROM entries WHERE id > @after ORDER BY id LIMIT 1000", new { after }, transaction)).ToList();
            if (page.Count == 0)
            {
                return;
            }
            await connection.ExecuteAsync("UPDATE entries SET excerpt = @Excerpt WHERE id = @Id",
                page.Select(p => new { p.Id, Excerpt = EntryRow.ExcerptOf(new Feeds.Model.ParsedEntry { Key = "", Summary = p.Summary, Content = p.Content }) }), transaction);
            after = page[^1].Id;
        }
    }

    /// <summary>Indexes every stored entry (SQLite, once, when the index is created).</summary>
    public static Task IndexAllAsync(DbConnection connection, DbTransaction transaction) =>
        ForEachPageAsync(connection, transaction, page => IndexAsync(connection, transaction, [.. page.Select(p => (p.Id, SearchTerms.Index(p.Text ?? "")))]));

    // every entry's (id, search text), a page at a time, so memory stays flat whatever the table holds
    private static async Task ForEachPageAsync(DbConnection connection, DbTransaction transaction, Func<IReadOnlyList<(long Id, string? Text)>, Task> each)
    {
        const int Page = 2000;
        var after = 0L;
        while (true)
        {
            var page = (await connection.QueryAsync<(long Id, string? Text)>(
                "SELECT id, search_text FROM entries WHERE id > @after ORDER BY id LIMIT @Page", new { after, Page }, transaction)).ToList();
            if (page.Count == 0)
            {
                return;
            }
            await each(page);
            after = page[^1].Id;
        }
    }

    private static string EscapeLike(string word) =>
        word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
