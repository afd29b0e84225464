using System.Data.Common;
using Dapper;
using Inertia.Reader.Rules;

namespace Inertia.Reader.Storage;

/// <summary>A rule as the rules page lists it: with the title of its feed (null: all feeds).</summary>
public sealed record EntryRuleLine(EntryRule Rule, string? FeedTitle);

/// <summary>What applying rules to stored entries did.</summary>
public sealed record RuleReport(long Examined, long Hidden, long ShownAgain, long MarkedRead, long Starred);

/// <summary>
/// A user's rules (migration 21) and their decisions: on the entries of a feed as they arrive (inside the ingest's own
/// transaction, so no reader ever sees a blocked entry), and on demand on what is stored. Entries stay shared; a decision
/// is the user's state — read, starred, or hidden (entry_states.is_hidden, which the lists leave out).
/// </summary>
public static class EntryRuleStore
{
    /// <summary>How many rules one user may have.</summary>
    public const int MaxRules = 200;

    private const string Columns = "r.id, r.user_id, r.feed_id, r.field, r.match_kind, r.pattern, r.action";

    /// <summary>The user's rules: those for all feeds first, then by feed, oldest first.</summary>
    public static async Task<IReadOnlyList<EntryRuleLine>> ListAsync(DbConnection connection, long userId)
    {
        var rows = await connection.QueryAsync<RuleRow>(
            $"""
            SELECT {Columns}, COALESCE(s.title, f.title, f.url) AS feed_title
            FROM entry_rules r LEFT JOIN feeds f ON f.id = r.feed_id LEFT JOIN subscriptions s ON s.user_id = r.user_id AND s.feed_id = r.feed_id
            WHERE r.user_id = @userId
            ORDER BY CASE WHEN r.feed_id IS NULL THEN 0 ELSE 1 END, feed_title, r.id
            """, new { userId });
        return [.. rows.Select(r => (Rule: r.ToRule(), r.Feed_title)).Where(r => r.Rule is not null).Select(r => new EntryRuleLine(r.Rule!, r.Feed_title))];
    }

    /// <summary>
    /// Adds a rule for the user; null when its feed is not one they subscribe to or they have <see cref="MaxRules"/>
    /// already. The pattern is checked by the caller (<see cref="RulePattern.TryCreate"/>).
    /// </summary>
    public static Task<long?> AddAsync(DbConnection connection, EntryRule rule, long now) =>
        connection.ExecuteScalarAsync<long?>(
            """
            INSERT INTO entry_rules (user_id, feed_id, field, match_kind, pattern, action, created_at)
            SELECT @UserId, @FeedId, @Field, @Match, @Pattern, @Action, @now
            WHERE (@FeedId IS NULL OR EXISTS (SELECT 1 FROM subscriptions s WHERE s.user_id = @UserId AND s.feed_id = @FeedId))
              AND (SELECT COUNT(*) FROM entry_rules WHERE user_id = @UserId) < @max
            RETURNING id
            """,
            new { rule.UserId, rule.FeedId, Field = Name(rule.Field), Match = Name(rule.Match), rule.Pattern, Action = Name(rule.Action), now, max = MaxRules });

    /// <summary>Removes one of the user's rules; false when it is not theirs. What it decided stays decided.</summary>
    public static async Task<bool> RemoveAsync(DbConnection connection, long userId, long id) =>
        await connection.ExecuteAsync("DELETE FROM entry_rules WHERE id = @id AND user_id = @userId", new { id, userId }) > 0;

