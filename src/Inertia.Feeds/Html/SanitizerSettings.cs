namespace Inertia.Feeds.Html;

/// <summary>What article HTML may keep that varies by deployment: the hosts whose video players may be embedded.</summary>
public sealed record SanitizerSettings
{
    public IReadOnlySet<string> IframeHosts { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "www.youtube.com", "youtube.com", "www.youtube-nocookie.com", "youtube-nocookie.com",
        "player.vimeo.com", "player.bilibili.com",
    };

    public static SanitizerSettings Default { get; } = new();
}
