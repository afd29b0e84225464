using System.Buffers;
using System.Text;
using Inertia.Feeds.Model;
using Inertia.Feeds.Text;

namespace Inertia.Feeds.Xml;

/// <summary>
/// A light element tree built by <see cref="LenientXmlTokenizer"/>, repairing what real feeds break:
/// unclosed and mismatched tags, undeclared prefixes, junk around the root, truncation. The source is UTF-8; text is decoded
/// (references and UTF-8 in one pass) only when asked for.
/// </summary>
public sealed class LenientXmlDocument
{
    private readonly NameTable _names = new();

    private readonly ArraySegment<byte> _bytes;

    private LenientXmlDocument(ReadOnlyMemory<byte> source, ParseDiagnostics diagnostics)
    {
        Source = source;
        _bytes = SourceBytes.Segment(source);
        Diagnostics = diagnostics;
    }

    /// <summary>The document's bytes (see <see cref="Source"/>), as a span.</summary>
    public ReadOnlySpan<byte> Utf8 => _bytes.AsSpan();

    /// <summary>The document as UTF-8; it may be a pooled buffer, valid only while the parse that made this tree runs.</summary>
    public ReadOnlyMemory<byte> Source { get; }
    public ParseDiagnostics Diagnostics { get; }
    public XmlElementNode? Root { get; private set; }
    public int MaxFieldLength { get; private set; } = FeedLimits.Default.MaxFieldLength;

    public static LenientXmlDocument Parse(ReadOnlyMemory<byte> source, ParseDiagnostics diagnostics, FeedLimits? limits = null)
    {
        limits ??= FeedLimits.Default;
        var doc = new LenientXmlDocument(source, diagnostics) { MaxFieldLength = limits.MaxFieldLength };
        doc.Build(limits.MaxDepth);
        return doc;
    }

    // HTML void elements that feeds paste unescaped into descriptions; they never enclose anything
    private static bool IsVoid(string name) => name.Length <= 5 && name switch
    {
        "br" or "img" or "hr" or "wbr" or "embed" or "col" or "area" or "param" or "input" or "BR" or "IMG" or "HR" => true,
        _ => false,
    };

    /// <summary>
    /// The namespace declarations of one element, over those of its ancestors. One scope per declaring element (not per
    /// declaration), so a lookup walks at most the depth of the tree, however many prefixes a hostile document declares.
    /// </summary>
    private sealed class Scope(Scope? parent)
    {
        private const int ListOnly = 8;
        private readonly List<(string Prefix, string Uri)> _own = [];
        private Dictionary<string, string>? _map;

        public Scope? Parent { get; } = parent;
        public string DefaultNamespace { get; private set; } = parent?.DefaultNamespace ?? "";

        public void Declare(string prefix, string uri)
        {
            if (prefix.Length == 0)
            {
                DefaultNamespace = uri;
                return;
            }
            if (_map is not null)
            {
                _map[prefix] = uri;
                return;
            }
            // a prefix declared twice on one element: the last declaration counts
            var i = _own.FindIndex(d => string.Equals(d.Prefix, prefix, StringComparison.Ordinal));
            if (i >= 0)
            {
                _own[i] = (prefix, uri);
                return;
            }
            _own.Add((prefix, uri));
            if (_own.Count > ListOnly)
            {
                _map = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (p, u) in _own)
                {
                    _map[p] = u;
                }
            }
        }

