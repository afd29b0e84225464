using System.Globalization;
using System.Text;
using System.Xml;
using Inertia.Reader.Storage;

namespace Inertia.Web.Api.GoogleReader;

/// <summary>
/// The old Atom output, <c>reader/atom/{streamId}?n=N</c>: the same stream as <c>stream/contents</c>, as Atom 1.0 with
/// the same item ids, <c>gr:</c> state categories and a <c>gr:continuation</c>. Debian's newsboat reads its articles only
/// through it (its FeedHQ source).
/// </summary>
public static class AtomStream
{
    private const string Atom = "http://www.w3.org/2005/Atom";
    private const string Gr = "http://www.google.com/schemas/reader/atom/";
    private const string Scheme = "http://www.google.com/reader/";

    public static Task HandleAsync(HttpContext http) => GoogleReaderCall.RunAsync(http, write: false, async call =>
    {
        var streamText = call.RawPathAfter("/reader/atom/") is { Length: > 0 } s ? s : StreamId.ReadingListId;
        var (_, items, continuation) = await Streams.PageAsync(call, streamText, 20, Streams.MaxContents);
        var userId = call.Caller.UserId.ToString(CultureInfo.InvariantCulture);
        var buffer = new MemoryStream();
        await using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Async = true }))
        {
            xml.WriteStartElement("feed", Atom);
            xml.WriteAttributeString("xmlns", "gr", null, Gr);
            xml.WriteElementString("id", Atom, "tag:google.com,2005:reader/" + streamText);
            xml.WriteElementString("title", Atom, items.Count > 0 && streamText.StartsWith("feed/", StringComparison.Ordinal) ? ItemJson.FeedName(items[0]) : streamText);
            xml.WriteElementString("updated", Atom, DateText(call.Now));
            if (continuation is not null)
            {
                xml.WriteElementString("continuation", Gr, continuation);
            }
            foreach (var item in items)
            {
                Entry(xml, item, userId);
            }
            xml.WriteEndElement();
        }
        return Results.Bytes(buffer.ToArray(), "application/atom+xml; charset=utf-8");
    });

    private static void Entry(XmlWriter xml, ApiItem item, string userId)
    {
        xml.WriteStartElement("entry", Atom);
        xml.WriteAttributeString("crawl-timestamp-msec", Gr, (item.CreatedAt * 1000).ToString(CultureInfo.InvariantCulture));
        xml.WriteElementString("id", Atom, ItemId.Long(item.Id));
        Category(xml, $"user/{userId}/state/com.google/reading-list", "reading-list");
        if (item.Category is { } label)
        {
            Category(xml, $"user/{userId}/label/{label}", label);
        }
        if (item.IsRead)
        {
            Category(xml, $"user/{userId}/state/com.google/read", "read");
        }
        if (item.IsStarred)
        {
            Category(xml, $"user/{userId}/state/com.google/starred", "starred");
        }
        xml.WriteStartElement("title", Atom);
        xml.WriteAttributeString("type", "html");
        xml.WriteString(Clean(item.Title ?? ""));
        xml.WriteEndElement();
        xml.WriteElementString("published", Atom, DateText(item.PublishedAt ?? item.SortAt));
        xml.WriteElementString("updated", Atom, DateText(item.UpdatedAt ?? item.PublishedAt ?? item.SortAt));
        if (Shared.SafeUrl.Http(item.Url) is { } url)
        {
            xml.WriteStartElement("link", Atom);
            xml.WriteAttributeString("rel", "alternate");
            xml.WriteAttributeString("href", url);
            xml.WriteAttributeString("type", "text/html");
            xml.WriteEndElement();
        }
        xml.WriteStartElement(item.Content is null ? "summary" : "content", Atom);
        xml.WriteAttributeString("type", "html");
        xml.WriteString(Clean(item.Content ?? item.Summary ?? ""));
        xml.WriteEndElement();
        if (!string.IsNullOrWhiteSpace(item.Author))
        {
            xml.WriteStartElement("author", Atom);
            xml.WriteElementString("name", Atom, Clean(item.Author));
            xml.WriteEndElement();
        }
        xml.WriteStartElement("source", Atom);
        xml.WriteAttributeString("stream-id", Gr, StreamId.ForFeed(item.FeedId));
        xml.WriteElementString("id", Atom, "tag:google.com,2005:reader/" + StreamId.ForFeed(item.FeedId));
        xml.WriteElementString("title", Atom, Clean(ItemJson.FeedName(item)));
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void Category(XmlWriter xml, string term, string label)
    {
        xml.WriteStartElement("category", Atom);
        xml.WriteAttributeString("term", Clean(term));
        xml.WriteAttributeString("scheme", Scheme);
        xml.WriteAttributeString("label", Clean(label));
        xml.WriteEndElement();
    }

    private static string DateText(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    // characters XML 1.0 cannot carry (stored text is valid UTF-16, but may hold control characters)
    private static string Clean(string text) =>
        text.Any(c => c < 0x20 && c is not '\t' and not '\n' and not '\r' || c is '\uFFFE' or '\uFFFF')
            ? new string([.. text.Where(c => !(c < 0x20 && c is not '\t' and not '\n' and not '\r' || c is '\uFFFE' or '\uFFFF'))])
            : text;
}
