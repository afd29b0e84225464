namespace Inertia.Web.Media;

/// <summary>The media proxy, `/proxy/{signature}/{address}` (section `MediaProxy`).</summary>
public sealed class MediaProxyOptions
{
    /// <summary>`false` turns it off: images are shown from their own hosts and `/proxy/` answers 404.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The largest body passed through, in bytes (images and enclosures alike); a larger one is cut off with an error.</summary>
    [System.ComponentModel.DataAnnotations.Range(1024, long.MaxValue)]
    public long MaxBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>Seconds a browser or app may keep what the proxy served.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 31_536_000)]
    public int CacheSeconds { get; set; } = 7 * 24 * 3600;
}
