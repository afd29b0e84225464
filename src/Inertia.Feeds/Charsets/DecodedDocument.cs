namespace Inertia.Feeds.Charsets;

/// <summary>A document's text and the encoding it was read in.</summary>
public sealed record DecodedDocument(string Text, string EncodingName);
