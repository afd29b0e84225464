namespace Inertia.Reader.Content;

/// <summary>An icon as fetched: where from, its type and its bytes.</summary>
public sealed record SiteIcon(string Url, string ContentType, byte[] Data);
