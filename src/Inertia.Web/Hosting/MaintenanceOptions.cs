using System.ComponentModel.DataAnnotations;

namespace Inertia.Web.Hosting;

/// <summary>The background pass that applies retention and checks the unread counters (section `Maintenance`).</summary>
public sealed class MaintenanceOptions
{
    /// <summary>`false` runs no such pass (run `inertia doctor` and retention by hand).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Hours between two passes (the first runs an hour after start).</summary>
    [Range(1, 24 * 30)]
    public int EveryHours { get; set; } = 24;
}
