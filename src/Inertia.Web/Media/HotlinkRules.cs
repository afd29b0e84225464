using System.Text.Json;
using Inertia.Reader.Storage;

namespace Inertia.Web.Media;

/// <summary>
/// Which request rule the proxy follows for an address: a subscription's own rule first, then the administrator's for the
/// host, then the built-in list (hotlink-rules.json, with its sources). Hosts match themselves and their subdomains; the
/// longest match wins.
/// </summary>
public static class HotlinkRules
{
    /// <summary>The built-in rules, read once from the embedded hotlink-rules.json.</summary>
    public static IReadOnlyList<MediaRule> Defaults { get; } = Load();

    /// <summary>The rule for a host from these rules, or null (the longest host that is it or a parent of it).</summary>
    public static MediaRule? For(string host, IEnumerable<MediaRule> rules)
    {
        var h = host.ToLowerInvariant().TrimEnd('.');
        return rules.Where(r => h == r.Host || h.EndsWith("." + r.Host, StringComparison.Ordinal)).MaxBy(r => r.Host.Length);
    }

    /// <summary>The rule the proxy follows: the subscription's, else the administrator's, else a built-in one, else none.</summary>
    public static MediaRule? Choose(string host, MediaRule? subscription, IEnumerable<MediaRule> administrator) =>
        subscription ?? For(host, administrator) ?? For(host, Defaults);

    /// <summary>Whether a host has any rule (its images do not load hotlinked, so the pages send them through the proxy).</summary>
    public static bool Known(string host, IEnumerable<MediaRule> administrator) => For(host, administrator) is not null || For(host, Defaults) is not null;

    private static List<MediaRule> Load()
    {
        using var stream = typeof(HotlinkRules).Assembly.GetManifestResourceStream("hotlink-rules.json")
            ?? throw new InvalidOperationException("hotlink-rules.json is not embedded");
        using var json = JsonDocument.Parse(stream);
        return [.. json.RootElement.GetProperty("rules").EnumerateArray().Select(r => new MediaRule
        {
            Host = r.GetProperty("host").GetString()!,
            Referer = r.TryGetProperty("referer", out var referer) ? referer.GetString() : null,
            UserAgent = r.TryGetProperty("userAgent", out var agent) ? agent.GetString() : null,
        })];
    }
}
