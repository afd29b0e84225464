using Inertia.Web.Accounts;

namespace Inertia.Web.Hosting;

/// <summary>
/// Hands the signed-in user's language, theme and time zone (claims of the session) to the language provider, the layout
/// and <see cref="DateText"/>, before localization runs.
/// </summary>
public static class UserPreferences
{
    public const string LanguageItem = "inertia-user-language";
    public const string ThemeItem = "inertia-user-theme";
    public const string TimeZoneItem = "inertia-user-timezone";

    public static IApplicationBuilder UseUserPreferences(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            if (Localization.LanguageOf(user.FindFirst(AccountServices.LanguageClaim)?.Value) is { } language)
            {
                context.Items[LanguageItem] = language;
            }
            if (user.FindFirst(AccountServices.ThemeClaim)?.Value is { } theme && theme is "light" or "dark")
            {
                context.Items[ThemeItem] = theme;
            }
            if (user.FindFirst(AccountServices.TimeZoneClaim)?.Value is { Length: > 0 } zone)
            {
                context.Items[TimeZoneItem] = zone;
            }
        }
        await next(context);
    });
}
