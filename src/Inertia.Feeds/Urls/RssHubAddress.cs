namespace Inertia.Feeds.Urls;

/// <summary>`rsshub://ROUTE` and `rsshub:ROUTE` (RSSHub Radar's and the catalog's short form) made an address on an RSSHub instance.</summary>
public static class RssHubAddress
{
    /// <summary>The address against <paramref name="instance"/> for an rsshub: address; any other text unchanged.</summary>
    public static string Expand(string address, string instance)
    {
        var a = address.Trim();
        string route;
        if (a.StartsWith("rsshub://", StringComparison.OrdinalIgnoreCase))
        {
            route = a["rsshub://".Length..];
        }
        else if (a.StartsWith("rsshub:", StringComparison.OrdinalIgnoreCase))
        {
            route = a["rsshub:".Length..];
        }
        else
        {
            return address;
        }
        return instance.TrimEnd('/') + "/" + route.TrimStart('/');
    }
}
