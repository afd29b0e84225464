using Inertia.Reader.Chinese;
using Inertia.Reader.Storage;

namespace Inertia.Web.Chinese;

/// <summary>The reader's and the public site's records with their titles, excerpts, summaries and content in a Chinese form.</summary>
public static class ChineseShown
{
    /// <summary>A list line in the form its feed is read in.</summary>
    public static EntryLine Line(ChineseConversion conversion, EntryLine line, ChineseVariant variant) =>
        variant == ChineseVariant.Original || !conversion.IsAvailable ? line
            : line with { Title = conversion.Text(line.Title, variant), Excerpt = conversion.Text(line.Excerpt, variant), FeedTitle = conversion.Text(line.FeedTitle, variant) };

    /// <summary>An article in the form its feed is read in (content and summary as HTML: tags and URLs untouched).</summary>
    public static T Article<T>(ChineseConversion conversion, T article, ChineseVariant variant) where T : Article =>
        variant == ChineseVariant.Original || !conversion.IsAvailable ? article
            : article with
            {
                Title = conversion.Text(article.Title, variant),
                Summary = conversion.Html(article.Summary, variant),
                Content = conversion.Html(article.Content, variant),
                FeedTitle = conversion.Text(article.FeedTitle, variant),
            };

    /// <summary>The catalog's group titles and feed names and descriptions in a form (the public site's sidebar and home page).</summary>
    public static IReadOnlyList<CatalogGroup> Catalog(ChineseConversion conversion, IReadOnlyList<CatalogGroup> groups, ChineseVariant variant) =>
        variant == ChineseVariant.Original || !conversion.IsAvailable ? groups
            : [.. groups.Select(g => g with
            {
                Title = conversion.Text(g.Title, variant)!,
                Feeds = [.. g.Feeds.Select(f => Feed(conversion, f, variant))],
            })];

    /// <summary>A feed's name and description in a form.</summary>
    public static FeedCard Feed(ChineseConversion conversion, FeedCard feed, ChineseVariant variant) =>
        variant == ChineseVariant.Original || !conversion.IsAvailable ? feed
            : feed with { Title = conversion.Text(feed.Title, variant), Description = conversion.Text(feed.Description, variant) };

    /// <summary>
    /// The lang attribute of an entry's text: the form it is shown in where it has Chinese to convert, else what its feed
    /// says (null when the feed says nothing: the page's own language stands).
    /// </summary>
    public static string? Lang(ChineseVariant variant, string? feedLanguage, string? text) =>
        (ChineseText.HasHan(text) ? ChineseVariants.LanguageTag(variant) : null) ?? feedLanguage;
}
