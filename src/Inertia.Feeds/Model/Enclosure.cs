namespace Inertia.Feeds.Model;

/// <summary>A media file attached to an entry (RSS enclosure, Atom rel="enclosure", JSON attachment, Media RSS content).</summary>
public sealed record Enclosure(string Url, string? MimeType, long? Length);
