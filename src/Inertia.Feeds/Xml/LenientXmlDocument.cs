using System.Text;
using Inertia.Feeds.Model;
using Inertia.Feeds.Text;

namespace Inertia.Feeds.Xml;

/// <summary>
/// A light element tree built by <see cref="LenientXmlTokenizer"/>, repairing what real feeds break:
/// unclosed and mismatched tags, undeclared prefixes, junk around the root, truncation. Text is decoded on demand.
/// </summary>
public sealed class LenientXmlDocument
{
    // HTML void elements that feeds paste unescaped into descriptions; they never enclose anything
    private static bool IsVoid(ReadOnlySpan<char> name) => name.Length <= 5 && name switch
    {
        "br" or "img" or "hr" or "wbr" or "embed" or "col" or "area" or "param" or "input" or "BR" or "IMG" or "HR" => true,
        _ => false,
    };

    private readonly NameTable _names = new();

    private LenientXmlDocument(string source, ParseDiagnostics diagnostics)
    {
        Source = source;
        Diagnostics = diagnostics;
    }

    public string Source { get; }
    public ParseDiagnostics Diagnostics { get; }
    public XmlElementNode? Root { get; private set; }
    public int MaxFieldLength { get; private set; } = FeedLimits.Default.MaxFieldLength;

    public static LenientXmlDocument Parse(string source, ParseDiagnostics diagnostics, FeedLimits? limits = null)
    {
        limits ??= FeedLimits.Default;
        var doc = new LenientXmlDocument(source, diagnostics) { MaxFieldLength = limits.MaxFieldLength };
        doc.Build(limits.MaxDepth);
        return doc;
    }

    private sealed class Scope(string prefix, string uri, Scope? parent)
    {
        public string Prefix { get; } = prefix;
        public string Uri { get; } = uri;
        public Scope? Parent { get; } = parent;
    }

