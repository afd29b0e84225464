namespace Inertia.Feeds.Html;

/// <summary>What article HTML may keep that varies by deployment: the hosts whose video players may be embedded.</summary>
public sealed record SanitizerSettings
{
    /// <summary>The hosts, as <see cref="VideoPlayers.Frame"/> writes them (the web app's CSP frames exactly these).</summary>
    public IReadOnlySet<string> IframeHosts { get; init; } = new HashSet<string>(VideoPlayers.Hosts, StringComparer.OrdinalIgnoreCase);

    public static SanitizerSettings Default { get; } = new();
}
