using System.Buffers;
using System.Text;
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
        var first = ParseDocument(document, options, checkUtf8Later: true);
        // text read as UTF-8 that was not: the label was wrong, so read the document again in the encoding it is really in
        return first.Retry ? ParseDocument(document, options, checkUtf8Later: false).Result : first.Result;
    }

    private static (FeedParseResult Result, bool Retry) ParseDocument(ReadOnlyMemory<byte> document, FeedParseOptions options, bool checkUtf8Later)
    {
        var pre = new ParseDiagnostics(null, options.Limits.MaxWarnings);
        var (utf8, rented, uncheckedUtf8) = DocumentDecoder.DecodeToUtf8(document, options.ContentType, pre, checkUtf8Later);
        try
        {
            // every string of the result is decoded out of the bytes, so a rented buffer can go back afterwards
            var diagnostics = ParseDiagnostics.ForUtf8(utf8, options.Limits.MaxWarnings);
            var result = ParseUtf8(utf8, options, pre.Warnings, diagnostics);
            return (result, uncheckedUtf8 && diagnostics.SawInvalidUtf8);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Parses a document that is already text.</summary>
    public static FeedParseResult ParseText(string text, FeedParseOptions? options = null)
    {
        options ??= FeedParseOptions.Default;
        var utf8 = Encoding.UTF8.GetBytes(text);
        return ParseUtf8(utf8, options, null, ParseDiagnostics.ForUtf8(utf8, options.Limits.MaxWarnings));
    }

    private static FeedParseResult ParseUtf8(ReadOnlyMemory<byte> utf8, FeedParseOptions options, IReadOnlyList<string>? earlierWarnings, ParseDiagnostics diagnostics)
    {
        foreach (var w in earlierWarnings ?? [])
        {
            diagnostics.WarnAtLine(null, w);
        }
        var first = FirstSignificant(utf8.Span);
        if (first < 0)
        {
            return FeedParseResult.Failure("document is empty");
        }
        FeedParseResult result;
        if (utf8.Span[first] is (byte)'{' or (byte)'[')
        {
            result = JsonFeedAdapter.Read(Utf8Text.ToString(utf8.Span, diagnostics), options, diagnostics);
        }
        else
        {
            var doc = LenientXmlDocument.Parse(utf8, diagnostics, options.Limits);
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
                // some blog engines serve the feed inside an XHTML page: read it where it stands
                return FeedInside(root) is { } inner
                    ? FromXml(ctx, inner)
                    : FeedParseResult.Failure("document is an HTML page, not a feed; discover its feeds instead");
            default:
                return FeedParseResult.Failure($"document root <{ctx.Doc.QualifiedName(root)}> is not a feed (expected rss, rdf:RDF or feed)");
        }
    }

    /// <summary>The first feed root (Atom feed, rss, rdf:RDF) inside a page, depth first; null when there is none.</summary>
    private static XmlElementNode? FeedInside(XmlElementNode page)
    {
        var pending = new Stack<XmlElementNode>();
        pending.Push(page);
        while (pending.Count > 0)
        {
            var e = pending.Pop();
            if (e != page && (e.LocalName is "rss" or "RDF" || (e.LocalName == "feed" && (e.Namespace.Length == 0 || Parsing.Extensions.AtomLinks.IsAtom(e.Namespace)))))
            {
                return e;
            }
            // children pushed last first, so that the first of them is looked at first
            var children = new List<XmlElementNode>(e.Elements());
            for (var i = children.Count - 1; i >= 0; i--)
            {
                pending.Push(children[i]);
            }
        }
        return null;
    }

    private static int FirstSignificant(ReadOnlySpan<byte> utf8)
    {
        var i = 0;
        while (i < utf8.Length)
        {
            if (Rune.DecodeFromUtf8(utf8[i..], out var rune, out var length) != OperationStatus.Done
                || !(Rune.IsWhiteSpace(rune) || rune.Value == 0xFEFF))
            {
                return i;
            }
            i += length;
        }
        return -1;
    }
}
