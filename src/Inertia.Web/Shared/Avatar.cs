using Inertia.Reader.Content;
using Microsoft.AspNetCore.Html;

namespace Inertia.Web.Shared;

/// <summary>A feed's picture: its site's icon (served by /icons/{id}), or its letter avatar drawn by the stylesheet (no request, no style attribute).</summary>
public static class Avatar
{
    public static IHtmlContent For(long feedId, string name, bool hasIcon, int size = 24, string? cssClass = null)
    {
        var css = cssClass is null ? "feed-icon" : "feed-icon " + cssClass;
        if (hasIcon)
        {
            return new HtmlString($"""<img class="{css}" src="/icons/{feedId}" width="{size}" height="{size}" alt="" loading="lazy" decoding="async">""");
        }
        // the letter on one of 24 hues of the stylesheet (.av-0 … .av-23): about 70 bytes a feed, where an inline SVG was 330
        var avatar = LetterAvatar.For(name);
        return new HtmlString($"""<span class="{css} av av-{avatar.Hue / 15}" aria-hidden="true">{System.Net.WebUtility.HtmlEncode(avatar.Letter)}</span>""");
    }
}
