using AngleSharp.Html.Parser;

namespace Inertia.Web.Media;

/// <summary>
/// Sanitized HTML with its media addresses (img src and srcset, video poster, audio/video/source src) replaced by proxy
/// addresses where <c>proxy</c> says so; everything else of it is left as it was.
/// </summary>
public static class MediaLinks
{
    private static readonly HtmlParser Parser = new();

    /// <summary>The HTML with each media address <paramref name="proxy"/> answers for replaced (null: that address stays).</summary>
    public static string Rewrite(string html, Func<string, string?> proxy)
    {
        // most entries: nothing to do, and no parse
        if (!html.Contains("src", StringComparison.OrdinalIgnoreCase) && !html.Contains("poster", StringComparison.OrdinalIgnoreCase))
        {
            return html;
        }
        var document = Parser.ParseDocument("<!doctype html><body>" + html);
        var body = document.Body!;
        var changed = false;
        foreach (var element in body.QuerySelectorAll("img, video, audio, source"))
        {
            foreach (var name in new[] { "src", "poster" })
            {
                if (element.GetAttribute(name) is { Length: > 0 } value && proxy(value) is { } proxied)
                {
                    element.SetAttribute(name, proxied);
                    changed = true;
                }
            }
            if (element.GetAttribute("srcset") is { Length: > 0 } set)
            {
                var rewritten = RewriteSourceSet(set, proxy);
                if (rewritten != set)
                {
                    element.SetAttribute("srcset", rewritten);
                    changed = true;
                }
            }
        }
        return changed ? body.InnerHtml : html;
    }

    // "a.jpg 1x, b.jpg 2x": each candidate's address replaced, its descriptor kept (sanitized sets have no commas inside URLs)
    private static string RewriteSourceSet(string set, Func<string, string?> proxy) =>
        string.Join(", ", set.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(candidate =>
        {
            var space = candidate.IndexOf(' ');
            var url = space < 0 ? candidate : candidate[..space];
            return (proxy(url) ?? url) + (space < 0 ? "" : candidate[space..]);
        }));
}
