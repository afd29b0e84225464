namespace Inertia.Web.Reader;

/// <summary>
/// Subscribe links other tools already make: Inertia's `/subscribe?url=URL`, Miniflux's `/bookmarklet?uri=URL` and
/// FreshRSS's `/i/?c=feed&amp;a=add&amp;url_rss=URL` (RSSHub Radar and common bookmarklets offer these shapes). Each leads,
/// through sign-in, to the add page with the address filled in: nothing is subscribed until the user presses its button
/// (a link another site plants subscribes no one).
/// </summary>
public static class SubscribeLinks
{
    public static void MapSubscribeLinks(this IEndpointRouteBuilder app)
    {
        app.MapGet("/subscribe", (HttpContext http) => ToAddPage(http.Request.Query["url"]));
        app.MapGet("/bookmarklet", (HttpContext http) => ToAddPage(http.Request.Query["uri"]));
        app.MapGet("/i/", (HttpContext http) =>
        {
            var q = http.Request.Query;
            // FreshRSS answers other c/a pairs with its own pages: here they lead to the reader
            return q["c"] == "feed" && q["a"] == "add" ? ToAddPage(q["url_rss"]) : Results.Redirect("/reader");
        });
    }

    /// <summary>The add page's address with the URL to fill in (none: the empty form).</summary>
    public static string AddPage(string? url) =>
        url?.Trim() is { Length: > 0 } u ? "/reader/add?url=" + Uri.EscapeDataString(u.Length > 2048 ? u[..2048] : u) : "/reader/add";

    private static IResult ToAddPage(string? url) => Results.Redirect(AddPage(url));

    /// <summary>The bookmarklet: sends the page it is pressed on to <paramref name="origin"/>'s subscribe link.</summary>
    public static string Bookmarklet(string origin) =>
        "javascript:location.href='" + origin.TrimEnd('/') + "/subscribe?url='+encodeURIComponent(location.href)";
}
