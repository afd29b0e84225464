using System.Text.Json;
using Inertia.Feeds.Model;

namespace Inertia.Reader.Storage;

/// <summary>
/// One entry as the entries table stores it, every value computed (search text, JSON lists) before the writer is entered:
/// on SQLite the writer is one thread for the whole process, so it must only write.
/// </summary>
public sealed record EntryRow(
    long FeedId, string Key, string? Url, string? Title, string? Author, long? Published, long? Updated, string? Summary,
    string? Content, string? ImageUrl, string? Categories, string? Enclosures, byte[] Hash, long Now, string SearchText, string? Terms)
{
    private const int MaxSearchText = 32 * 1024;

    /// <summary>The row for an entry; <paramref name="withTerms"/> also computes what SQLite's word index is given.</summary>
    public static EntryRow From(long feedId, ParsedEntry e, byte[] hash, long now, bool withTerms)
    {
        var text = SearchTextOf(e);
        return new(
            feedId, e.Key, e.Url, e.Title, e.Author, e.Published?.ToUnixTimeSeconds(), e.Updated?.ToUnixTimeSeconds(), e.Summary, e.Content,
            e.ImageUrl,
            e.Categories.Count == 0 ? null : JsonSerializer.Serialize(e.Categories),
            e.Enclosures.Count == 0 ? null : JsonSerializer.Serialize(e.Enclosures),
            hash, now, text, withTerms ? SearchTerms.Index(text) : null);
    }

    /// <summary>What search looks in: title, author and the text (not the markup) of the content, capped, lowercased.</summary>
    public static string SearchTextOf(ParsedEntry e)
    {
        var text = string.Join(' ', e.Title, e.Author, Feeds.Text.PlainText.FromHtml(e.Content ?? e.Summary));
        return (text.Length > MaxSearchText ? text[..MaxSearchText] : text).ToLowerInvariant();
    }
}
