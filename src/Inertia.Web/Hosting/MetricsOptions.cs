namespace Inertia.Web.Hosting;

/// <summary>Prometheus metrics at /metrics (section `Metrics`).</summary>
public sealed class MetricsOptions
{
    /// <summary>`false` serves no /metrics.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>A token /metrics asks for as `Authorization: Bearer TOKEN`. None: only clients on this machine (loopback) may read it.</summary>
    public string? Token { get; set; }
}
