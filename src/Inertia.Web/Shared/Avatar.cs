using Inertia.Reader.Content;
using Microsoft.AspNetCore.Html;

namespace Inertia.Web.Shared;

/// <summary>A feed's picture: its site's icon (served by /icons/{id}), or its letter avatar drawn inline (no request, no style attribute).</summary>
public static class Avatar
{
    public static IHtmlContent For(long feedId, string name, bool hasIcon, int size = 24, string? cssClass = null)
    {
        var css = cssClass is null ? "feed-icon" : "feed-icon " + cssClass;
        if (hasIcon)
        {
            return new HtmlString($"""<img class="{css}" src="/icons/{feedId}" width="{size}" height="{size}" alt="" loading="lazy" decoding="async">""");
        }
        var avatar = LetterAvatar.For(name);
        var letter = System.Net.WebUtility.HtmlEncode(avatar.Letter);
        return new HtmlString(
            $"""<svg class="{css}" width="{size}" height="{size}" viewBox="0 0 64 64" aria-hidden="true"><rect width="64" height="64" rx="14" fill="{avatar.Color}"/>""" +
            $"""<text x="32" y="32" dy=".35em" text-anchor="middle" font-size="34" font-family="sans-serif" fill="#fff">{letter}</text></svg>""");
    }
}
