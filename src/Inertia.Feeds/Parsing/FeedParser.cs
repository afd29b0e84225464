using System.Buffers;
using Inertia.Feeds.Charsets;
using Inertia.Feeds.Model;
using Inertia.Feeds.Parsing.Atom;
using Inertia.Feeds.Parsing.Json;
using Inertia.Feeds.Parsing.Rss;
using Inertia.Feeds.Text;
using Inertia.Feeds.Xml;

namespace Inertia.Feeds.Parsing;

/// <summary>
/// Reads any feed document (RSS, RDF, Atom, JSON Feed) from its bytes into a <see cref="ParsedFeed"/> with raw entry HTML.
/// Sanitizing is a separate, more expensive step (<see cref="Html.EntryHtml"/>) so that it can be run only on new or changed entries.
/// Document content never makes this throw: problems become warnings, and a document that is no feed at all becomes an error value.
/// </summary>
public static class FeedParser
{
    public static FeedParseResult Parse(ReadOnlyMemory<byte> document, FeedParseOptions? options = null)
    {
        options ??= FeedParseOptions.Default;
        var bytes = document.Span;
        if (bytes.Length > options.Limits.MaxDocumentBytes)
        {
            return FeedParseResult.Failure($"document is {bytes.Length} bytes, over the limit of {options.Limits.MaxDocumentBytes}");
        }
        // JSON is UTF-8 by definition (RFC 8259): read it from the bytes, without a detour through a string
        var json = JsonFeedAdapter.TryReadUtf8(document, options);
        if (json is not null)
        {
            return json;
        }
        var pre = new ParseDiagnostics(null, options.Limits.MaxWarnings);
        var (buffer, length) = DocumentDecoder.DecodeToPooledBuffer(bytes, options.ContentType, pre);
        try
        {
            // every string of the result is copied out of the buffer, so it can go back to the pool afterwards
            return ParseChars(buffer.AsMemory(0, length), options, pre.Warnings);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Parses a document that is already text.</summary>
    public static FeedParseResult ParseText(string text, FeedParseOptions? options = null) =>
        ParseChars(text.AsMemory(), options ?? FeedParseOptions.Default, null);

    private static FeedParseResult ParseChars(ReadOnlyMemory<char> text, FeedParseOptions options, IReadOnlyList<string>? earlierWarnings)
    {
        var diagnostics = new ParseDiagnostics(text, options.Limits.MaxWarnings);
        foreach (var w in earlierWarnings ?? [])
        {
            diagnostics.WarnAtLine(null, w);
        }
        var first = FirstSignificant(text.Span);
        if (first < 0)
        {
            return FeedParseResult.Failure("document is empty");
        }
        FeedParseResult result;
        if (text.Span[first] is '{' or '[')
        {
            result = JsonFeedAdapter.Read(new string(text.Span), options, diagnostics);
        }
        else
        {
            var doc = LenientXmlDocument.Parse(text, diagnostics, options.Limits);
            result = FromXml(new FeedContext(doc, options), doc.Root);
        }
        return result.Feed is null ? result : FeedParseResult.Success(result.Feed with { Warnings = diagnostics.Warnings });
    }

    private static FeedParseResult FromXml(FeedContext ctx, XmlElementNode? root)
    {
        if (root is null)
        {
            return FeedParseResult.Failure("document has no XML element: not a feed");
        }
        switch (root.LocalName.ToLowerInvariant())
        {
            case "rss":
            case "rdf":
            case "channel":
                return FeedParseResult.Success(RssAdapter.Read(ctx, root));
            case "feed":
                return FeedParseResult.Success(AtomAdapter.Read(ctx, root));
            case "html":
                return FeedParseResult.Failure("document is an HTML page, not a feed; discover its feeds instead");
            default:
                return FeedParseResult.Failure($"document root <{root.QualifiedName}> is not a feed (expected rss, rdf:RDF or feed)");
        }
    }

    private static int FirstSignificant(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsWhiteSpace(text[i]) && text[i] != '\uFEFF')
            {
                return i;
            }
        }
        return -1;
    }
}
