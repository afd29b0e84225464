namespace Inertia.Feeds.Xml;

/// <summary>A node of a <see cref="LenientXmlDocument"/>: an element or a run of text.</summary>
public abstract class XmlNode
{
    /// <summary>Offset in the source where the node starts.</summary>
    public int Offset { get; init; }
}

/// <summary>Character data kept as a range of the source and decoded only when read.</summary>
public sealed class XmlTextNode : XmlNode
{
    /// <summary>Stands for any short run of whitespace between elements; reads as one space.</summary>
    public static readonly XmlTextNode Whitespace = new() { Start = 0, Length = 0, IsCData = false };

    public required int Start { get; init; }
    public required int Length { get; init; }
    public required bool IsCData { get; init; }
}

/// <summary>An attribute with its resolved namespace and its still escaped value range.</summary>
public sealed record XmlAttributeNode(string LocalName, string Namespace, int ValueStart, int ValueLength);

/// <summary>An element with its resolved namespace, its attributes and children, and the source range of its content.</summary>
public sealed class XmlElementNode : XmlNode
{
    private static readonly List<XmlNode> s_noChildren = [];

    public required string LocalName { get; init; }
    public required string QualifiedName { get; init; }
    public required string Namespace { get; init; }
    public XmlElementNode? Parent { get; init; }
    public XmlAttributeNode[] Attributes { get; init; } = [];
    internal List<XmlNode>? ChildList { get; set; }
    public IReadOnlyList<XmlNode> Children => ChildList ?? s_noChildren;
    public int ContentStart { get; init; }
    public int ContentEnd { get; internal set; }
    /// <summary>True when the end of input closed this element: it may be incomplete.</summary>
    public bool ClosedByEndOfInput { get; internal set; }
    public bool HasElementChildren { get; internal set; }

    public bool Is(string localName, string ns) =>
        string.Equals(LocalName, localName, StringComparison.Ordinal) && string.Equals(Namespace, ns, StringComparison.Ordinal);

    public IEnumerable<XmlElementNode> Elements()
    {
        if (ChildList is null)
        {
            yield break;
        }
        foreach (var c in ChildList)
        {
            if (c is XmlElementNode e)
            {
                yield return e;
            }
        }
    }

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

    public override string ToString() => $"<{QualifiedName}>";
}
