using System.Text.Json;
using Inertia.Feeds.Dates;
using Inertia.Feeds.Model;
using Inertia.Feeds.Parsing.Extensions;
using Inertia.Feeds.Text;
using Inertia.Feeds.Urls;

namespace Inertia.Feeds.Parsing.Json;

/// <summary>Reads JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), tolerating comments, trailing commas and wrong value types.</summary>
internal static class JsonFeedAdapter
{
    private static readonly JsonDocumentOptions s_options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    /// <summary>
    /// Reads a JSON document straight from UTF-8 bytes; null when the bytes are not a well-formed UTF-8 JSON object
    /// (XML, another encoding, broken JSON), which the text path then handles with its recovery.
    /// </summary>
    public static FeedParseResult? TryReadUtf8(ReadOnlyMemory<byte> document, FeedParseOptions options)
    {
        var bytes = document.Span;
        var start = 0;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            start = 3;
        }
        while (start < bytes.Length && bytes[start] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            start++;
        }
        // JsonDocument does not check the UTF-8 inside strings until they are read: check it here, or leave it to the text path
        if (start >= bytes.Length || bytes[start] != (byte)'{' || !System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return null;
        }
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(document[start..], s_options);
        }
        catch (JsonException)
        {
            return null;
        }
        var diagnostics = new ParseDiagnostics(null, options.Limits.MaxWarnings);
        var result = FromDocument(doc, options, diagnostics);
        return result.Feed is null ? result : FeedParseResult.Success(result.Feed with { Warnings = diagnostics.Warnings });
    }

    public static FeedParseResult Read(string text, FeedParseOptions options, ParseDiagnostics diagnostics)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, s_options);
        }
        catch (JsonException ex)
        {
            var salvaged = JsonSalvage.TryRepair(text);
            if (salvaged is null)
            {
                return FeedParseResult.Failure($"not valid JSON: {ex.Message}");
            }
            diagnostics.WarnAtLine((int?)ex.LineNumber + 1, $"JSON is broken ({ex.Message}); complete items before the break were recovered");
            try
            {
                doc = JsonDocument.Parse(salvaged, s_options);
            }
            catch (JsonException)
            {
                return FeedParseResult.Failure($"not valid JSON: {ex.Message}");
            }
        }
        return FromDocument(doc, options, diagnostics);
    }

    private static FeedParseResult FromDocument(JsonDocument doc, FeedParseOptions options, ParseDiagnostics diagnostics)
    {
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return FeedParseResult.Failure("JSON document is not a JSON Feed (its root is not an object)");
            }
            var version = Str(root, "version");
            if (version is null && !root.TryGetProperty("items", out _))
            {
                return FeedParseResult.Failure("JSON document is not a JSON Feed (no version and no items)");
            }
            var docUrl = options.DocumentUrl;
            var siteUrl = UrlResolver.Resolve(Str(root, "home_page_url"), docUrl);
            var baseUrl = docUrl ?? siteUrl;
            var feedAuthor = Authors(root);
            var entries = new EntryList(diagnostics, options.Limits.MaxEntries);
            if (root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var item in items.EnumerateArray())
                {
                    index++;
                    if (entries.IsFull)
                    {
                        entries.WarnFull(null);
                        break;
                    }
                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        diagnostics.WarnAtLine(null, $"item {index} is not an object and was skipped");
                        continue;
                    }
                    entries.Add(ReadItem(item, baseUrl, feedAuthor, diagnostics, index), null);
                }
            }
            var hubs = new List<string>();
            if (root.TryGetProperty("hubs", out var hubList) && hubList.ValueKind == JsonValueKind.Array)
            {
                foreach (var h in hubList.EnumerateArray())
                {
                    var u = UrlResolver.Resolve(h.ValueKind == JsonValueKind.Object ? Str(h, "url") : null, baseUrl);
                    if (u is not null)
                    {
                        hubs.Add(u);
                    }
                }
            }
            return FeedParseResult.Success(new ParsedFeed
            {
                Format = FeedFormat.Json,
                Version = VersionOf(version),
                Title = PlainText.FromHtml(Str(root, "title")),
                SiteUrl = siteUrl,
                FeedUrl = UrlResolver.Resolve(Str(root, "feed_url"), baseUrl),
                Description = PlainText.FromHtml(Str(root, "description")),
                Language = Str(root, "language"),
                IconUrl = UrlResolver.Resolve(Str(root, "icon") ?? Str(root, "favicon"), baseUrl),
                Hubs = hubs,
                NextUrl = UrlResolver.Resolve(Str(root, "next_url"), baseUrl),
                Entries = entries.ToList(),
            });
        }
    }

    private static string? VersionOf(string? version) => version?.TrimEnd('/') switch
    {
        null => null,
        var v when v.EndsWith("/version/1", StringComparison.Ordinal) => "1.0",
        var v when v.EndsWith("/version/1.1", StringComparison.Ordinal) => "1.1",
        var v => v[(v.LastIndexOf('/') + 1)..],
    };

    private static ParsedEntry ReadItem(JsonElement item, string? baseUrl, string? feedAuthor, ParseDiagnostics diagnostics, int index)
    {
        var d = new EntryDraft { BaseUrl = baseUrl };
        d.Id = Str(item, "id");
        d.Url = Str(item, "url") ?? Str(item, "external_url");
        d.Title = PlainText.FromHtml(Str(item, "title"));
        var html = Str(item, "content_html");
        var text = Str(item, "content_text");
        d.Content = html ?? (text is null ? null : MediaRss.PlainToHtml(text));
        var summary = Str(item, "summary");
        d.Summary = summary is null ? null : MediaRss.PlainToHtml(summary);
        d.Published = Date(item, "date_published", diagnostics, index);
        d.Updated = Date(item, "date_modified", diagnostics, index);
        d.Author = Authors(item) ?? feedAuthor;
        d.ImageUrl = Str(item, "image") ?? Str(item, "banner_image");
        if (item.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array)
        {
            foreach (var t in tags.EnumerateArray())
            {
                d.AddCategory(JsonText.Of(t));
            }
        }
        if (item.TryGetProperty("attachments", out var atts) && atts.ValueKind == JsonValueKind.Array)
        {
            foreach (var a in atts.EnumerateArray())
            {
                if (a.ValueKind == JsonValueKind.Object)
                {
                    d.AddEnclosure(Str(a, "url"), Str(a, "mime_type"), Long(a, "size_in_bytes"));
                }
            }
        }
        return d.Finish();
    }

    private static DateTimeOffset? Date(JsonElement item, string name, ParseDiagnostics diagnostics, int index)
    {
        var s = Str(item, name);
        if (s is null)
        {
            return null;
        }
        var d = FeedDate.Parse(s);
        if (d is null)
        {
            diagnostics.WarnAtLine(null, $"item {index}: unreadable date '{FeedContext.Shorten(s)}' in {name}");
        }
        return d;
    }

    /// <summary>JSON Feed 1.1 "authors", or 1.0 "author": the first name given.</summary>
    private static string? Authors(JsonElement e)
    {
        var names = new DistinctTexts();
        if (e.TryGetProperty("authors", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var a in list.EnumerateArray())
            {
                AddAuthor(a, ref names);
            }
        }
        if (names.First is null && e.TryGetProperty("author", out var one))
        {
            AddAuthor(one, ref names);
        }
        return names.First;
    }

    private static void AddAuthor(JsonElement a, ref DistinctTexts names)
    {
        var name = a.ValueKind switch
        {
            JsonValueKind.Object => Str(a, "name"),
            JsonValueKind.String => JsonText.Of(a),
            _ => null,
        };
        names.Add(PlainText.FromText(name));
    }

    /// <summary>A string property; numbers are accepted as their text (ids are often numbers), anything else is null.</summary>
    private static string? Str(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v))
        {
            return null;
        }
        var s = v.ValueKind switch
        {
            JsonValueKind.String => JsonText.Of(v),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(s) ? null : s;
    }

    private static long? Long(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) && n >= 0 ? n
        : e.TryGetProperty(name, out v) && v.ValueKind == JsonValueKind.String ? FeedContext.Long(JsonText.Of(v)) : null;
}
