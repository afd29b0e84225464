namespace Inertia.Feeds.Opml;

/// <summary>A feed subscription read from OPML: its feed URL, site, title and the category path of the outlines around it.</summary>
public sealed record OpmlOutline(string FeedUrl, string? SiteUrl, string? Title, IReadOnlyList<string> Categories, int Line);