    /// <summary>
    /// Applies the rules of every subscriber of the feed to its entries just inserted, in the ingest's transaction: a
    /// feed whose readers have no rule costs one indexed query.
    /// </summary>
    public static async Task ApplyToArrivalsAsync(DbConnection connection, DbTransaction transaction, long feedId, IReadOnlyList<(long Id, EntryRow Row)> arrived, long now)
    {
        var rules = (await connection.QueryAsync<RuleRow>(
            $"""
            SELECT {Columns} FROM subscriptions s JOIN entry_rules r ON r.user_id = s.user_id AND (r.feed_id IS NULL OR r.feed_id = s.feed_id)
            WHERE s.feed_id = @feedId
            """, new { feedId }, transaction)).Select(r => r.ToRule()).OfType<EntryRule>().ToList();
        if (rules.Count == 0)
        {
            return;
        }
        var subjects = arrived.Select(a => (a.Id, Subject: RuleSubject.FromStored(a.Row.Title, a.Row.Content, a.Row.Summary, a.Row.Author, a.Row.Url, a.Row.Categories))).ToList();
        foreach (var userRules in rules.GroupBy(r => r.UserId))
        {
            var verdicts = subjects.Select(s => (s.Id, Verdict: RuleVerdict.Of(userRules, feedId, s.Subject))).Where(v => v.Verdict.Acts).ToList();
            await ActAsync(connection, transaction, userRules.Key, verdicts, now);
        }
    }

