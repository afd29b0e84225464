using System.Data.Common;
using Dapper;

namespace Inertia.Reader.Storage;

/// <summary>
/// Which of a user's entries a client asks for (a Google Reader stream, a Fever page), and in what order. Every bound is
/// optional; times are Unix seconds.
/// </summary>
public sealed record StreamFilter
{
    public required long UserId { get; init; }
    public long? FeedId { get; init; }
    public long? CategoryId { get; init; }
    /// <summary>
    /// Entries the user labelled so (<see cref="EntryLabelStore"/>): with <see cref="CategoryId"/>, the category's entries
    /// and these; alone, these only.
    /// </summary>
    public string? Label { get; init; }
    /// <summary>The category's feeds, when they were read first (<see cref="ItemStream"/> does, on PostgreSQL, for unread rows).</summary>
    internal IReadOnlyList<long>? CategoryFeeds { get; init; }
    /// <summary>Only starred entries (these include entries of feeds the user no longer subscribes to).</summary>
    public bool StarredOnly { get; init; }
    /// <summary>true: only read entries; false: only unread ones; null: both.</summary>
    public bool? Read { get; init; }
    /// <summary>Only entries first seen at or after this time (Google Reader's <c>ot</c>: what arrived since the last sync).</summary>
    public long? SeenSince { get; init; }
    /// <summary>Only entries first seen before this time (<c>nt</c>).</summary>
    public long? SeenBefore { get; init; }
    /// <summary>Only entries dated at or after this time (the entry's date: published, else first seen): a search's date range.</summary>
    public long? DatedFrom { get; init; }
    /// <summary>Only entries dated before this time.</summary>
    public long? DatedBefore { get; init; }
    /// <summary>Only entries with an id above / below these (Fever's <c>since_id</c> / <c>max_id</c>).</summary>
    public long? IdAbove { get; init; }
    public long? IdBelow { get; init; }
    /// <summary>By id instead of by date (Fever pages by id).</summary>
    public bool ById { get; init; }
    public bool OldestFirst { get; init; }
    /// <summary>Only entries with every word of this query (the reader's search: substrings, Chinese included).</summary>
    public string? Search { get; init; }
    /// <summary>The last place already given (a continuation): the page starts after it in the chosen order.</summary>
    public Keyset? After { get; init; }
    public int Limit { get; init; } = 20;
}

/// <summary>An entry's place in a stream: its id and its date (a struct: a page can hold 10,000).</summary>
public readonly record struct StreamRef(long Id, long SortAt);

/// <summary>An entry as an API client receives it: the article, the user's state and the subscription's category (its title in FeedTitle, when they gave one).</summary>
public sealed record ApiItem : Article
{
    public string? Category { get; init; }
    /// <summary>The labels the user put on this entry (filled by the Google Reader API, which shows them).</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];
    public bool IsRead { get; init; }
    public bool IsStarred { get; init; }
}

/// <summary>One subscription's unread count and its newest entry's date, for Google Reader's unread-count.</summary>
public sealed record UnreadCounter
{
    public long FeedId { get; init; }
    public string? Category { get; init; }
    public long Count { get; init; }
    public long NewestSortAt { get; init; }
}

/// <summary>The named queries the client APIs read a user's entries through.</summary>
public static class ItemStream
{
    /// <summary>The ids (with dates) of the entries the filter selects, one page of them.</summary>
    public static async Task<IReadOnlyList<StreamRef>> RefsAsync(DbConnection connection, StreamFilter filter)
    {
        var numbers = await NumbersAsync(connection, filter, withDates: true);
        var refs = new List<StreamRef>(Math.Min(filter.Limit, 1024));
        for (var i = 0; i + 1 < numbers.Count; i += 2)
        {
            refs.Add(new StreamRef(numbers[i], numbers[i + 1]));
        }
        return refs;
    }

    /// <summary>Only the ids the filter selects (Fever's lists of every unread or starred id: 30,000 of them is no rare list).</summary>
    public static async Task<IReadOnlyList<long>> IdsAsync(DbConnection connection, StreamFilter filter) =>
        await NumbersAsync(connection, filter, withDates: false);

