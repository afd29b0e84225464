namespace Inertia.Feeds.Xml;

/// <summary>What <see cref="LenientXmlTokenizer.Next"/> found.</summary>
public enum XmlTokenKind
{
    EndOfInput,
    StartTag,
    EndTag,
    Text,
    CData,
}
