using Inertia.Feeds.Html;

namespace Inertia.Web.Shared;

/// <summary>
/// The player shown above an entry that is a link to a video page (a YouTube channel's feed, a Bilibili up's): none when
/// the entry's content embeds a player already (its sanitized HTML keeps allowed players only).
/// </summary>
public sealed record VideoPlayer(string Source, string Title)
{
    public static VideoPlayer? For(string? entryUrl, string? html, string title) =>
        html?.Contains("<iframe", StringComparison.OrdinalIgnoreCase) == true || VideoPlayers.ForPage(entryUrl) is not { } source
            ? null
            : new VideoPlayer(source, title);

    public string Sandbox => VideoPlayers.Sandbox;
    public string ReferrerPolicy => VideoPlayers.ReferrerPolicy;
}
