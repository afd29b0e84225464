namespace Inertia.Web.Public;

/// <summary>The public site: the catalog, feed and article pages (section `Public`).</summary>
public sealed class PublicOptions
{
    /// <summary>`false` turns the public site off: `/` then leads to sign-in.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Seconds an anonymous visitor's page is served from memory before it is rendered again (0: every time).</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 3600)]
    public int CacheSeconds { get; set; } = 30;
}