    /// <summary>
    /// Applies the user's rules to the entries stored in their feeds (one feed, or all), 500 at a time, each page's marks in one write turn:
    /// blocked entries are hidden and read, entries hidden before that no rule hides now are shown again (still read),
    /// and read and star rules mark. A starred entry is never hidden.
    /// </summary>
    public static async Task<RuleReport> ApplyToStoredAsync(Database database, long userId, long? feedId, long now, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<EntryRule> rules;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            rules = (await ListAsync(connection, userId)).Select(l => l.Rule).ToList();
        }
        long examined = 0, hidden = 0, shown = 0, read = 0, starred = 0;
        var after = 0L;
        while (true)
        {
            // read and judged outside the writer (on SQLite one writer serves every ingest): it is entered only to act
            List<StoredRow> rows;
            await using (var connection = await database.OpenAsync(cancellationToken))
            {
                rows = (await connection.QueryAsync<StoredRow>(
                    """
                    SELECT e.id, e.feed_id, e.title, e.content, e.summary, e.author, e.url, e.categories,
                        COALESCE(st.is_starred, FALSE) AS is_starred, COALESCE(st.is_hidden AND st.copy_of IS NULL, FALSE) AS is_hidden
                    FROM subscriptions s JOIN entries e ON e.feed_id = s.feed_id
                    LEFT JOIN entry_states st ON st.user_id = s.user_id AND st.entry_id = e.id
                    WHERE s.user_id = @userId AND (@feedId IS NULL OR s.feed_id = @feedId) AND e.id > @after
                    ORDER BY e.id LIMIT 500
                    """, new { userId, feedId, after })).ToList();
            }
            var verdicts = new List<(long Id, RuleVerdict Verdict)>();
            var showAgain = new List<long>();
            foreach (var row in rows)
            {
                var verdict = RuleVerdict.Of(rules, row.Feed_id, RuleSubject.FromStored(row.Title, row.Content, row.Summary, row.Author, row.Url, row.Categories));
                if (row.Is_starred && verdict.Hide)
                {
                    verdict = default;
                }
                if (row.Is_hidden && !verdict.Hide)
                {
                    showAgain.Add(row.Id);
                }
                if (verdict.Acts && !(verdict.Hide && row.Is_hidden))
                {
                    verdicts.Add((row.Id, verdict));
                }
            }
            if (verdicts.Count > 0 || showAgain.Count > 0)
            {
                var acted = await database.Writes.RunAsync(async (c, tx) =>
                {
                    var done = await ActAsync(c, tx, userId, verdicts, now);
                    await c.ExecuteAsync("UPDATE entry_states SET is_hidden = FALSE WHERE user_id = @userId AND entry_id = @id AND copy_of IS NULL", showAgain.Select(id => new { userId, id }), tx);
                    return done;
                }, cancellationToken);
                hidden += acted.Hidden;
                read += acted.Read;
                starred += acted.Starred;
                shown += showAgain.Count;
            }
            examined += rows.Count;
            if (rows.Count < 500)
            {
                break;
            }
            after = rows[^1].Id;
        }
        return new RuleReport(examined, hidden, shown, read, starred);
    }

    // carries out verdicts for one user: reads first (moving counters through the one path every mark takes), then stars,
    // then hides; how many of each changed
    private static async Task<(int Hidden, int Read, int Starred)> ActAsync(DbConnection connection, DbTransaction transaction, long userId, IReadOnlyList<(long Id, RuleVerdict Verdict)> verdicts, long now)
    {
        if (verdicts.Count == 0)
        {
            return (0, 0, 0);
        }
        var toRead = verdicts.Where(v => v.Verdict.Read).Select(v => v.Id).ToList();
        var read = toRead.Count == 0 ? 0 : (await ReadState.SetReadAsync(connection, transaction, userId, toRead, true, now)).Count(r => r == MarkResult.Changed);
        var toStar = verdicts.Where(v => v.Verdict.Star).Select(v => v.Id).ToList();
        var starred = toStar.Count == 0 ? 0 : (await ReadState.SetStarredAsync(connection, transaction, userId, toStar, true, now)).Count(r => r == MarkResult.Changed);
        var toHide = verdicts.Where(v => v.Verdict.Hide).Select(v => v.Id).ToList();
        var hidden = 0;
        foreach (var id in toHide)
        {
            hidden += await connection.ExecuteAsync(
                """
                INSERT INTO entry_states (user_id, entry_id, is_read, is_starred, is_hidden) VALUES (@userId, @id, NULL, FALSE, TRUE)
                ON CONFLICT (user_id, entry_id) DO UPDATE SET is_hidden = TRUE WHERE NOT entry_states.is_hidden AND NOT entry_states.is_starred
                """, new { userId, id }, transaction);
        }
        return (hidden, read, starred);
    }

    /// <summary>Whether the user has any entry hidden by a rule or as a copy (<see cref="StoryCopies"/>): lists test each entry only then.</summary>
    public static Task<bool> HidesAnyAsync(DbConnection connection, long userId) =>
        connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM entry_states WHERE user_id = @userId AND is_hidden)", new { userId });

    /// <summary>The condition (over an entry <c>e</c> and the parameter <c>@UserId</c>) that leaves out what rules hid.</summary>
    public const string NotHidden = "NOT EXISTS (SELECT 1 FROM entry_states h WHERE h.user_id = @UserId AND h.entry_id = e.id AND h.is_hidden)";

    /// <summary>A rule's field, match or action as stored: its name in lower case.</summary>
    public static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    // read by Dapper by column name (SQLite's booleans are integers: properties convert, constructors would not)
    private sealed class RuleRow
    {
        public long Id { get; set; }
        public long User_id { get; set; }
        public long? Feed_id { get; set; }
        public string Field { get; set; } = "";
        public string Match_kind { get; set; } = "";
        public string Pattern { get; set; } = "";
        public string Action { get; set; } = "";
        public string? Feed_title { get; set; }

        // a name this code did not write (a later version's) makes no rule, rather than a wrong one
        public EntryRule? ToRule() =>
            Enum.TryParse<RuleField>(Field, true, out var field) && Enum.TryParse<RuleMatch>(Match_kind, true, out var match) && Enum.TryParse<RuleAction>(Action, true, out var action)
                ? new EntryRule { Id = Id, UserId = User_id, FeedId = Feed_id, Field = field, Match = match, Pattern = Pattern, Action = action }
                : null;
    }

    private sealed class StoredRow
    {
        public long Id { get; set; }
        public long Feed_id { get; set; }
        public string? Title { get; set; }
        public string? Content { get; set; }
        public string? Summary { get; set; }
        public string? Author { get; set; }
        public string? Url { get; set; }
        public string? Categories { get; set; }
        public bool Is_starred { get; set; }
        public bool Is_hidden { get; set; }
    }
}
