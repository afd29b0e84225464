using System.Text.RegularExpressions;

namespace Inertia.Feeds.Html;

/// <summary>
/// The video players an article may embed (YouTube, Bilibili, Vimeo): an iframe's source made the player's own https
/// address, and the player for an entry that is a link to a video page (a YouTube channel's feed has no iframe, only
/// the watch link). YouTube plays from its no-cookie host and Bilibili does not start by itself.
/// </summary>
public static partial class VideoPlayers
{
    /// <summary>The hosts players are embedded from: the sanitizer keeps iframes of these only, the CSP frames these only.</summary>
    public static IReadOnlyList<string> Hosts { get; } = ["www.youtube-nocookie.com", "www.youtube.com", "player.bilibili.com", "player.vimeo.com"];

    /// <summary>What an embedded player may do, and the referrer it is sent, as the sanitizer writes them.</summary>
    public const string Sandbox = ArticlePolicy.FrameSandbox, ReferrerPolicy = ArticlePolicy.FrameReferrerPolicy;

    /// <summary>An iframe's source as embedded: https, YouTube's no-cookie host, Bilibili without autoplay; other hosts as they are.</summary>
    public static string? Frame(string? src)
    {
        if (!Uri.TryCreate(src, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return null;
        }
        var host = uri.Host.ToLowerInvariant();
        var builder = new UriBuilder(uri) { Scheme = "https", Port = -1 };
        if (host is "youtube.com" or "www.youtube.com" or "m.youtube.com" or "youtube-nocookie.com" or "www.youtube-nocookie.com")
        {
            builder.Host = "www.youtube-nocookie.com";
        }
        else if (host == "player.bilibili.com" && System.Web.HttpUtility.ParseQueryString(uri.Query)["autoplay"] is null)
        {
            builder.Query = (uri.Query.Length > 1 ? uri.Query[1..] + "&" : "") + "autoplay=0";
        }
        return builder.Uri.AbsoluteUri;
    }

    /// <summary>The player for a video page's address (YouTube watch, shorts, live and youtu.be; Bilibili BV and av; Vimeo), or null.</summary>
    public static string? ForPage(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return null;
        }
        var host = uri.Host.ToLowerInvariant();
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        string? youtube = host switch
        {
            "youtu.be" when segments.Length >= 1 => segments[0],
            "youtube.com" or "www.youtube.com" or "m.youtube.com" when segments is ["watch"] => System.Web.HttpUtility.ParseQueryString(uri.Query)["v"],
            "youtube.com" or "www.youtube.com" or "m.youtube.com" when segments is ["shorts" or "live" or "embed", var id, ..] => id,
            _ => null,
        };
        if (youtube is not null)
        {
            return YouTubeId().IsMatch(youtube) ? "https://www.youtube-nocookie.com/embed/" + youtube : null;
        }
        if (host is "bilibili.com" or "www.bilibili.com" or "m.bilibili.com" && segments is ["video", var video, ..])
        {
            if (BilibiliBv().IsMatch(video))
            {
                return "https://player.bilibili.com/player.html?bvid=" + video + "&autoplay=0";
            }
            if (BilibiliAv().Match(video) is { Success: true } av)
            {
                return "https://player.bilibili.com/player.html?aid=" + av.Groups[1].Value + "&autoplay=0";
            }
            return null;
        }
        if (host is "vimeo.com" or "www.vimeo.com" && segments is [var number] && VimeoId().IsMatch(number))
        {
            return "https://player.vimeo.com/video/" + number;
        }
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{11}$")]
    private static partial Regex YouTubeId();

    [GeneratedRegex("^BV[0-9A-Za-z]{10}$")]
    private static partial Regex BilibiliBv();

    [GeneratedRegex("^av([0-9]{1,12})$", RegexOptions.IgnoreCase)]
    private static partial Regex BilibiliAv();

    [GeneratedRegex("^[0-9]{1,12}$")]
    private static partial Regex VimeoId();
}
