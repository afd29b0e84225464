using System.Collections;

namespace Inertia.Feeds.Xml;

/// <summary>An attribute with its resolved namespace and its still escaped value range.</summary>
public readonly record struct XmlAttributeNode(string LocalName, string Namespace, int ValueStart, int ValueLength);

/// <summary>
/// An element of a <see cref="LenientXmlDocument"/>: resolved name, attributes, element children as sibling links,
/// and the source range of its content. Character data is not stored as nodes: it is read from that range when asked for,
/// which keeps the tree to one small object per element.
/// </summary>
public sealed class XmlElementNode
{
    private static readonly XmlAttributeNode[] s_noAttributes = [];

    public required string LocalName { get; init; }
    public required string Namespace { get; init; }
    public XmlAttributeNode[] Attributes { get; init; } = s_noAttributes;
    /// <summary>Offset of the element's '&lt;' in the source.</summary>
    public int Offset { get; init; }
    /// <summary>Length in bytes of the name as written in the start tag, which follows the '&lt;'.</summary>
    public int NameLength { get; init; }
    public int ContentStart { get; init; }
    public int ContentEnd { get; internal set; }
    /// <summary>Offset just past the end tag (or past the content when the end tag is missing).</summary>
    public int End { get; internal set; }
    public XmlElementNode? FirstChild { get; private set; }
    public XmlElementNode? NextSibling { get; private set; }
    /// <summary>True when the end of input closed this element: it may be incomplete.</summary>
    public bool ClosedByEndOfInput { get; internal set; }
    public bool HasElementChildren => FirstChild is not null;
    /// <summary>True when anything but character data stands in the content: elements, CDATA, comments, stray tags.</summary>
    public bool HoldsMarkup { get; internal set; }
    /// <summary>True when the content is one closed CDATA section with nothing around it but white space.</summary>
    public bool HoldsOneCData { get; internal set; }

    /// <summary>Appends a child after <paramref name="lastChild"/>, the last one so far, which the builder keeps (not every element).</summary>
    internal void AppendChild(XmlElementNode child, XmlElementNode? lastChild)
    {
        HoldsMarkup = true;
        HoldsOneCData = false;
        if (lastChild is null)
        {
            FirstChild = child;
        }
        else
        {
            lastChild.NextSibling = child;
        }
    }

    public bool Is(string localName, string ns) =>
        string.Equals(LocalName, localName, StringComparison.Ordinal) && string.Equals(Namespace, ns, StringComparison.Ordinal);

    /// <summary>The element children, in order, without allocating.</summary>
    public ChildElements Elements() => new(FirstChild);

    public XmlAttributeNode? Attribute(string localName, string ns = "")
    {
        foreach (var a in Attributes)
        {
            if (string.Equals(a.LocalName, localName, StringComparison.Ordinal) && string.Equals(a.Namespace, ns, StringComparison.Ordinal))
            {
                return a;
            }
        }
        return null;
    }

    public override string ToString() => $"<{LocalName}>";

    /// <summary>A struct enumerator over sibling links: foreach over it costs no allocation.</summary>
    public struct ChildElements(XmlElementNode? first) : IEnumerable<XmlElementNode>, IEnumerator<XmlElementNode>
    {
        private XmlElementNode? _next = first;

        public XmlElementNode Current { get; private set; } = null!;

        object IEnumerator.Current => Current;

        public readonly ChildElements GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_next is null)
            {
                return false;
            }
            Current = _next;
            _next = _next.NextSibling;
            return true;
        }

        public readonly void Reset() => throw new NotSupportedException();

        public readonly void Dispose()
        {
        }

        readonly IEnumerator<XmlElementNode> IEnumerable<XmlElementNode>.GetEnumerator() => this;

        readonly IEnumerator IEnumerable.GetEnumerator() => this;
    }
}