    /// <summary>The same ids as <see cref="IdsAsync"/>, separated by commas, in no promised order.</summary>
    public static async Task<string> IdListAsync(DbConnection connection, StreamFilter filter)
    {
        var (page, arguments) = await PageQueryAsync(connection, filter);
        // PostgreSQL joins them too: one row instead of 30,000 took Fever's unread ids from 140–156 to 206–251 requests/s;
        // an aggregate told the page's order sorted them again and lost it all (Fever does not care about the order)
        var joined = connection is Microsoft.Data.Sqlite.SqliteConnection ? Joined(page, withDates: false) : $"SELECT string_agg(p.id::text, ',') FROM ({page}) p";
        return await connection.ExecuteScalarAsync<string?>(joined, arguments) ?? "";
    }

    // the page's ids, each followed by its date when asked
    private static async Task<List<long>> NumbersAsync(DbConnection connection, StreamFilter filter, bool withDates)
    {
        if (WalksEachFeed(connection, filter) && !filter.OldestFirst)
        {
            // newest first, the walk looks at the latest days before it looks at everything (s_dayWindows)
            var anchor = filter.After?.SortAt ?? filter.DatedBefore ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            foreach (var days in s_dayWindows)
            {
                var windowFrom = anchor - days * 86_400;
                if (filter.DatedFrom is { } datedFrom && windowFrom <= datedFrom)
                {
                    break;
                }
                var inWindow = await ReadNumbersAsync(connection, filter, withDates, windowFrom);
                if (inWindow.Count >= (withDates ? 2 : 1) * filter.Limit)
                {
                    return inWindow;
                }
            }
        }
        return await ReadNumbersAsync(connection, filter, withDates, windowFrom: null);
    }

    /// <summary>
    /// PostgreSQL's walk of each feed (a search for words too short for its trigram index) first over the last day, then
    /// the last 8, 64 and 512, then all: a full page within a window is the page, since everything outside it is older. A
    /// word most entries hold fills a page from the last day's few hundred entries, where each of 200 feeds had 51 of its
    /// entries tested (53–90 ms a page, 27 pages/s at 8 connections); a rare one costs at most 8/7 of one whole walk.
    /// </summary>
    private static readonly long[] s_dayWindows = [1, 8, 64, 512];

