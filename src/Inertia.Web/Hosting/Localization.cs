using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

[assembly: RootNamespace("Inertia.Web")]

namespace Inertia.Web.Hosting;

/// <summary>
/// The three languages (简体中文, the default; 繁體中文, its strings made by OpenCC; and English): chosen from `?lang=` (remembered in a cookie), the signed-in
/// user's setting, that cookie, then Accept-Language. The process runs with invariant globalization (no ICU): cultures
/// serve only to pick resources, so the Chinese one is the neutral `zh` (the satellite folder's name whatever the
/// runtime's casing of `zh-Hans`), and dates and durations are written by <see cref="DateText"/>.
/// </summary>
public static class Localization
{
    /// <summary>The language tag of 简体中文: cookies, settings, `lang` attributes.</summary>
    public const string Chinese = "zh-Hans";
    /// <summary>The language tag of 繁體中文 (Taiwan forms and phrases).</summary>
    public const string TraditionalChinese = "zh-Hant";
    public const string English = "en";
    public const string LanguageCookie = "inertia-lang";
    public const string ThemeCookie = "inertia-theme";

    /// <summary>The culture the Chinese resources are filed under (Strings.zh.resx).</summary>
    private const string ChineseCulture = "zh";

    /// <summary>
    /// The culture the Traditional resources are filed under (Strings.zh-TW.resx): without ICU the runtime names zh-Hant
    /// "zh-HANT", and looks for its satellite folder by that name on a case-sensitive file system.
    /// </summary>
    private const string TraditionalCulture = "zh-TW";

    public static IReadOnlyList<CultureInfo> Cultures { get; } = [new(ChineseCulture), new(TraditionalCulture), new(English)];

    /// <summary>The language of this request: <see cref="Chinese"/>, <see cref="TraditionalChinese"/> or <see cref="English"/>.</summary>
    public static string Current => CultureInfo.CurrentUICulture.Name switch
    {
        English => English,
        TraditionalCulture => TraditionalChinese,
        _ => Chinese,
    };

    /// <summary>Whether the page speaks Chinese, in either script.</summary>
    public static bool IsChinese => Current != English;

    /// <summary>The form the public site shows Chinese text in for this request's language (English: as written).</summary>
    public static Inertia.Reader.Chinese.ChineseVariant Variant => Current switch
    {
        TraditionalChinese => Inertia.Reader.Chinese.ChineseVariant.Taiwan,
        Chinese => Inertia.Reader.Chinese.ChineseVariant.Simplified,
        _ => Inertia.Reader.Chinese.ChineseVariant.Original,
    };

    /// <summary>
    /// The supported language a tag asks for (zh, zh-CN, zh-Hans… → zh-Hans; zh-Hant, zh-TW, zh-HK, zh-MO → zh-Hant;
    /// en, en-GB… → en), or null.
    /// </summary>
    public static string? LanguageOf(string? tag)
    {
        var t = tag?.Trim().ToLowerInvariant();
        return t switch
        {
            null or "" => null,
            _ when t.StartsWith("zh-hant", StringComparison.Ordinal) || t is "zh-tw" or "zh-hk" or "zh-mo" => TraditionalChinese,
            _ when t == "zh" || t.StartsWith("zh-", StringComparison.Ordinal) => Chinese,
            _ when t == "en" || t.StartsWith("en-", StringComparison.Ordinal) => English,
            _ => null,
        };
    }