    private void Build(int maxDepth)
    {
        var tok = new LenientXmlTokenizer(Source, Diagnostics);
        var stack = new List<(XmlElementNode Element, Scope? Scope)>();
        Scope? rootScope = null;
        var rootClosed = false;
        var depthWarned = false;
        while (true)
        {
            var kind = tok.Next();
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
                            Diagnostics.Warn(tok.TokenStart, $"element <{tok.Name}> after the end of the root element ignored");
                            continue;
                        }
                        if (stack.Count >= maxDepth)
                        {
                            if (!depthWarned)
                            {
                                Diagnostics.Warn(tok.TokenStart, $"elements nested deeper than {maxDepth} levels flattened");
                                depthWarned = true;
                            }
                            continue;
                        }
                        var localName = LocalPart(tok.Name);
                        if (localName.SequenceEqual("item") || localName.SequenceEqual("entry"))
                        {
                            CloseOpenSibling(stack, tok);
                        }
                        var parentScope = stack.Count > 0 ? stack[^1].Scope : rootScope;
                        var (element, scope) = CreateElement(tok, stack.Count > 0 ? stack[^1].Element : null, parentScope);
                        if (stack.Count == 0)
                        {
                            if (Root is not null)
                            {
                                continue;
                            }
                            Root = element;
                        }
                        else
                        {
                            var parent = stack[^1].Element;
                            (parent.ChildList ??= []).Add(element);
                            parent.HasElementChildren = true;
                        }
                        var isVoid = IsVoid(element.LocalName) && element.Namespace.Length == 0;
                        if (tok.SelfClosing || isVoid)
                        {
                            element.ContentEnd = element.ContentStart;
                            if (stack.Count == 0)
                            {
                                rootClosed = true;
                            }
                        }
                        else
                        {
                            stack.Add((element, scope));
                        }
                        break;
                    }
                case XmlTokenKind.EndTag:
                    {
                        var index = FindOpen(stack, tok.Name);
                        if (index < 0)
                        {
                            if (!IsVoid(LocalPart(tok.Name)))
                            {
                                Diagnostics.Warn(tok.TokenStart, $"end tag </{tok.Name}> has no open element and was ignored");
                            }
                            continue;
                        }
                        for (var k = stack.Count - 1; k > index; k--)
                        {
                            var open = stack[k].Element;
                            Diagnostics.Warn(open.Offset, $"<{open.QualifiedName}> is not closed (closed by </{tok.Name}>)");
                            open.ContentEnd = tok.TokenStart;
                        }
                        stack[index].Element.ContentEnd = tok.TokenStart;
                        stack.RemoveRange(index, stack.Count - index);
                        if (stack.Count == 0)
                        {
                            rootClosed = true;
                        }
                        break;
                    }
                case XmlTokenKind.Text:
                case XmlTokenKind.CData:
                    {
                        if (stack.Count == 0)
                        {
                            if (kind == XmlTokenKind.CData || !Source.AsSpan(tok.TextStart, tok.TextLength).IsWhiteSpace())
                            {
                                Diagnostics.Warn(tok.TextStart, Root is null ? "junk before the root element ignored" : "junk after the root element ignored");
                            }
                            continue;
                        }
                        var parent = stack[^1].Element;
                        // indentation between elements is the bulk of all text nodes: share one node for it
                        if (kind == XmlTokenKind.Text && tok.TextLength <= 64 && Source.AsSpan(tok.TextStart, tok.TextLength).IsWhiteSpace())
                        {
                            (parent.ChildList ??= []).Add(XmlTextNode.Whitespace);
                            continue;
                        }
                        (parent.ChildList ??= []).Add(new XmlTextNode
                        {
                            Offset = tok.TextStart,
                            Start = tok.TextStart,
                            Length = tok.TextLength,
                            IsCData = kind == XmlTokenKind.CData,
                        });
                        break;
                    }
            }
        }
        if (stack.Count > 0)
        {
            Diagnostics.Warn(stack[^1].Element.Offset, $"document ends inside <{stack[^1].Element.QualifiedName}>: truncated?");
            foreach (var (open, _) in stack)
            {
                open.ContentEnd = Source.Length;
                open.ClosedByEndOfInput = true;
            }
        }
    }

    private static void CloseOpenSibling(List<(XmlElementNode Element, Scope? Scope)> stack, LenientXmlTokenizer tok)
    {
        for (var k = stack.Count - 1; k >= 0; k--)
        {
            var open = stack[k].Element;
            if (open.QualifiedName.AsSpan().SequenceEqual(tok.Name))
            {
                tok.Diagnostics.Warn(open.Offset, $"<{open.QualifiedName}> is not closed before the next one");
                for (var j = stack.Count - 1; j >= k; j--)
                {
                    stack[j].Element.ContentEnd = tok.TokenStart;
                }
                stack.RemoveRange(k, stack.Count - k);
                return;
            }
        }
    }

    private static int FindOpen(List<(XmlElementNode Element, Scope? Scope)> stack, ReadOnlySpan<char> name)
    {
        for (var k = stack.Count - 1; k >= 0; k--)
        {
            if (stack[k].Element.QualifiedName.AsSpan().SequenceEqual(name))
            {
                return k;
            }
        }
        // HTML pasted into a feed is often case-insensitive (<P>…</p>)
        for (var k = stack.Count - 1; k >= 0; k--)
        {
            if (stack[k].Element.QualifiedName.AsSpan().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return k;
            }
        }
        return -1;
    }

    private static ReadOnlySpan<char> LocalPart(ReadOnlySpan<char> qname)
    {
        var colon = qname.IndexOf(':');
        return colon < 0 ? qname : qname[(colon + 1)..];
    }

    private (XmlElementNode, Scope?) CreateElement(LenientXmlTokenizer tok, XmlElementNode? parent, Scope? scope)
    {
        var attrs = tok.Attributes;
        // namespace declarations first: they apply to the element's own name and attributes
        foreach (var a in attrs)
        {
            var name = Source.AsSpan(a.NameStart, a.NameLength);
            if (name.SequenceEqual("xmlns"))
            {
                scope = new Scope("", XmlNamespaces.Canonical(AttributeValue(a.ValueStart, a.ValueLength)), scope);
            }
            else if (name.StartsWith("xmlns:"))
            {
                scope = new Scope(_names.Get(name[6..]), XmlNamespaces.Canonical(AttributeValue(a.ValueStart, a.ValueLength)), scope);
            }
        }
        var qname = tok.Name;
        var colon = qname.IndexOf(':');
        var prefix = colon < 0 ? ReadOnlySpan<char>.Empty : qname[..colon];
        var ns = Resolve(prefix, scope, tok.TokenStart, isAttribute: false);
        XmlAttributeNode[] attributes = [];
        if (attrs.Count > 0)
        {
            var list = new List<XmlAttributeNode>(attrs.Count);
            foreach (var a in attrs)
            {
                var name = Source.AsSpan(a.NameStart, a.NameLength);
                if (name.StartsWith("xmlns"))
                {
                    continue;
                }
                var c = name.IndexOf(':');
                var attrNs = c < 0 ? "" : Resolve(name[..c], scope, a.NameStart, isAttribute: true);
                list.Add(new XmlAttributeNode(_names.Get(c < 0 ? name : name[(c + 1)..]), attrNs, a.ValueStart, a.ValueLength));
            }
            attributes = [.. list];
        }
        var element = new XmlElementNode
        {
            Offset = tok.TokenStart,
            LocalName = _names.Get(colon < 0 ? qname : qname[(colon + 1)..]),
            QualifiedName = _names.Get(qname),
            Namespace = ns,
            Parent = parent,
            Attributes = attributes,
            ContentStart = tok.TokenEnd,
        };
        return (element, scope);
    }

    private string Resolve(ReadOnlySpan<char> prefix, Scope? scope, int offset, bool isAttribute)
    {
        if (prefix.IsEmpty && isAttribute)
        {
            return "";
        }
        if (prefix.SequenceEqual("xml"))
        {
            return XmlNamespaces.Xml;
        }
        for (var s = scope; s is not null; s = s.Parent)
        {
            if (prefix.SequenceEqual(s.Prefix))
            {
                return s.Uri;
            }
        }
        if (prefix.IsEmpty)
        {
            return "";
        }
        var p = _names.Get(prefix);
        var conventional = XmlNamespaces.Conventional(p);
        Diagnostics.Warn(offset, conventional is null
            ? $"namespace prefix '{p}' is not declared"
            : $"namespace prefix '{p}' is not declared; read as {conventional}");
        return conventional ?? "urn:undeclared:" + p;
    }

    /// <summary>The decoded value of an attribute.</summary>
    public string Value(XmlAttributeNode attribute) => AttributeValue(attribute.ValueStart, attribute.ValueLength);

    public string? AttributeValue(XmlElementNode element, string localName, string ns = "")
    {
        var a = element.Attribute(localName, ns);
        return a is null ? null : Value(a);
    }

    private string AttributeValue(int start, int length) =>
        CharacterReferences.Decode(Source, start, length, (rel, msg) => Diagnostics.Warn(start + rel, msg));

    /// <summary>All character data inside the element, decoded, as one string.</summary>
    public string Text(XmlElementNode element)
    {
        var children = element.ChildList;
        if (children is null)
        {
            return "";
        }
        if (children.Count == 1 && children[0] is XmlTextNode only)
        {
            return Cap(Decode(only), element);
        }
        var sb = new StringBuilder();
        AppendText(element, sb);
        return Cap(sb.ToString(), element);
    }

    private void AppendText(XmlElementNode element, StringBuilder sb)
    {
        foreach (var child in element.Children)
        {
            if (child is XmlTextNode t)
            {
                sb.Append(Decode(t));
            }
            else if (child is XmlElementNode e)
            {
                AppendText(e, sb);
            }
        }
    }

    /// <summary>
    /// The element's content read as HTML: its decoded text when it holds escaped or CDATA markup,
    /// or its raw inner markup when the feed pasted HTML elements in unescaped.
    /// </summary>
    public string Markup(XmlElementNode element)
    {
        if (!element.HasElementChildren)
        {
            return Text(element);
        }
        var raw = InnerMarkup(element);
        if (raw.Contains("<![CDATA[", StringComparison.Ordinal))
        {
            raw = raw.Replace("<![CDATA[", "", StringComparison.Ordinal).Replace("]]>", "", StringComparison.Ordinal);
        }
        return raw;
    }

    /// <summary>The source between the element's start and end tags, unchanged.</summary>
    public string InnerMarkup(XmlElementNode element)
    {
        var end = Math.Max(element.ContentStart, element.ContentEnd);
        return Cap(Source[element.ContentStart..end], element);
    }

    private string Decode(XmlTextNode t) =>
        ReferenceEquals(t, XmlTextNode.Whitespace) ? " "
        : t.IsCData
            ? Source.Substring(t.Start, t.Length)
            : CharacterReferences.Decode(Source, t.Start, t.Length, (rel, msg) => Diagnostics.Warn(t.Start + rel, msg));

    private string Cap(string value, XmlElementNode element)
    {
        if (value.Length <= MaxFieldLength)
        {
            return value;
        }
        Diagnostics.Warn(element.Offset, $"<{element.QualifiedName}> is longer than {MaxFieldLength} characters and was cut");
        return value[..MaxFieldLength];
    }

    public int LineOf(XmlNode node) => Diagnostics.LineOf(node.Offset);
}
