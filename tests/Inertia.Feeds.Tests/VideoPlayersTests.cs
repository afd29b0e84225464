using Inertia.Feeds.Html;

namespace Inertia.Feeds.Tests;

/// <summary>Which video players an article embeds, from its iframes or from its link to a video page.</summary>
public class VideoPlayersTests
{
    [Theory]
    [InlineData("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")]
    [InlineData("http://m.youtube.com/watch?feature=share&v=dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")]
    [InlineData("https://youtu.be/dQw4w9WgXcQ?si=abc", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")]
    [InlineData("https://www.youtube.com/shorts/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")]
    [InlineData("https://www.bilibili.com/video/BV1GJ411x7h7/?spm_id_from=333.788", "https://player.bilibili.com/player.html?bvid=BV1GJ411x7h7&autoplay=0")]
    [InlineData("https://m.bilibili.com/video/av170001", "https://player.bilibili.com/player.html?aid=170001&autoplay=0")]
    [InlineData("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871")]
    public void A_link_to_a_video_page_gets_its_player(string page, string player) =>
        Assert.Equal(player, VideoPlayers.ForPage(page));

    [Theory]
    [InlineData("https://www.youtube.com/channel/UC123")]
    [InlineData("https://www.youtube.com/watch?v=short")]
    [InlineData("https://www.youtube.com/watch?v=dQw4w9WgXcQ\"><script>")]
    [InlineData("https://www.bilibili.com/read/cv123")]
    [InlineData("https://evil.example/watch?v=dQw4w9WgXcQ")]
    [InlineData("javascript:alert(1)")]
    [InlineData(null)]
    public void Anything_else_gets_none(string? page) => Assert.Null(VideoPlayers.ForPage(page));

    [Fact]
    public void Embedded_players_play_over_https_from_youtubes_no_cookie_host_and_bilibili_waits_to_be_started()
    {
        string? Frame(string html) => ArticleSanitizer.Default.Sanitize(html, "http://blog.example/post") is { } clean
            && SinglePassSanitizer.TrySanitize(html, "http://blog.example/post", SanitizerSettings.Default, out var quick) && quick == clean ? clean : "the two sanitizers differ";
        Assert.Contains("src=\"https://www.youtube-nocookie.com/embed/x?si=1\"", Frame("<iframe src=\"http://youtube.com/embed/x?si=1\"></iframe>"));
        Assert.Contains("src=\"https://player.bilibili.com/player.html?bvid=BV1GJ411x7h7&amp;autoplay=0\"", Frame("<iframe src=\"//player.bilibili.com/player.html?bvid=BV1GJ411x7h7\"></iframe>"));
        Assert.Contains("autoplay=1\"", Frame("<iframe src=\"https://player.bilibili.com/player.html?bvid=BV1GJ411x7h7&autoplay=1\"></iframe>"));
        Assert.Equal("<p>x</p>", Frame("<iframe src=\"https://player.bilibili.com.evil.example/\"></iframe><p>x</p>"));
    }
}
