using System.Globalization;
using Inertia.Reader.Storage;
using Microsoft.AspNetCore.WebUtilities;

namespace Inertia.Web.Reader;

/// <summary>Which entries a list of the reader shows.</summary>
public enum ReaderShow
{
    Unread,
    All,
    Starred,
}

/// <summary>
/// One list of the reader, as its address says it: unread (the default), all or starred entries; of every feed, one feed
/// or one category; matching a search; newest or oldest first. `/reader?show=starred&amp;feed=3&amp;order=oldest`.
/// </summary>
public sealed record ReaderView
{
    public ReaderShow Show { get; init; } = ReaderShow.Unread;
    public long? FeedId { get; init; }
    public long? CategoryId { get; init; }
    /// <summary>The search, trimmed; null when there is none.</summary>
    public string? Query { get; init; }
    public bool OldestFirst { get; init; }
    /// <summary>Only entries dated on or after this day, and on or before <see cref="Until"/>, in <see cref="Zone"/>.</summary>
    public DateOnly? Since { get; init; }
    public DateOnly? Until { get; init; }
    /// <summary>The reader's time zone, in which the days of <see cref="Since"/> and <see cref="Until"/> begin and end.</summary>
    public TimeZoneInfo Zone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Whether the list is narrowed by a search or a date range (then it is no place to mark all read).</summary>
    public bool IsNarrowed => Query is not null || Since is not null || Until is not null;

    /// <summary>The view a query string names; what it cannot read is left at its default (never an error).</summary>
    public static ReaderView From(IQueryCollection query, TimeZoneInfo zone)
    {
        var search = query["q"].ToString().Trim();
        var show = query["show"].ToString() switch
        {
            "all" => ReaderShow.All,
            "starred" => ReaderShow.Starred,
            "unread" => ReaderShow.Unread,
            // a search looks through everything unless told otherwise, as Miniflux's does
            _ => search.Length > 0 ? ReaderShow.All : ReaderShow.Unread,
        };
        return new ReaderView
        {
            Show = show,
            FeedId = Id(query["feed"]),
            // one feed or one category: a feed names its own place
            CategoryId = Id(query["feed"]) is null ? Id(query["category"]) : null,
            Query = search.Length > 0 ? (search.Length > 200 ? search[..200] : search) : null,
            OldestFirst = query["order"] == "oldest",
            Since = Day(query["since"]),
            Until = Day(query["until"]),
            Zone = zone,
        };
    }

    /// <summary>The view an address of the reader names (a saved view's, `/reader?q=…`).</summary>
    public static ReaderView FromAddress(string address, TimeZoneInfo zone)
    {
        var at = address.IndexOf('?', StringComparison.Ordinal);
        return From(new QueryCollection(QueryHelpers.ParseQuery(at < 0 ? "" : address[at..])), zone);
    }

    /// <summary>What the storage is asked for: one page after <paramref name="after"/>.</summary>
    public StreamFilter Filter(long userId, Keyset? after, int limit) => new()
    {
        UserId = userId,
        FeedId = FeedId,
        CategoryId = CategoryId,
        StarredOnly = Show == ReaderShow.Starred,
        Read = Show == ReaderShow.Unread ? false : null,
        Search = Query,
        DatedFrom = Since is { } since ? Start(since) : null,
        DatedBefore = Until is { } until ? Start(until.AddDays(1)) : null,
        OldestFirst = OldestFirst,
        After = after,
        Limit = limit,
    };

    /// <summary>The address of this view (or of it shown otherwise), starting from its first page unless <paramref name="after"/> says.</summary>
    public string Link(Keyset? after = null) => Address("/reader", this, after);

    /// <summary>An entry's address within this view, so that its previous and next are this view's (and a form's handler on it).</summary>
    public string EntryLink(long entryId, string? handler = null)
    {
        var link = Address($"/reader/entries/{entryId.ToString(CultureInfo.InvariantCulture)}", this);
        return handler is null ? link : QueryHelpers.AddQueryString(link, "handler", handler);
    }

    /// <summary>The address a form posts to for one of the list page's handlers (it keeps the view).</summary>
    public string Handler(string handler) => QueryHelpers.AddQueryString(Link(), "handler", handler);

    public string With(ReaderShow show) => Address("/reader", this with { Show = show });

    public string Ordered(bool oldestFirst) => Address("/reader", this with { OldestFirst = oldestFirst });

    private static string Address(string path, ReaderView view, Keyset? after = null)
    {
        var query = new List<KeyValuePair<string, string?>>();
        // unread is the default without a search, all with one: only the other choices are written
        var defaultShow = view.Query is null ? ReaderShow.Unread : ReaderShow.All;
        if (view.Show != defaultShow)
        {
            query.Add(new("show", view.Show.ToString().ToLowerInvariant()));
        }
        if (view.FeedId is { } feed)
        {
            query.Add(new("feed", feed.ToString(CultureInfo.InvariantCulture)));
        }
        if (view.CategoryId is { } category)
        {
            query.Add(new("category", category.ToString(CultureInfo.InvariantCulture)));
        }
        if (view.Query is { } q)
        {
            query.Add(new("q", q));
        }
        if (view.OldestFirst)
        {
            query.Add(new("order", "oldest"));
        }
        if (view.Since is { } since)
        {
            query.Add(new("since", since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }
        if (view.Until is { } until)
        {
            query.Add(new("until", until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }
        if (after is { } place)
        {
            query.Add(new("after", place.ToString()));
        }
        return QueryHelpers.AddQueryString(path, query);
    }

    // the first second of the day where the reader lives
    private long Start(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUnixTimeSeconds();
    }

    private static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static long? Id(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
}
