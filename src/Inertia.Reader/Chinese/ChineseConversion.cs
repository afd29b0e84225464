using Microsoft.Extensions.Caching.Memory;

namespace Inertia.Reader.Chinese;

/// <summary>
/// Chinese text shown in the form a reader chose: titles and excerpts as plain text, content and summaries as HTML (text
/// between tags only). Each (text, form) is converted once and kept in a bounded memory cache, so a list of fifty entries
/// read again costs fifty lookups, not fifty conversions. Without OpenCC, <see cref="IsAvailable"/> is false and every
/// text comes back as written.
/// </summary>
public sealed class ChineseConversion : IDisposable
{
    private readonly OpenCc? _converter;
    private readonly MemoryCache _cache;

    /// <param name="converter">OpenCC, or null where it is not installed.</param>
    /// <param name="whyNot">Why there is no converter, for the log and the settings page.</param>
    /// <param name="cacheCharacters">What the cache may hold, in characters of converted text.</param>
    public ChineseConversion(OpenCc? converter, string whyNot = "", long cacheCharacters = 8 * 1024 * 1024)
    {
        _converter = converter;
        WhyNot = converter is null ? whyNot : "";
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = cacheCharacters });
    }

    /// <summary>Whether conversion can be offered (OpenCC is loaded).</summary>
    public bool IsAvailable => _converter is not null;

    /// <summary>Why it cannot, in words; empty when it can.</summary>
    public string WhyNot { get; }

    /// <summary>A plain text (a title, an excerpt) in the variant.</summary>
    public string? Text(string? text, ChineseVariant variant) => Convert(text, variant, html: false);

    /// <summary>An HTML fragment (sanitized content) in the variant: only the text between its tags changes.</summary>
    public string? Html(string? html, ChineseVariant variant) => Convert(html, variant, html: true);

    private string? Convert(string? text, ChineseVariant variant, bool html)
    {
        if (_converter is null || variant == ChineseVariant.Original || string.IsNullOrEmpty(text) || !ChineseText.HasHan(text)
            // Simplified text asked for in Simplified: nothing to convert (a scan, not a conversion)
            || variant == ChineseVariant.Simplified && !_converter.MayFold(text))
        {
            return text;
        }
        var key = new Key(variant, html, text);
        if (_cache.TryGetValue(key, out string? converted) && converted is not null)
        {
            return converted;
        }
        converted = html ? ChineseText.ConvertHtml(text, t => _converter.Convert(t, variant)) : _converter.Convert(text, variant);
        // the key holds the text too: its size counts
        _cache.Set(key, converted, new MemoryCacheEntryOptions { Size = text.Length + converted.Length, SlidingExpiration = TimeSpan.FromHours(6) });
        return converted;
    }

    // the converter is the process's (OpenCc.Shared), not this object's to close
    public void Dispose() => _cache.Dispose();

    private sealed record Key(ChineseVariant Variant, bool Html, string Text);
}
