namespace Inertia.Reader.Chinese;

/// <summary>A written form of Chinese text is shown in; <see cref="Original"/> shows it as the feed wrote it.</summary>
public enum ChineseVariant
{
    Original,
    Simplified,
    Traditional,
    Taiwan,
    HongKong,
}

/// <summary>The short codes settings store (<c>s</c>, <c>t</c>, <c>tw</c>, <c>hk</c>) and the OpenCC configuration each is made by.</summary>
public static class ChineseVariants
{
    /// <summary>Every variant that converts, in the order settings list them.</summary>
    public static readonly IReadOnlyList<ChineseVariant> Converting =
        [ChineseVariant.Simplified, ChineseVariant.Traditional, ChineseVariant.Taiwan, ChineseVariant.HongKong];

    /// <summary>What a subscription stores to be shown as written whatever its user chose for the rest.</summary>
    public const string OriginalCode = "original";

    /// <summary>The code stored for a variant; null for <see cref="ChineseVariant.Original"/>.</summary>
    public static string? Code(ChineseVariant variant) => variant switch
    {
        ChineseVariant.Simplified => "s",
        ChineseVariant.Traditional => "t",
        ChineseVariant.Taiwan => "tw",
        ChineseVariant.HongKong => "hk",
        _ => null,
    };

    /// <summary>The variant a stored code names; anything else (null, unknown) is <see cref="ChineseVariant.Original"/>.</summary>
    public static ChineseVariant Parse(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        "s" => ChineseVariant.Simplified,
        "t" => ChineseVariant.Traditional,
        "tw" => ChineseVariant.Taiwan,
        "hk" => ChineseVariant.HongKong,
        _ => ChineseVariant.Original,
    };

    /// <summary>
    /// The OpenCC configuration that writes text in a variant. Simplified undoes Taiwan phrases too (軟體 → 软件); Taiwan
    /// uses Taiwan phrases (软件 → 軟體, 博客 → 部落格). Input of the other script passes through each mostly unchanged.
    /// </summary>
    public static string Config(ChineseVariant variant) => variant switch
    {
        ChineseVariant.Simplified => "tw2sp.json",
        ChineseVariant.Traditional => "s2t.json",
        ChineseVariant.Taiwan => "s2twp.json",
        ChineseVariant.HongKong => "s2hk.json",
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, "the original form needs no converter"),
    };

    /// <summary>The BCP 47 tag of text in a variant, for the <c>lang</c> attribute; null for the original.</summary>
    public static string? LanguageTag(ChineseVariant variant) => variant switch
    {
        ChineseVariant.Simplified => "zh-Hans",
        ChineseVariant.Traditional => "zh-Hant",
        ChineseVariant.Taiwan => "zh-Hant-TW",
        ChineseVariant.HongKong => "zh-Hant-HK",
        _ => null,
    };
}
