using System.Text.Json;
using Inertia.Feeds.Model;
using Inertia.Feeds.Text;
using Inertia.Reader.Chinese;

namespace Inertia.Reader.Storage;

/// <summary>
/// One entry as the entries table stores it, every value computed (search text, JSON lists) before the writer is entered:
/// on SQLite the writer is one thread for the whole process, so it must only write.
/// </summary>
public sealed record EntryRow(
    long FeedId, string Key, string? Url, string? Title, string? Author, long? Published, long? Updated, string? Summary,
    string? Content, string? ImageUrl, string? Categories, string? Enclosures, byte[] Hash, long Now, string SearchText, string? Terms, string? Excerpt)
{
    private const int MaxExcerpt = 300;

    /// <summary>What makes it the same story as an entry of another feed (<see cref="Feeds.Urls.StoryKey"/>: its address, else its title and the start of its text), hashed.</summary>
    public long? StoryHash { get; } = Feeds.Urls.StoryKey.Hash(Feeds.Urls.StoryKey.Of(Url, Title, Excerpt));

    /// <summary>The date lists sort by: published, unless later than now (a date in the future), else now.</summary>
    public long SortAt => Published is { } p && p < Now ? p : Now;

    private const int MaxSearchText = 32 * 1024;

    /// <summary>The row for an entry; <paramref name="withTerms"/> also computes what SQLite's word index is given.</summary>
    public static EntryRow From(long feedId, ParsedEntry e, byte[] hash, long now, bool withTerms)
    {
        var text = SearchTextOf(e);
        // every text valid UTF-16 (PostgreSQL refuses a lone surrogate, and one would fail the feed on every fetch)
        return new(
            feedId, Valid(e.Key)!, Valid(e.Url), Valid(e.Title), Valid(e.Author), e.Published?.ToUnixTimeSeconds(), e.Updated?.ToUnixTimeSeconds(),
            Valid(e.Summary), Valid(e.Content), Valid(e.ImageUrl),
            e.Categories.Count == 0 ? null : JsonSerializer.Serialize(e.Categories.Select(Valid)),
            e.Enclosures.Count == 0 ? null : JsonSerializer.Serialize(e.Enclosures.Select(x => x with { Url = Valid(x.Url)!, MimeType = Valid(x.MimeType) })),
            hash, now, text, withTerms ? SearchTerms.Index(text) : null, ExcerptOf(e));
    }

    /// <summary>
    /// What search looks in: title, author and the text (not the markup) of the content, capped, lowercased, followed by its
    /// Simplified forms where it has Han characters and OpenCC is installed (<see cref="SearchForms"/>).
    /// </summary>
    public static string SearchTextOf(ParsedEntry e) => SearchTextOf(e, SearchForms.Converter);

    /// <summary>The same with the given converter (none: the text alone).</summary>
    public static string SearchTextOf(ParsedEntry e, OpenCc? converter)
    {
        var text = string.Join(' ', e.Title, e.Author, Feeds.Text.PlainText.FromHtml(e.Content ?? e.Summary));
        return SearchForms.Of(Valid(Utf16Text.Cut(text, MaxSearchText))!.ToLowerInvariant(), converter);
    }

    private static string? Valid(string? text) => Utf16Text.WithoutLoneSurrogates(text);

    /// <summary>The start of the entry's text as written, for lists: its summary's, else its content's.</summary>
    public static string? ExcerptOf(ParsedEntry e)
    {
        var text = Feeds.Text.PlainText.FromHtml(e.Summary ?? e.Content);
        return string.IsNullOrEmpty(text) ? null : Valid(Utf16Text.Cut(text, MaxExcerpt));
    }
}
