using Inertia.Reader.Storage;

namespace Inertia.Web.Shared;

/// <summary>The recommended feeds as the sidebar shows them, with the feed being looked at, if any.</summary>
public sealed record CatalogView(IReadOnlyList<CatalogGroup> Groups, long? Current, long Now)
{
    public IReadOnlyDictionary<long, FeedCard> ById { get; } = Groups.SelectMany(g => g.Feeds).GroupBy(f => f.Id).ToDictionary(g => g.Key, g => g.First());

    /// <summary>A bilingual group title ("安全 / Security") in the page's language; any other title as written.</summary>
    public static string GroupTitle(string title, bool chinese)
    {
        var slash = title.IndexOf(" / ", StringComparison.Ordinal);
        return slash <= 0 ? title : chinese ? title[..slash].Trim() : title[(slash + 3)..].Trim();
    }
}
