using System.ComponentModel.DataAnnotations;

namespace Inertia.Reader.Refresh;

/// <summary>How this process refreshes feeds (section `Refresh`).</summary>
public sealed class RefreshOptions
{
    /// <summary>`false` serves without refreshing (another process refreshes the same database).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Feeds this process fetches at once.</summary>
    [Range(1, 1024)]
    public int Concurrency { get; set; } = 16;

    /// <summary>Feeds of one host fetched at once.</summary>
    [Range(1, 64)]
    public int PerHost { get; set; } = 2;

    /// <summary>The longest the background refresh sleeps before looking for due feeds again.</summary>
    [Range(1, 86_400)]
    public int PollSeconds { get; set; } = 60;

    /// <summary>How long a claimed feed is this process's alone; renewed while the work runs.</summary>
    [Range(30, 86_400)]
    public int LeaseSeconds { get; set; } = 300;

    /// <summary>The shortest time between two fetches of one feed.</summary>
    [Range(1, 1440)]
    public int MinIntervalMinutes { get; set; } = 5;

    /// <summary>The longest time between two fetches of one feed.</summary>
    [Range(1, 720)]
    public int MaxIntervalHours { get; set; } = 24;
}
