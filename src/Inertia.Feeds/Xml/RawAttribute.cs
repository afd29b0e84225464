namespace Inertia.Feeds.Xml;

/// <summary>An attribute as it stands in the source: offsets of its name and (still escaped) value.</summary>
public readonly record struct RawAttribute(int NameStart, int NameLength, int ValueStart, int ValueLength);