        /// <summary>The URI this element itself binds the prefix to, if it does.</summary>
        public string? Own(string prefix)
        {
            if (_map is not null)
            {
                return _map.GetValueOrDefault(prefix);
            }
            foreach (var (p, u) in _own)
            {
                if (string.Equals(p, prefix, StringComparison.Ordinal))
                {
                    return u;
                }
            }
            return null;
        }
    }

    /// <summary>
    /// The elements open while the tree is built, innermost last, each with the namespace scope inside it and its last
    /// child so far (kept here rather than on every element of the tree). Closing
    /// elements only lowers the count: the stale slots are overwritten by the next ones opened, and the whole stack
    /// goes with the parse.
    /// </summary>
    private sealed class OpenElements
    {
        private (XmlElementNode Element, Scope? Scope, XmlElementNode? LastChild)[] _items = new (XmlElementNode, Scope?, XmlElementNode?)[16];

        public int Count { get; set; }

        public ref (XmlElementNode Element, Scope? Scope, XmlElementNode? LastChild) this[int index] => ref _items[index];

        public ref (XmlElementNode Element, Scope? Scope, XmlElementNode? LastChild) this[Index index] => ref _items[index.GetOffset(Count)];

        public void Add((XmlElementNode Element, Scope? Scope, XmlElementNode? LastChild) item)
        {
            if (Count == _items.Length)
            {
                Array.Resize(ref _items, _items.Length * 2);
            }
            _items[Count++] = item;
        }
    }

    private void Build(int maxDepth)
    {
        var tok = new LenientXmlTokenizer(Source, Diagnostics);
        var stack = new OpenElements();
        var rootClosed = false;
        var depthWarned = false;
        var skipped = 0;
        while (true)
        {
            var kind = tok.Next();
            // what is not character data is remembered on the element holding it, so reading a plain element's text
            // need not search it for markup again
            if (tok.Skipped != skipped)
            {
                skipped = tok.Skipped;
                MarkTop(stack);
            }
            if (kind == XmlTokenKind.EndOfInput)
            {
                break;
            }
            switch (kind)
            {
                case XmlTokenKind.StartTag:
                    {
                        if (rootClosed)
                        {
                            Diagnostics.Warn(tok.TokenStart, $"element <{tok.NameText}> after the end of the root element ignored");
                            continue;
                        }
                        if (stack.Count >= maxDepth)
                        {
                            if (!depthWarned)
                            {
                                Diagnostics.Warn(tok.TokenStart, $"elements nested deeper than {maxDepth} levels flattened");
                                depthWarned = true;
                            }
                            MarkTop(stack);
                            continue;
                        }
                        var localName = LocalPart(tok.Name);
                        // a new <item> while one is open means the last one was left unclosed
                        if (localName.SequenceEqual("item"u8) || localName.SequenceEqual("entry"u8))
                        {
                            CloseOpenSibling(stack, tok);
                            CloseAboveContainer(stack, tok, localName[0] == (byte)'i');
                        }
                        var parent = stack.Count > 0 ? stack[^1].Element : null;
                        var (element, scope) = CreateElement(tok, stack.Count > 0 ? stack[^1].Scope : null);
                        if (parent is null)
                        {
                            Root = element;
                        }
                        else
                        {
                            ref var top = ref stack[^1];
                            parent.AppendChild(element, top.LastChild);
                            top.LastChild = element;
                        }
                        if (tok.SelfClosing || (element.Namespace.Length == 0 && IsVoid(element.LocalName)))
                        {
                            element.ContentEnd = element.ContentStart;
                            element.End = tok.TokenEnd;
                            rootClosed = parent is null;
                        }
                        else
                        {
                            stack.Add((element, scope, null));
                        }
                        break;
                    }
                case XmlTokenKind.EndTag:
                    {
                        var index = FindOpen(stack, tok.Name);
                        if (index < 0)
                        {
                            MarkTop(stack);
                            if (Diagnostics.IsFull)
                            {
                                Diagnostics.CountDropped();
                                continue;
                            }
                            var name = tok.NameText;
                            var colon = name.IndexOf(':');
                            if (!IsVoid(colon < 0 ? name : name[(colon + 1)..]))
                            {
                                Diagnostics.Warn(tok.TokenStart, $"end tag </{name}> has no open element and was ignored");
                            }
                            continue;
                        }
                        for (var k = stack.Count - 1; k > index; k--)
                        {
                            var open = stack[k].Element;
                            Diagnostics.Warn(open.Offset, $"<{QualifiedName(open)}> is not closed (closed by </{tok.NameText}>)");
                            open.ContentEnd = open.End = tok.TokenStart;
                        }
                        var closed = stack[index].Element;
                        closed.ContentEnd = tok.TokenStart;
                        closed.End = tok.TokenEnd;
                        stack.Count = index;
                        rootClosed = stack.Count == 0;
                        break;
                    }
                default:
                    if (kind == XmlTokenKind.CData)
                    {
                        // a closed CDATA section with nothing before it but white space may be all the element holds
                        // (what RSS content is): remembered, so that reading it need not search the content for its end
                        var top = stack.Count > 0 ? stack[^1].Element : null;
                        var alone = top is not null && !top.HoldsMarkup && tok.TextStart + tok.TextLength + 3 == tok.TokenEnd
                            && IsXmlWhiteSpace(Utf8[top.ContentStart..tok.TokenStart]);
                        MarkTop(stack);
                        if (alone)
                        {
                            top!.HoldsOneCData = true;
                        }
                    }
                    else if (Utf8[tok.TextStart] == (byte)'<')
                    {
                        MarkTop(stack);
                    }
                    else if (stack.Count > 0 && stack[^1].Element.HoldsOneCData && !IsXmlWhiteSpace(Utf8.Slice(tok.TextStart, tok.TextLength)))
                    {
                        stack[^1].Element.HoldsOneCData = false;
                    }
                    // character data is read later from the content ranges; here only junk outside the root matters
                    if (stack.Count == 0 && (kind == XmlTokenKind.CData || !IsXmlWhiteSpace(Utf8.Slice(tok.TextStart, tok.TextLength))))
                    {
                        Diagnostics.Warn(tok.TextStart, Root is null ? "junk before the root element ignored" : "junk after the root element ignored");
                    }
                    break;
            }
        }
        if (stack.Count > 0)
        {
            Diagnostics.Warn(stack[^1].Element.Offset, $"document ends inside <{QualifiedName(stack[^1].Element)}>: truncated?");
            for (var k = 0; k < stack.Count; k++)
            {
                var open = stack[k].Element;
                open.ContentEnd = open.End = Source.Length;
                open.ClosedByEndOfInput = true;
            }
        }
    }

    private static void MarkTop(OpenElements stack)
    {
        if (stack.Count > 0)
        {
            stack[^1].Element.HoldsMarkup = true;
            stack[^1].Element.HoldsOneCData = false;
        }
    }

    private void CloseOpenSibling(OpenElements stack, LenientXmlTokenizer tok)
    {
        for (var k = stack.Count - 1; k >= 0; k--)
        {
            var open = stack[k].Element;
            if (NameOf(open).SequenceEqual(tok.Name))
            {
                tok.Diagnostics.Warn(open.Offset, $"<{QualifiedName(open)}> is not closed before the next one");
                for (var j = stack.Count - 1; j >= k; j--)
                {
                    stack[j].Element.ContentEnd = stack[j].Element.End = tok.TokenStart;
                }
                stack.Count = k;
                return;
            }
        }
    }

    /// <summary>
    /// An item or entry starts inside an element left open in the channel or feed (an unclosed &lt;itunes:category&gt;):
    /// that element ends here, rather than at &lt;/channel&gt; with every item inside it.
    /// </summary>
    private void CloseAboveContainer(OpenElements stack, LenientXmlTokenizer tok, bool item)
    {
        for (var k = stack.Count - 1; k >= 0; k--)
        {
            var name = stack[k].Element.LocalName;
            if (item ? name is "channel" or "RDF" or "rss" : name == "feed")
            {
                if (k == stack.Count - 1)
                {
                    return;
                }
                for (var j = stack.Count - 1; j > k; j--)
                {
                    var open = stack[j].Element;
                    tok.Diagnostics.Warn(open.Offset, $"<{QualifiedName(open)}> is not closed before the {(item ? "item" : "entry")} after it");
                    open.ContentEnd = open.End = tok.TokenStart;
                }
                stack.Count = k + 1;
                return;
            }
            // an item inside an item's child, or an entry in a source: not this repair's business
            if (name is "item" or "entry" or "source")
            {
                return;
            }
        }
    }

    // the open elements' names are compared as they stand in the source, the start tag's bytes against the end tag's
    private int FindOpen(OpenElements stack, ReadOnlySpan<byte> name)
    {
        for (var k = stack.Count - 1; k >= 0; k--)
        {
            if (NameOf(stack[k].Element).SequenceEqual(name))
            {
                return k;
            }
        }
        // HTML pasted into a feed is often case-insensitive (<P>…</p>)
        for (var k = stack.Count - 1; k >= 0; k--)
        {
            if (System.Text.Ascii.EqualsIgnoreCase(NameOf(stack[k].Element), name))
            {
                return k;
            }
        }
        return -1;
    }

    private ReadOnlySpan<byte> NameOf(XmlElementNode element) => Utf8.Slice(element.Offset + 1, element.NameLength);

    /// <summary>The element's name as its start tag writes it, prefix and all: for messages, so made only when asked for.</summary>
    public string QualifiedName(XmlElementNode element) => Encoding.UTF8.GetString(NameOf(element));

    private static ReadOnlySpan<byte> LocalPart(ReadOnlySpan<byte> qname)
    {
        var colon = qname.IndexOf((byte)':');
        return colon < 0 ? qname : qname[(colon + 1)..];
    }

    private (XmlElementNode, Scope?) CreateElement(LenientXmlTokenizer tok, Scope? scope)
    {
        var attrs = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(tok.Attributes);
        var declarations = 0;
        Scope? own = null;
        // namespace declarations first: they apply to the element's own name and attributes
        foreach (var a in attrs)
        {
            var name = Utf8.Slice(a.NameStart, a.NameLength);
            if (!name.StartsWith("xmlns"u8))
            {
                continue;
            }
            declarations++;
            if (name.Length == 5)
            {
                (own ??= new Scope(scope)).Declare("", XmlNamespaces.Canonical(AttributeValue(a.ValueStart, a.ValueLength)));
            }
            else if (name[5] == (byte)':')
            {
                (own ??= new Scope(scope)).Declare(_names.Get(name[6..]), XmlNamespaces.Canonical(AttributeValue(a.ValueStart, a.ValueLength)));
            }
        }
        scope = own ?? scope;
        var qname = tok.Name;
        var localName = ResolveName(_elementNames, qname, tok.NameStart, scope, tok.TokenStart, isAttribute: false, out var ns);
        var attributes = attrs.Length - declarations == 0 ? [] : new XmlAttributeNode[attrs.Length - declarations];
        var n = 0;
        foreach (var a in attrs)
        {
            var name = Utf8.Slice(a.NameStart, a.NameLength);
            if (name.StartsWith("xmlns"u8))
            {
                continue;
            }
            var attributeName = ResolveName(_attributeNames, name, a.NameStart, scope, a.NameStart, isAttribute: true, out var attributeNs);
            attributes[n++] = new XmlAttributeNode(attributeName, attributeNs, a.ValueStart, a.ValueLength);
        }
        var element = new XmlElementNode
        {
            Offset = tok.TokenStart,
            LocalName = localName,
            NameLength = qname.Length,
            Namespace = ns,
            Attributes = attributes,
            ContentStart = tok.TokenEnd,
        };
        return (element, scope);
    }

    /// <summary>A resolved element or attribute name, where the name's bytes stand in the source, and the scope it was resolved in.</summary>
    private readonly record struct ResolvedName(int Start, int Length, Scope? Scope, string? LocalName, string? Namespace);

    private const int NameCacheSize = 64;
    private readonly ResolvedName[] _elementNames = new ResolvedName[NameCacheSize];
    private readonly ResolvedName[] _attributeNames = new ResolvedName[NameCacheSize];

    /// <summary>
    /// The local name and namespace of the element or attribute name <paramref name="qname"/>, which stands at
    /// <paramref name="start"/>. A name read before in the same scope resolves as it did then: its bytes are compared with
    /// those of its earlier occurrence instead of being split, looked up and resolved again.
    /// </summary>
    private string ResolveName(ResolvedName[] cache, ReadOnlySpan<byte> qname, int start, Scope? scope, int offset, bool isAttribute, out string ns)
    {
        ref var cached = ref cache[NameTable.Slot(qname) & (NameCacheSize - 1)];
        if (cached.LocalName is not null && ReferenceEquals(cached.Scope, scope) && Utf8.Slice(cached.Start, cached.Length).SequenceEqual(qname))
        {
            ns = cached.Namespace!;
            return cached.LocalName;
        }
        var colon = qname.IndexOf((byte)':');
        ns = Resolve(colon < 0 ? [] : qname[..colon], scope, offset, isAttribute, out var declared);
        var localName = _names.Get(colon < 0 ? qname : qname[(colon + 1)..]);
        // an undeclared prefix is not remembered, so that each use of it is reported
        cached = declared ? new ResolvedName(start, qname.Length, scope, localName, ns) : default;
        return localName;
    }

    /// <summary>The namespace a prefix stands for; <paramref name="declared"/> is false when it was guessed, with a warning.</summary>
    private string Resolve(ReadOnlySpan<byte> prefix, Scope? scope, int offset, bool isAttribute, out bool declared)
    {
        declared = true;
        if (prefix.IsEmpty)
        {
            // unprefixed attributes are in no namespace; unprefixed elements in the default one
            return isAttribute ? "" : DefaultNamespace(scope);
        }
        if (prefix.SequenceEqual("xml"u8))
        {
            return XmlNamespaces.Xml;
        }
        var p = _names.Get(prefix);
        for (var s = scope; s is not null; s = s.Parent)
        {
            if (s.Own(p) is { } uri)
            {
                return uri;
            }
        }
        declared = false;
        var conventional = XmlNamespaces.Conventional(p);
        if (Diagnostics.IsFull)
        {
            Diagnostics.CountDropped();
        }
        else
        {
            Diagnostics.Warn(offset, conventional is null
                ? $"namespace prefix '{p}' is not declared"
                : $"namespace prefix '{p}' is not declared; read as {conventional}");
        }
        return conventional ?? "urn:undeclared:" + p;
    }

    private static string DefaultNamespace(Scope? scope) => scope?.DefaultNamespace ?? "";

    /// <summary>The decoded value of an attribute.</summary>
    public string Value(XmlAttributeNode attribute) => AttributeValue(attribute.ValueStart, attribute.ValueLength);

    public string? AttributeValue(XmlElementNode element, string localName, string ns = "")
    {
        var a = element.Attribute(localName, ns);
        return a is null ? null : Value(a.Value);
    }

    /// <summary>
    /// Whether the attribute is there and its value as written equals <paramref name="ascii"/>, ASCII case ignored: a test
    /// that allocates nothing, for values that are keywords (a value written with references or spaces is not equal).
    /// </summary>
    public bool AttributeEquals(XmlElementNode element, string localName, ReadOnlySpan<byte> ascii) =>
        element.Attribute(localName) is { } a && System.Text.Ascii.EqualsIgnoreCase(Utf8.Slice(a.ValueStart, a.ValueLength), ascii);

    private string AttributeValue(int start, int length) =>
        CharacterReferences.DecodeUtf8(Utf8.Slice(start, length), Diagnostics, start);

    /// <summary>The element's UTF-8 text without allocating, when it is plain (no references, markup or CDATA); otherwise false.</summary>
    public bool TryPlainText(XmlElementNode element, out ReadOnlySpan<byte> utf8)
    {
        utf8 = Utf8[element.ContentStart..Math.Max(element.ContentStart, element.ContentEnd)];
        return !element.HoldsMarkup && utf8.IndexOf((byte)'&') < 0;
    }

    /// <summary>The element's text with XML white space trimmed off both ends, decoded.</summary>
    public string TrimmedText(XmlElementNode element)
    {
        var start = element.ContentStart;
        var end = Math.Max(start, element.ContentEnd);
        var span = Utf8;
        while (start < end && IsXmlWhiteSpace(span[start]))
        {
            start++;
        }
        while (end > start && IsXmlWhiteSpace(span[end - 1]))
        {
            end--;
        }
        return Cap(CharacterData(start, end, element), element);
    }

    private static bool IsXmlWhiteSpace(byte b) => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t';

    /// <summary>Whether the UTF-8 text is only XML white space.</summary>
    public static bool IsXmlWhiteSpace(ReadOnlySpan<byte> utf8) => utf8.IndexOfAnyExcept(" \n\r\t"u8) < 0;

    /// <summary>All character data inside the element (descendants' too), decoded, as one string.</summary>
    public string Text(XmlElementNode element) =>
        Cap(CharacterData(element.ContentStart, Math.Max(element.ContentStart, element.ContentEnd), element), element);

    /// <summary>
    /// The element's content read as HTML: its decoded text when it holds escaped or CDATA markup, its raw inner markup
    /// when the feed pasted HTML elements in unescaped, and both at once when it mixes the two.
    /// </summary>
    public string Markup(XmlElementNode element)
    {
        if (!element.HasElementChildren)
        {
            return Text(element);
        }
        if (HasEscapedTag(Utf8[element.ContentStart..Math.Max(element.ContentStart, element.ContentEnd)]))
        {
            return MixedMarkup(element);
        }
        var raw = InnerMarkup(element);
        if (raw.Contains("<![CDATA[", StringComparison.Ordinal))
        {
            raw = raw.Replace("<![CDATA[", "", StringComparison.Ordinal).Replace("]]>", "", StringComparison.Ordinal);
        }
        return raw;
    }

    private static bool HasEscapedTag(ReadOnlySpan<byte> text)
    {
        var i = 0;
        while (true)
        {
            var found = text[i..].IndexOf("&lt;"u8);
            if (found < 0)
            {
                return false;
            }
            i += found + 4;
            if (i < text.Length && (char.IsAsciiLetter((char)text[i]) || text[i] is (byte)'/' or (byte)'!'))
            {
                return true;
            }
        }
    }

    /// <summary>
    /// A field of escaped HTML (&amp;lt;p&amp;gt;) that also got real elements pasted in: its text, at every depth, is HTML
    /// source to be unescaped once, and its tags are markup, kept as written; CDATA sections are HTML source already.
    /// </summary>
    private string MixedMarkup(XmlElementNode element)
    {
        var span = Utf8[element.ContentStart..Math.Max(element.ContentStart, element.ContentEnd)];
        var output = new StringBuilder(span.Length);
        var i = 0;
        while (i < span.Length)
        {
            var lt = span[i..].IndexOf((byte)'<');
            var text = lt < 0 ? span[i..] : span.Slice(i, lt);
            if (!text.IsEmpty)
            {
                output.Append(CharacterReferences.DecodeUtf8(text, Diagnostics, element.ContentStart + i));
            }
            if (lt < 0)
            {
                break;
            }
            i += lt;
            var rest = span[i..];
            if (rest.StartsWith("<![CDATA["u8))
            {
                var close = rest.IndexOf("]]>"u8);
                output.Append(Utf8Text.ToString(close < 0 ? rest[9..] : rest[9..close], Diagnostics));
                i += close < 0 ? rest.Length : close + 3;
            }
            else if (rest.StartsWith("<!--"u8) || rest.StartsWith("<?"u8))
            {
                var close = rest.IndexOf(rest[1] == (byte)'!' ? "-->"u8 : "?>"u8);
                i += close < 0 ? rest.Length : close + (rest[1] == (byte)'!' ? 3 : 2);
            }
            else
            {
                var end = TagEnd(rest);
                output.Append(Utf8Text.ToString(rest[..end], Diagnostics));
                i += end;
            }
        }
        return Cap(output.ToString(), element);
    }

    // where a tag ends: past its '>', quotes respected
    private static int TagEnd(ReadOnlySpan<byte> tag)
    {
        byte quote = 0;
        for (var k = 1; k < tag.Length; k++)
        {
            var c = tag[k];
            if (quote != 0)
            {
                quote = c == quote ? (byte)0 : quote;
            }
            else if (c is (byte)'"' or (byte)'\'')
            {
                quote = c;
            }
            else if (c == (byte)'>')
            {
                return k + 1;
            }
        }
        return tag.Length;
    }

    /// <summary>The element's own character data: its text outside its child elements (a category's name, not its children's).</summary>
    public string OwnText(XmlElementNode element)
    {
        if (!element.HasElementChildren)
        {
            return Text(element);
        }
        var output = new StringBuilder();
        var at = element.ContentStart;
        foreach (var child in element.Elements())
        {
            output.Append(CharacterData(at, Math.Max(at, child.Offset), element));
            at = child.End;
        }
        output.Append(CharacterData(at, Math.Max(at, element.ContentEnd), element));
        return Cap(output.ToString(), element);
    }

    /// <summary>The source between the element's start and end tags, unchanged.</summary>
    public string InnerMarkup(XmlElementNode element)
    {
        var end = Math.Max(element.ContentStart, element.ContentEnd);
        return Cap(Utf8Text.ToString(Utf8[element.ContentStart..end], Diagnostics), element);
    }

    /// <summary>Decodes a content range: references decoded, CDATA sections unwrapped, tags, comments and instructions skipped.</summary>
    private string CharacterData(int start, int end, XmlElementNode element)
    {
        var span = Utf8.Slice(start, end - start);
        if (element.HoldsOneCData)
        {
            // white space, the section, white space: its inside found from both ends
            var open = span.IndexOfAnyExcept(" \n\r\t"u8);
            var close = span.LastIndexOfAnyExcept(" \n\r\t"u8) + 1;
            return Utf8Text.ToString(span[(open + 9)..(close - 3)], Diagnostics);
        }
        var lt = element.HoldsMarkup ? span.IndexOf((byte)'<') : -1;
        if (lt < 0)
        {
            return CharacterReferences.DecodeUtf8(span, Diagnostics, start);
        }
        // the common case: one CDATA section, perhaps with whitespace around it
        if (IsXmlWhiteSpace(span[..lt]) && span[lt..].StartsWith("<![CDATA["u8))
        {
            var innerStart = lt + 9;
            var close = span[innerStart..].IndexOf("]]>"u8);
            if (close >= 0 && IsXmlWhiteSpace(span[(innerStart + close + 3)..]))
            {
                return Utf8Text.ToString(span.Slice(innerStart, close), Diagnostics);
            }
        }
        // text never decodes to more characters than it has bytes
        var buffer = ArrayPool<char>.Shared.Rent(span.Length);
        var output = buffer.AsSpan();
        var o = 0;
        var i = 0;
        while (i < span.Length)
        {
            var next = span[i..].IndexOf((byte)'<');
            var text = next < 0 ? span[i..] : span.Slice(i, next);
            o += CharacterReferences.DecodeUtf8(text, output[o..], Diagnostics, start + i);
            if (next < 0)
            {
                break;
            }
            i += next;
            var rest = span[i..];
            if (rest.StartsWith("<![CDATA["u8))
            {
                var close = rest[9..].IndexOf("]]>"u8);
                var len = close < 0 ? rest.Length - 9 : close;
                o += Utf8Text.Transcode(rest.Slice(9, len), output[o..], Diagnostics);
                i += 9 + len + (close < 0 ? 0 : 3);
            }
            else if (rest.StartsWith("<!--"u8))
            {
                var close = rest[4..].IndexOf("-->"u8);
                i += close < 0 ? rest.Length : 4 + close + 3;
            }
            else if (rest.Length > 1 && (char.IsAsciiLetter((char)rest[1]) || rest[1] is (byte)'/' or (byte)'?' or (byte)'!' or (byte)'_' or (byte)':'))
            {
                var gt = rest.IndexOf((byte)'>');
                i += gt < 0 ? rest.Length : gt + 1;
            }
            else
            {
                output[o++] = '<';
                i++;
            }
        }
        var result = new string(buffer, 0, o);
        ArrayPool<char>.Shared.Return(buffer);
        return result;
    }

    private string Cap(string value, XmlElementNode element)
    {
        if (value.Length <= MaxFieldLength)
        {
            return value;
        }
        Diagnostics.Warn(element.Offset, $"<{QualifiedName(element)}> is longer than {MaxFieldLength} characters and was cut");
        return Utf16Text.Cut(value, MaxFieldLength);
    }
}