    /// <summary>The first supported language of an Accept-Language header, by quality.</summary>
    public static string? FromAcceptLanguage(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }
        var best = (Language: (string?)null, Quality: -1.0);
        foreach (var part in header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split(';', StringSplitOptions.TrimEntries);
            var quality = 1.0;
            foreach (var p in pieces.Skip(1))
            {
                if (p.StartsWith("q=", StringComparison.OrdinalIgnoreCase) && double.TryParse(p[2..], NumberStyles.Float, CultureInfo.InvariantCulture, out var q))
                {
                    quality = q;
                }
            }
            if (LanguageOf(pieces[0]) is { } language && quality > best.Quality)
            {
                best = (language, quality);
            }
        }
        return best.Language;
    }

    public static IServiceCollection AddLanguages(this IServiceCollection services)
    {
        // the resources are named after their class (Inertia.Web.Strings), not their folder
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(ChineseCulture);
            o.SupportedCultures = [.. Cultures];
            o.SupportedUICultures = [.. Cultures];
            o.RequestCultureProviders = [new LanguageProvider()];
        });
        return services;
    }

    /// <summary>`?lang=` and `?theme=` set their cookie and redirect to the same address without them (so pages stay cacheable).</summary>
    public static IApplicationBuilder UseLanguageAndThemeSwitches(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var query = context.Request.Query;
        var lang = query["lang"].ToString();
        var theme = query["theme"].ToString();
        if (context.Request.Method is "GET" or "HEAD" && (lang.Length > 0 || theme.Length > 0))
        {
            var cookie = new CookieOptions { HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, MaxAge = TimeSpan.FromDays(365) };
            if (LanguageOf(lang) is { } language)
            {
                context.Response.Cookies.Append(LanguageCookie, language, cookie);
            }
            if (theme is "light" or "dark")
            {
                context.Response.Cookies.Append(ThemeCookie, theme, cookie);
            }
            else if (theme == "system")
            {
                context.Response.Cookies.Delete(ThemeCookie);
            }
            var rest = QueryString.Create(query.Where(q => q.Key is not ("lang" or "theme")).SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v))));
            context.Response.Redirect(context.Request.PathBase + context.Request.Path + rest);
            return;
        }
        await next(context);
    });

    /// <summary>The theme the visitor chose (light, dark), or null for the system's.</summary>
    public static string? ThemeOf(HttpContext context) =>
        context.Items[UserPreferences.ThemeItem] as string ?? (context.Request.Cookies[ThemeCookie] is "light" or "dark" ? context.Request.Cookies[ThemeCookie] : null);

    private sealed class LanguageProvider : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            var language = httpContext.Items[UserPreferences.LanguageItem] as string
                ?? LanguageOf(httpContext.Request.Cookies[LanguageCookie])
                ?? FromAcceptLanguage(httpContext.Request.Headers.AcceptLanguage)
                ?? Chinese;
            return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(language switch
            {
                Chinese => ChineseCulture,
                TraditionalChinese => TraditionalCulture,
                _ => English,
            }));
        }
    }
}

/// <summary>Dates and durations in the reader's language and time zone (our own patterns: no ICU data is loaded).</summary>
public sealed class DateText(IStringLocalizer<Strings> t)
{
    /// <summary>The time zone to show times in: the user's, else the one usual for the language.</summary>
    public static TimeZoneInfo ZoneFor(HttpContext context)
    {
        if (context.Items[UserPreferences.TimeZoneItem] is string id && TryZone(id) is { } zone)
        {
            return zone;
        }
        return Localization.Current switch
        {
            Localization.Chinese => TryZone("Asia/Shanghai") ?? TimeZoneInfo.Utc,
            Localization.TraditionalChinese => TryZone("Asia/Taipei") ?? TimeZoneInfo.Utc,
            _ => TimeZoneInfo.Utc,
        };
    }

    public static TimeZoneInfo? TryZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    private static readonly string[] s_months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>The date as the seed page writes it in Chinese (2026-06-13), or "Jun 13, 2026" in English.</summary>
    public string Date(long unixSeconds, TimeZoneInfo zone)
    {
        var d = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(unixSeconds), zone);
        return Localization.IsChinese
            ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{s_months[d.Month - 1]} {d.Day}, {d.Year}");
    }

    /// <summary>The date and time, for a tooltip.</summary>
    public string DateTime(long unixSeconds, TimeZoneInfo zone)
    {
        var d = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(unixSeconds), zone);
        return Date(unixSeconds, zone) + d.ToString(" HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>ISO 8601 for &lt;time datetime&gt;.</summary>
    public static string Iso(long unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(unixSeconds).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>A length of time in words: "3 min", "2 h", "4 days".</summary>
    public string Duration(TimeSpan span)
    {
        var s = span.Duration();
        return s.TotalMinutes < 1 ? t["JustNow"]
            : s.TotalHours < 1 ? t["Minutes", (int)s.TotalMinutes]
            : s.TotalDays < 1 ? t["Hours", (int)s.TotalHours]
            : (int)s.TotalDays == 1 ? t["OneDay"]
            : t["Days", (int)s.TotalDays];
    }

    /// <summary>"3 min ago", or "just now".</summary>
    public string Ago(long unixSeconds, long now)
    {
        var span = TimeSpan.FromSeconds(now - unixSeconds);
        return span.TotalMinutes < 1 ? t["JustNow"] : t["Ago", Duration(span)];
    }

    /// <summary>"in 10 min".</summary>
    public string In(long unixSeconds, long now) => unixSeconds <= now ? t["HealthSoon"] : t["In", Duration(TimeSpan.FromSeconds(unixSeconds - now))];
}
