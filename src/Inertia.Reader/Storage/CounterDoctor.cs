using Dapper;

namespace Inertia.Reader.Storage;

/// <summary>One counter found wrong and set right: whose, which feed, what it said and what is true.</summary>
public sealed record CounterFix(string User, string Feed, long Was, long Is)
{
    public override string ToString() => $"{User}'s unread count of {Feed} was {Was}, is {Is}";
}

/// <summary>
/// Checks the kept unread counters (migration 7) against a count from the entries and repairs the ones that differ —
/// for `inertia doctor` and the daily maintenance pass. The repair recounts inside a write, so a mark made between the
/// check and the repair is counted too.
/// </summary>
public static class CounterDoctor
{
    public static async Task<IReadOnlyList<CounterFix>> RepairAsync(Database database, CancellationToken cancellationToken = default)
    {
        List<(long Id, string User, string Feed, long Was)> wrong;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            wrong = [.. await connection.QueryAsync<(long, string, string, long)>(
                $"""
                SELECT s.id, u.name, COALESCE(f.title, f.url), s.unread_count
                FROM subscriptions s JOIN users u ON u.id = s.user_id JOIN feeds f ON f.id = s.feed_id
                WHERE s.unread_count <> {ReadState.ExactCount}
                   OR s.unread_count <> (SELECT COUNT(*) FROM unread_entries u WHERE u.user_id = s.user_id AND u.feed_id = s.feed_id)
                ORDER BY s.id
                """)];
        }
        var fixes = new List<CounterFix>();
        foreach (var (id, user, feed, was) in wrong)
        {
            var now = await database.Writes.RunAsync(async (c, tx) =>
            {
                await ReadState.RebuildUnreadAsync(c, tx, "s.id = @id", new { id });
                return await c.ExecuteScalarAsync<long>("SELECT unread_count FROM subscriptions WHERE id = @id", new { id }, tx);
            }, cancellationToken);
            if (now != was)
            {
                fixes.Add(new CounterFix(user, feed, was, now));
            }
        }
        return fixes;
    }
}
