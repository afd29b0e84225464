using Inertia.Feeds.Xml;

namespace Inertia.Feeds.Parsing.Extensions;

/// <summary>iTunes podcast tags on items: author, summary, subtitle, image, keywords.</summary>
internal static class ITunes
{
    public static void Read(FeedContext ctx, XmlElementNode item, EntryDraft draft)
    {
        string? summary = null, subtitle = null;
        foreach (var e in item.Elements())
        {
            if (e.Namespace != XmlNamespaces.ITunes)
            {
                continue;
            }
            switch (e.LocalName)
            {
                case "author":
                    draft.Author ??= Text.PlainText.FromHtml(ctx.TrimmedText(e));
                    break;
                case "image":
                    draft.ImageUrl ??= Image(ctx, e);
                    break;
                case "summary":
                    summary ??= ctx.TrimmedText(e);
                    break;
                case "subtitle":
                    subtitle ??= ctx.TrimmedText(e);
                    break;
                case "title":
                    draft.Title ??= Text.PlainText.FromHtml(ctx.TrimmedText(e));
                    break;
            }
        }
        // the subtitle is a line; the summary is the text: the subtitle stands in only when there is nothing else
        if (draft.Summary is null && (summary ?? subtitle) is { } text)
        {
            draft.Summary = MediaRss.PlainToHtml(text);
        }
    }

    /// <summary>The address of an itunes:image: its href, the url some feeds write instead, else its text.</summary>
    public static string? Image(FeedContext ctx, XmlElementNode? image) =>
        image is null ? null : ctx.Attr(image, "href") ?? ctx.Attr(image, "url") ?? ctx.TrimmedText(image);
}
