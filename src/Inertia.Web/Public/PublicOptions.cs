namespace Inertia.Web.Public;

/// <summary>The public site: the catalog, feed and article pages (section `Public`).</summary>
public sealed class PublicOptions
{
    /// <summary>`false` turns the public site off: `/` then leads to sign-in.</summary>
    public bool Enabled { get; set; } = true;
}
