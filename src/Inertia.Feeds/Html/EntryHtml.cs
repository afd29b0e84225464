using Inertia.Feeds.Model;

namespace Inertia.Feeds.Html;

/// <summary>The expensive half of parsing: sanitizes and absolutizes an entry's summary and content. Run it only on new or changed entries.</summary>
public static class EntryHtml
{
    public static ParsedEntry Sanitize(ParsedEntry entry, ArticleSanitizer? sanitizer = null)
    {
        if (entry.IsSanitized)
        {
            return entry;
        }
        sanitizer ??= ArticleSanitizer.Default;
        return entry with
        {
            Summary = sanitizer.Sanitize(entry.Summary, entry.ContentBaseUrl),
            Content = sanitizer.Sanitize(entry.Content, entry.ContentBaseUrl),
            IsSanitized = true,
        };
    }

    public static ParsedFeed Sanitize(ParsedFeed feed, ArticleSanitizer? sanitizer = null) =>
        feed with { Entries = [.. feed.Entries.Select(e => Sanitize(e, sanitizer))] };
}
