using System.Text.Json;
using Inertia.Reader.Chinese;
using Inertia.Reader.Storage;
using Inertia.Web.Media;

namespace Inertia.Web.Api;

/// <summary>
/// Items as the client APIs serve them: titles, summaries and content in the form of Chinese the API password asks for,
/// and media addresses (in the HTML and the enclosures) through the media proxy where it asks for that, or where the host
/// refuses hotlinking, absolute, as apps need them.
/// </summary>
public static class ApiItems
{
    /// <summary>Each item as the caller's password asks (the account password: as written, hotlink hosts proxied).</summary>
    public static async Task<IReadOnlyList<ApiItem>> ShownAsync(HttpContext http, System.Data.Common.DbConnection connection, IReadOnlyList<ApiItem> items,
        long userId, string? variantCode, bool proxyAll)
    {
        if (items.Count == 0)
        {
            return items;
        }
        var variant = ChineseVariants.Parse(variantCode);
        var conversion = http.RequestServices.GetRequiredService<ChineseConversion>();
        var ruled = await MediaRuleStore.RuledSubscriptionsAsync(connection, userId);
        // where apps reach this server (a base with a path keeps it)
        var origin = http.RequestServices.GetRequiredService<Hosting.ServerOptions>().BaseUri?.ToString().TrimEnd('/')
            ?? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
        var media = await http.RequestServices.GetRequiredService<MediaProxy>()
            .PolicyAsync(proxyAll, ruled, origin, http.RequestAborted);
        return [.. items.Select(item =>
        {
            var shown = variant == ChineseVariant.Original || !conversion.IsAvailable ? item : Chinese.ChineseShown.Article(conversion, item, variant);
            return shown with
            {
                Content = media.Html(shown.Content, shown.FeedId),
                Summary = media.Html(shown.Summary, shown.FeedId),
                Enclosures = shown.Enclosures is { } json && media.MayProxy(json, shown.FeedId) ? Enclosures(json, url => media.For(url, shown.FeedId)) : shown.Enclosures,
            };
        })];
    }

    // the stored enclosures' JSON with each address the policy proxies replaced; unreadable JSON is left as it is
    private static string? Enclosures(string? json, Func<string, string?> proxy)
    {
        if (json is null || !json.Contains("\"Url\"", StringComparison.Ordinal))
        {
            return json;
        }
        try
        {
            var list = JsonSerializer.Deserialize<List<Dictionary<string, JsonElement>>>(json);
            if (list is null)
            {
                return json;
            }
            var changed = false;
            foreach (var enclosure in list)
            {
                if (enclosure.TryGetValue("Url", out var url) && url.ValueKind == JsonValueKind.String && proxy(url.GetString()!) is { } proxied)
                {
                    enclosure["Url"] = JsonSerializer.SerializeToElement(proxied);
                    changed = true;
                }
            }
            return changed ? JsonSerializer.Serialize(list) : json;
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
