using System.Text.Json;

namespace Inertia.Web.Shared;

/// <summary>An entry's attachments as stored (the JSON of the parser's enclosures), and where each is shown from.</summary>
public sealed record EnclosureList(IReadOnlyList<EnclosureList.Item> Items, Func<string, string?>? Proxy = null)
{
    /// <summary>One attachment: its address, type and size as the feed gave them.</summary>
    public sealed record Item(string Url, string? MimeType, long? Length);

    private static readonly JsonSerializerOptions s_json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>The stored JSON read (nothing when absent or unreadable: a bad row never fails the page).</summary>
    public static IReadOnlyList<Item> Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }
        try
        {
            return JsonSerializer.Deserialize<List<Item>>(json, s_json)?.Where(i => !string.IsNullOrEmpty(i.Url)).ToList() ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>The address to load an attachment from: the proxy's where it says so, else its own (http(s) only; null for anything else).</summary>
    public string? Source(Item item) =>
        SafeUrl.Http(item.Url) is not { } url ? null : Proxy?.Invoke(url) ?? url;
}
