using System.ComponentModel.DataAnnotations;

namespace Inertia.Reader.Storage;

/// <summary>How long entries are kept (section `Retention`). Starred and unread entries are never removed.</summary>
public sealed class RetentionOptions
{
    /// <summary>`false` keeps every entry.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Read entries first seen longer ago than this are removed.</summary>
    [Range(1, 36_500)]
    public int MaxAgeDays { get; set; } = 90;

    /// <summary>Read entries beyond this many newest of their feed are removed.</summary>
    [Range(10, 1_000_000)]
    public int MaxPerFeed { get; set; } = 2000;

    /// <summary>The same age for catalog and public feeds, which the public site shows.</summary>
    [Range(1, 36_500)]
    public int PublicMaxAgeDays { get; set; } = 365;

    /// <summary>The same count for catalog and public feeds.</summary>
    [Range(10, 1_000_000)]
    public int PublicMaxPerFeed { get; set; } = 1000;

    /// <summary>A removed entry's tombstone goes once no fetch has listed it for this long.</summary>
    [Range(1, 36_500)]
    public int TombstoneDays { get; set; } = 180;

    /// <summary>The policy these settings give at <paramref name="now"/> (Unix seconds).</summary>
    public RetentionPolicy PolicyAt(long now) => new(
        now - MaxAgeDays * 86_400L, MaxPerFeed, now - PublicMaxAgeDays * 86_400L, PublicMaxPerFeed, now - TombstoneDays * 86_400L);
}
