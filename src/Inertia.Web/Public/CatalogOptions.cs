namespace Inertia.Web.Public;

/// <summary>The recommended feeds, 推荐订阅源 (section `Catalog`).</summary>
public sealed class CatalogOptions
{
    /// <summary>An OPML file to load the catalog from at start. None: the catalog that comes with Inertia (catalog.opml).</summary>
    public string? Path { get; set; }

    /// <summary>The file to load: the configured one, else the built-in one beside the program.</summary>
    public string File => Path is { Length: > 0 } p ? p : System.IO.Path.Combine(AppContext.BaseDirectory, "Public", "catalog.opml");
}
