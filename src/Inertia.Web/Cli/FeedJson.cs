using System.Text.Json;
using Inertia.Feeds.Discovery;
using Inertia.Feeds.Model;

namespace Inertia.Web.Cli;

/// <summary>Writes parsed feeds in the JSON shape of the `inertia parse` contract (dates ISO 8601 UTC with Z, unknowns null).</summary>
public static class FeedJson
{
    public static void WriteFeed(Utf8JsonWriter w, string file, ParsedFeed feed)
    {
        w.WriteStartObject();
        w.WriteString("file", file);
        w.WriteString("format", feed.Format.ToString().ToLowerInvariant());
        w.WriteString("version", feed.Version);
        w.WriteString("title", feed.Title);
        w.WriteString("siteUrl", feed.SiteUrl);
        w.WriteString("feedUrl", feed.FeedUrl);
        w.WriteString("description", feed.Description);
        w.WriteString("language", feed.Language);
        w.WriteString("iconUrl", feed.IconUrl);
        WriteDate(w, "published", feed.Published);
        WriteDate(w, "updated", feed.Updated);
        WriteStrings(w, "hubs", feed.Hubs);
        w.WriteStartArray("entries");
        foreach (var e in feed.Entries)
        {
            w.WriteStartObject();
            w.WriteString("id", e.Id);
            w.WriteString("key", e.Key);
            w.WriteString("url", e.Url);
            w.WriteString("title", e.Title);
            w.WriteString("author", e.Author);
            WriteDate(w, "published", e.Published);
            WriteDate(w, "updated", e.Updated);
            w.WriteString("summary", e.Summary);
            w.WriteString("content", e.Content);
            WriteStrings(w, "categories", e.Categories);
            w.WriteString("imageUrl", e.ImageUrl);
            w.WriteStartArray("enclosures");
            foreach (var enc in e.Enclosures)
            {
                w.WriteStartObject();
                w.WriteString("url", enc.Url);
                w.WriteString("mimeType", enc.MimeType);
                if (enc.Length is long l)
                {
                    w.WriteNumber("length", l);
                }
                else
                {
                    w.WriteNull("length");
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        WriteStrings(w, "warnings", feed.Warnings);
        w.WriteEndObject();
    }

    public static void WriteError(Utf8JsonWriter w, string file, string error)
    {
        w.WriteStartObject();
        w.WriteString("file", file);
        w.WriteString("error", error);
        w.WriteEndObject();
    }

    public static void WriteDiscovered(Utf8JsonWriter w, IReadOnlyList<DiscoveredFeed> feeds)
    {
        w.WriteStartArray();
        foreach (var f in feeds)
        {
            w.WriteStartObject();
            w.WriteString("url", f.Url);
            w.WriteString("title", f.Title);
            w.WriteString("type", f.Type);
            w.WriteBoolean("candidate", f.IsCandidate);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>ISO 8601 in UTC ending in Z; fractions of a second only when there are any.</summary>
    public static string FormatDate(DateTimeOffset d)
    {
        var utc = d.UtcDateTime;
        return utc.Ticks % TimeSpan.TicksPerSecond == 0
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void WriteDate(Utf8JsonWriter w, string name, DateTimeOffset? d)
    {
        if (d is DateTimeOffset v)
        {
            w.WriteString(name, FormatDate(v));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }
        w.WriteEndArray();
    }
}