    private static async Task<List<long>> ReadNumbersAsync(DbConnection connection, StreamFilter filter, bool withDates, long? windowFrom)
    {
        var (page, arguments) = await PageQueryAsync(connection, filter, windowFrom);
        var numbers = new List<long>(Math.Min(withDates ? 2 * filter.Limit : filter.Limit, 2048));
        if (connection is Microsoft.Data.Sqlite.SqliteConnection)
        {
            var joined = await connection.ExecuteScalarAsync<string?>(Joined(page, withDates), arguments);
            if (!string.IsNullOrEmpty(joined))
            {
                foreach (var range in joined.AsSpan().Split(','))
                {
                    numbers.Add(long.Parse(joined.AsSpan(range), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            return numbers;
        }
        // read by hand: a page can be 10,000 rows, and Dapper's mapping cost four times the query. Not joined as on
        // SQLite: PostgreSQL promises no order for an aggregate without its own ORDER BY, and with one it sorted the page
        // again (ids 303–383 → 208–262 requests/s)
        await using var reader = await connection.ExecuteReaderAsync(page, arguments);
        while (await reader.ReadAsync())
        {
            numbers.Add(reader.GetInt64(0));
            if (withDates)
            {
                numbers.Add(reader.GetInt64(1));
            }
        }
        return numbers;
    }

    /// <summary>
    /// SQLite: the page as one string SQLite joins ("id,date,id,date…"). Read row by row, each row cost three native
    /// calls (step, type, value), each with two reference counts on a SafeHandle and SQLite's mutex: most of the CPU of
    /// a request for Fever's 30,000 unread ids. SQLite joins the rows in the order the page delivers them (a subquery
    /// with a LIMIT is never flattened into an aggregate); an ORDER BY inside group_concat would sort them all again in a
    /// temporary b-tree (it halved the requests/s).
    /// </summary>
    private static string Joined(string page, bool withDates) =>
        $"SELECT group_concat({(withDates ? "p.id || ',' || p.sort_at" : "p.id")}, ',') FROM ({page}) p";

    // the page's ids and dates, in its order
    private static async Task<(string Sql, DynamicParameters Arguments)> PageQueryAsync(DbConnection connection, StreamFilter filter, long? windowFrom = null)
    {
        filter = await WithCategoryFeedsAsync(connection, filter);
        var (from, where, arguments) = Where(connection, filter, withPlace: true, await WalksInOrderAsync(connection, filter), await HidesAsync(connection, filter));
        if (windowFrom is not null)
        {
            where += " AND e.sort_at >= @WindowFrom";
            arguments.Add("WindowFrom", windowFrom);
        }
        var direction = filter.OldestFirst ? "ASC" : "DESC";
        var order = filter.ById ? $"e.id {direction}" : $"e.sort_at {direction}, e.id {direction}";
        return (WalksEachFeed(connection, filter)
            ? $"SELECT e.id, e.sort_at FROM subscriptions s CROSS JOIN LATERAL (SELECT e.id, e.sort_at FROM entries e "
                + $"LEFT JOIN entry_states st ON st.user_id = s.user_id AND st.entry_id = e.id WHERE e.feed_id = s.feed_id AND {where} ORDER BY {order} LIMIT @Limit) e "
                + $"WHERE s.user_id = @UserId ORDER BY {order} LIMIT @Limit"
            : $"SELECT e.id, e.sort_at {from} WHERE {where} ORDER BY {order} LIMIT @Limit", arguments);
    }

    /// <summary>
    /// A page of the entries of the user's feeds by id, between the bounds (Fever's items): each feed's first
    /// <paramref name="limit"/> ids from its own index, then the first of those — a cost of feeds × limit, however many
    /// entries the feeds hold (sorting every entry of every feed took most of a second at 100,000).
    /// </summary>
    public static async Task<IReadOnlyList<long>> PageByIdAsync(DbConnection connection, long userId, long? idAbove, long? idBelow, bool oldestFirst, int limit)
    {
        var direction = oldestFirst ? "ASC" : "DESC";
        var bounds = (idAbove is null ? "" : " AND x.id > @idAbove") + (idBelow is null ? "" : " AND x.id < @idBelow")
            + (await EntryRuleStore.HidesAnyAsync(connection, userId) ? " AND " + EntryRuleStore.NotHidden.Replace("e.id", "x.id").Replace("@UserId", "@userId") : "");
        var args = new { userId, idAbove, idBelow, limit };
        if (connection is Microsoft.Data.Sqlite.SqliteConnection)
        {
            // where the user's feeds hold a good share of all entries, walking every entry in id order finds a page within
            // a few hundred rows (at 10%: 500 rows, against 10,000 the other way); SQLite walks its index of (id, feed) so
            // when told to (migration 25: through the table, each row's content was read to learn its feed)
            var (theirs, all) = await connection.QuerySingleAsync<(long, long)>(
                """
                SELECT (SELECT COALESCE(SUM(f.entry_count), 0) FROM subscriptions s JOIN feeds f ON f.id = s.feed_id WHERE s.user_id = @userId),
                       (SELECT COALESCE(SUM(entry_count), 0) FROM feeds)
                """, args);
            if (theirs * 50 >= all)
            {
                return [.. await connection.QueryAsync<long>(
                    $"""
                    SELECT x.id FROM entries x WHERE EXISTS (SELECT 1 FROM subscriptions s WHERE s.user_id = @userId AND s.feed_id = x.feed_id){bounds}
                    ORDER BY x.id {direction} LIMIT @limit
                    """, args)];
            }
        }
        // otherwise each feed's first ids from its own index, then the first of those (PostgreSQL: a LATERAL join; the
        // same as "id IN (subquery)" took it 9 s, testing every entry against every feed)
        return [.. await connection.QueryAsync<long>(connection is Microsoft.Data.Sqlite.SqliteConnection
            ? $"""
              SELECT e.id FROM subscriptions s JOIN entries e ON e.id IN (
                  SELECT x.id FROM entries x WHERE x.feed_id = s.feed_id{bounds} ORDER BY x.id {direction} LIMIT @limit)
              WHERE s.user_id = @userId
              ORDER BY e.id {direction} LIMIT @limit
              """
            : $"""
              SELECT e.id FROM subscriptions s CROSS JOIN LATERAL (
                  SELECT x.id FROM entries x WHERE x.feed_id = s.feed_id{bounds} ORDER BY x.id {direction} LIMIT @limit) e
              WHERE s.user_id = @userId
              ORDER BY e.id {direction} LIMIT @limit
              """, args)];
    }

    /// <summary>How many entries the filter selects in all, whatever its page (Miniflux's <c>total</c>).</summary>
    public static Task<long> CountAsync(DbConnection connection, StreamFilter filter)
    {
        var arguments = Arguments(filter);
        if (UnreadOnly(filter) && filter is { Label: null, SeenSince: null, SeenBefore: null, DatedFrom: null, DatedBefore: null, IdAbove: null, IdBelow: null })
        {
            // every unread entry of a feed or a category: the counters kept on the subscriptions say it
            return connection.ExecuteScalarAsync<long>(
                "SELECT COALESCE(SUM(s.unread_count), 0) FROM subscriptions s WHERE s.user_id = @UserId"
                + (filter.FeedId is null ? "" : " AND s.feed_id = @FeedId") + (filter.CategoryId is null ? "" : " AND s.category_id = @CategoryId"), arguments);
        }
        return CountAllAsync(connection, filter);
    }

    private static async Task<long> CountAllAsync(DbConnection connection, StreamFilter filter)
    {
        filter = await WithCategoryFeedsAsync(connection, filter);
        var (from, where, arguments) = Where(connection, filter, withPlace: false, hides: await HidesAsync(connection, filter));
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) {from} WHERE {where}", arguments);
    }

    // whether the list must test each entry for being hidden by the user's rules: only lists that can hold read entries,
    // and only for a user with any hidden (the test costs a lookup an entry)
    private static async Task<bool> HidesAsync(DbConnection connection, StreamFilter filter) =>
        !UnreadRows(filter) && !filter.StarredOnly && await EntryRuleStore.HidesAnyAsync(connection, filter.UserId);

    /// <summary>
    /// SQLite: walk the list in its order and test each entry until the page is full, rather than read every entry it may
    /// hold and sort them — for a search for a word many entries hold (a common Chinese word: 46 s at a million, read
    /// whole), and for every entry of the user's feeds (all, a category: 27 ms sorting a reader's 100,000 for a page,
    /// 3 ms walking), where those feeds hold a good share of all entries.
    /// </summary>
    private static async Task<bool> WalksInOrderAsync(DbConnection connection, StreamFilter filter)
    {
        if (connection is not Microsoft.Data.Sqlite.SqliteConnection)
        {
            return false;
        }
        if (filter.Search is not { } search)
        {
            // unread rows, one feed and the starred have indexes of their own; a read-only list may be sparse in any order
            return filter is { StarredOnly: false, FeedId: null, Read: null } && await HoldsAGoodShareAsync(connection, filter, forSearch: false);
        }
        if (filter.StarredOnly)
        {
            // a few hundred starred entries are tested faster than the index lists a common word's million
            return true;
        }
        if (await EntrySearch.IndexNarrowsAsync(connection, search))
        {
            return false;
        }
        if (UnreadRows(filter) || filter.FeedId is not null)
        {
            // the user's unread rows, or one feed's entries, in date order: a walk never reads more than they hold
            return true;
        }
        return await HoldsAGoodShareAsync(connection, filter, forSearch: true);
    }

    // every entry in date order: worth walking where the user's feeds (or the category's) hold a good share of them (else a
    // word their feeds lack, or their few entries, would walk them all); a small share is read whole and sorted. Without a
    // search, a page of n walks about n × all / theirs entries and a sort reads theirs: the walk where that is less
    private static async Task<bool> HoldsAGoodShareAsync(DbConnection connection, StreamFilter filter, bool forSearch)
    {
        var (theirs, all) = await connection.QuerySingleAsync<(long, long)>(
            """
            SELECT (SELECT COALESCE(SUM(f.entry_count), 0) FROM subscriptions s JOIN feeds f ON f.id = s.feed_id
                    WHERE s.user_id = @UserId AND (@CategoryId IS NULL OR s.category_id = @CategoryId)),
                   (SELECT COALESCE(SUM(entry_count), 0) FROM feeds)
            """, new { filter.UserId, filter.CategoryId });
        return forSearch ? theirs * 50 >= all : (long)filter.Limit * all <= theirs * theirs;
    }

    private static (string From, string Where, DynamicParameters Arguments) Where(DbConnection connection, StreamFilter filter, bool withPlace, bool walk = false, bool hides = false)
    {
        var (from, where) = walk && filter is { FeedId: null, StarredOnly: false } && !UnreadRows(filter) && !LabelRows(filter)
            // the entries in date order drive (CROSS JOIN keeps SQLite from starting at the subscriptions and sorting all
            // their entries); each is kept when it is of one of the user's feeds
            ? ("FROM entries e CROSS JOIN subscriptions s ON s.feed_id = e.feed_id AND s.user_id = @UserId "
                + "LEFT JOIN entry_states st ON st.user_id = s.user_id AND st.entry_id = e.id", "TRUE")
            : Scope(filter);
        var conditions = new List<string> { where };
        var arguments = Arguments(filter);
        if (hides)
        {
            conditions.Add(EntryRuleStore.NotHidden);
        }
        if (filter.Search is { } search)
        {
            var provider = connection is Microsoft.Data.Sqlite.SqliteConnection ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;
            // a query of no word finds nothing (as the reader's search does), not everything
            conditions.Add(EntrySearch.Condition(provider, search, arguments, byIndex: !walk) ?? "FALSE");
        }
        if (filter.FeedId is not null)
        {
            conditions.Add("e.feed_id = @FeedId");
        }
        if (CategoryFeedsOnly(connection, filter))
        {
            arguments.Add("CategoryFeeds", filter.CategoryFeeds!.ToArray());
            conditions.Add("e.feed_id = ANY(@CategoryFeeds)");
        }
        else if (filter.CategoryId is not null)
        {
            conditions.Add(filter.Label is null ? "s.category_id = @CategoryId" : $"(s.category_id = @CategoryId OR {EntryLabelStore.Labelled})");
        }
        else if (filter.Label is not null && (UnreadRows(filter) || filter.StarredOnly))
        {
            // the other lists of a label start at its rows (Scope)
            conditions.Add(EntryLabelStore.Labelled);
        }
        if (filter.Read is { } read && !UnreadRows(filter))
        {
            conditions.Add(read ? $"({ReaderViews.IsRead})" : $"NOT ({ReaderViews.IsRead})");
        }
        if (filter.SeenSince is not null)
        {
            conditions.Add("e.created_at >= @SeenSince");
        }
        if (filter.SeenBefore is not null)
        {
            conditions.Add("e.created_at < @SeenBefore");
        }
        if (filter.DatedFrom is not null)
        {
            conditions.Add("e.sort_at >= @DatedFrom");
        }
        if (filter.DatedBefore is not null)
        {
            conditions.Add("e.sort_at < @DatedBefore");
        }
        if (filter.IdAbove is not null)
        {
            conditions.Add("e.id > @IdAbove");
        }
        if (filter.IdBelow is not null)
        {
            conditions.Add("e.id < @IdBelow");
        }
        if (withPlace && filter.After is not null)
        {
            var comparison = filter.OldestFirst ? ">" : "<";
            // PostgreSQL ranges an index over a row value, not over the OR (which it filters row by row: 300 ms deep in a
            // list of 100,000 unread, against 0.1 ms)
            conditions.Add(filter.ById ? $"e.id {comparison} @AfterId"
                : connection is Microsoft.Data.Sqlite.SqliteConnection ? $"(e.sort_at {comparison} @AfterSortAt OR (e.sort_at = @AfterSortAt AND e.id {comparison} @AfterId))"
                : $"(e.sort_at, e.id) {comparison} (@AfterSortAt, @AfterId)");
        }
        return (from, string.Join(" AND ", conditions), arguments);
    }

    private static DynamicParameters Arguments(StreamFilter filter) => new(new
    {
        filter.UserId,
        filter.FeedId,
        filter.CategoryId,
        filter.Label,
        filter.SeenSince,
        filter.SeenBefore,
        filter.DatedFrom,
        filter.DatedBefore,
        filter.IdAbove,
        filter.IdBelow,
        AfterSortAt = filter.After?.SortAt ?? 0,
        AfterId = filter.After?.Id ?? 0,
        filter.Limit,
    });

    // the unread entries alone come from unread_entries, whose index answers a page by date or by id without reading
    // the entries (search needs the entries' text)
    private static bool UnreadOnly(StreamFilter filter) => filter is { Read: false, StarredOnly: false, Search: null };

    // unread entries are the user's rows of unread_entries (kept exact by every mark), searched or not
    private static bool UnreadRows(StreamFilter filter) => filter is { Read: false, StarredOnly: false };

    /// <summary>
    /// On PostgreSQL, a category's unread rows are found by its feeds' ids, read first: joined to the subscriptions, it
    /// scanned each feed's rows and sorted them all (150 ms for 25,000 unread), where the ids let it walk the user's rows
    /// in date order and stop at the page (0.2 ms).
    /// </summary>
    private static async Task<StreamFilter> WithCategoryFeedsAsync(DbConnection connection, StreamFilter filter) =>
        connection is Microsoft.Data.Sqlite.SqliteConnection || filter is not { CategoryId: not null, Label: null, CategoryFeeds: null } || !UnreadRows(filter)
            ? filter
            : filter with
            {
                CategoryFeeds = [.. await connection.QueryAsync<long>(
                    "SELECT feed_id FROM subscriptions WHERE user_id = @UserId AND category_id = @CategoryId", new { filter.UserId, filter.CategoryId })],
            };

    private static bool CategoryFeedsOnly(DbConnection connection, StreamFilter filter) =>
        filter.CategoryFeeds is not null && connection is not Microsoft.Data.Sqlite.SqliteConnection && UnreadRows(filter);

    /// <summary>
    /// PostgreSQL, a search of the user's entries (read or not) whose words are all too short for its trigram index: each
    /// feed's entries walked in date order until that feed has a page of hits, then the first page of those. The index
    /// named 400,000 of a million entries for 安全 and the search took 3.5–7 s; walking, 0.1 s (a rare two-character word
    /// walks every entry: 0.6 s).
    /// </summary>
    private static bool WalksEachFeed(DbConnection connection, StreamFilter filter) =>
        connection is not Microsoft.Data.Sqlite.SqliteConnection && filter is { Search: { } search, StarredOnly: false, Label: null, ById: false, FeedId: null }
        && !UnreadRows(filter) && EntrySearch.TrigramsCannotNarrow(search);

    // a label alone (no category of that name), read or not: its rows drive
    private static bool LabelRows(StreamFilter filter) => filter is { Label: not null, CategoryId: null, StarredOnly: false } && !UnreadRows(filter);

    // the user's entries: those of the feeds they subscribe to, or the ones they starred
    private static (string From, string Where) Scope(StreamFilter filter) => LabelRows(filter)
        ? ("FROM entry_labels l JOIN entries e ON e.id = l.entry_id LEFT JOIN subscriptions s ON s.feed_id = e.feed_id AND s.user_id = l.user_id "
            + "LEFT JOIN entry_states st ON st.user_id = l.user_id AND st.entry_id = e.id", "l.user_id = @UserId AND l.label = @Label")
        : UnreadRows(filter)
        ? ((filter.Search is null
                ? "FROM (SELECT entry_id AS id, feed_id, sort_at, created_at FROM unread_entries WHERE user_id = @UserId) e"
                // a search tests each entry's text: joined to the row, still walked in the rows' (user, date) order
                : "FROM (SELECT u.entry_id AS id, u.feed_id, u.sort_at, u.created_at, x.search_text FROM unread_entries u "
                    + "JOIN entries x ON x.id = u.entry_id WHERE u.user_id = @UserId) e")
            + (filter.CategoryId is null || filter.CategoryFeeds is not null ? "" : " JOIN subscriptions s ON s.user_id = @UserId AND s.feed_id = e.feed_id"), "TRUE")
        : filter.StarredOnly
        ? ("FROM entry_states st JOIN entries e ON e.id = st.entry_id LEFT JOIN subscriptions s ON s.feed_id = e.feed_id AND s.user_id = st.user_id",
            "st.user_id = @UserId AND st.is_starred")
        : ("FROM subscriptions s JOIN entries e ON e.feed_id = s.feed_id LEFT JOIN entry_states st ON st.user_id = s.user_id AND st.entry_id = e.id",
            "s.user_id = @UserId");

    /// <summary>
    /// The entries with these ids that the user may read (of a feed they subscribe to, or starred), with their state; ids
    /// of anyone else's entries are left out. In no particular order.
    /// </summary>
    public static async Task<IReadOnlyList<ApiItem>> ItemsAsync(DbConnection connection, long userId, IReadOnlyCollection<long> ids)
    {
        var items = new List<ApiItem>(ids.Count);
        foreach (var chunk in ids.Distinct().Chunk(500))
        {
            items.AddRange(await connection.QueryAsync<ApiItem>(
                $"""
                SELECT e.id AS Id, e.feed_id AS FeedId, e.title AS Title, e.url AS Url, e.author AS Author, e.published_at AS PublishedAt,
                    e.updated_at AS UpdatedAt, e.sort_at AS SortAt, e.created_at AS CreatedAt, e.summary AS Summary, e.content AS Content,
                    e.enclosures AS Enclosures, COALESCE(s.title, f.title, cf.title) AS FeedTitle, f.url AS FeedUrl, f.site_url AS FeedSiteUrl,
                    c.title AS Category, {ReaderViews.IsRead} AS IsRead, COALESCE(st.is_starred, FALSE) AS IsStarred
                FROM entries e JOIN feeds f ON f.id = e.feed_id LEFT JOIN catalog_feeds cf ON cf.feed_id = f.id
                LEFT JOIN subscriptions s ON s.feed_id = e.feed_id AND s.user_id = @userId
                LEFT JOIN categories c ON c.id = s.category_id
                LEFT JOIN entry_states st ON st.user_id = @userId AND st.entry_id = e.id
                WHERE {IdList.In(connection, "e.id", "ids")} AND (s.id IS NOT NULL OR st.is_starred)
                """, new { userId, ids = chunk }));
        }
        return items;
    }

    /// <summary>Each subscription's unread count (kept on the subscription) with its newest entry's date; those with none unread left out.</summary>
    public static async Task<IReadOnlyList<UnreadCounter>> UnreadCountersAsync(DbConnection connection, long userId) =>
        [.. await connection.QueryAsync<UnreadCounter>(
            """
            SELECT s.feed_id AS FeedId, c.title AS Category, s.unread_count AS Count,
                COALESCE((SELECT MAX(e.sort_at) FROM entries e WHERE e.feed_id = s.feed_id), 0) AS NewestSortAt
            FROM subscriptions s LEFT JOIN categories c ON c.id = s.category_id
            WHERE s.user_id = @userId AND s.unread_count > 0
            ORDER BY s.feed_id
            """, new { userId })];

    /// <summary>
    /// The newest entry first seen at or before <paramref name="seenBy"/> (null: the newest of all) among the feeds in
    /// scope: what "mark all as read up to then" marks up to, as ids grow with arrival. 0 when there is none.
    /// </summary>
    public static Task<long> NewestSeenByAsync(DbConnection connection, long userId, long? feedId, long? categoryId, long? seenBy)
    {
        var where = "s.user_id = @userId" + (feedId is null ? "" : " AND s.feed_id = @feedId") + (categoryId is null ? "" : " AND s.category_id = @categoryId")
            + (seenBy is null ? "" : " AND e.created_at <= @seenBy");
        return connection.ExecuteScalarAsync<long>(
            $"SELECT COALESCE(MAX(e.id), 0) FROM subscriptions s JOIN entries e ON e.feed_id = s.feed_id WHERE {where}",
            new { userId, feedId, categoryId, seenBy });
    }

    /// <summary>How many entries the user can read (their feeds' entries, and what they starred elsewhere): Fever's total_items.</summary>
    public static Task<long> CountAsync(DbConnection connection, long userId) =>
        connection.ExecuteScalarAsync<long>(
            """
            SELECT (SELECT COALESCE(SUM(f.entry_count), 0) FROM subscriptions s JOIN feeds f ON f.id = s.feed_id WHERE s.user_id = @userId)
                 + (SELECT COUNT(*) FROM entry_states st JOIN entries e ON e.id = st.entry_id
                    WHERE st.user_id = @userId AND st.is_starred
                      AND NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.user_id = @userId AND s.feed_id = e.feed_id))
            """, new { userId });

    /// <summary>How many entries each of the user's subscriptions holds (the count kept on the feed).</summary>
    public static async Task<IReadOnlyDictionary<long, long>> EntriesPerFeedAsync(DbConnection connection, long userId) =>
        (await connection.QueryAsync<(long FeedId, long Count)>(
            "SELECT s.feed_id, f.entry_count FROM subscriptions s JOIN feeds f ON f.id = s.feed_id WHERE s.user_id = @userId",
            new { userId })).ToDictionary(r => r.FeedId, r => r.Count);
}
