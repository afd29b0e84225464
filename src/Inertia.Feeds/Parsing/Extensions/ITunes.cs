using Inertia.Feeds.Xml;

namespace Inertia.Feeds.Parsing.Extensions;

/// <summary>iTunes podcast tags on items: author, summary, subtitle, image, keywords.</summary>
internal static class ITunes
{
    public static void Read(FeedContext ctx, XmlElementNode item, EntryDraft draft)
    {
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
                    draft.ImageUrl ??= ctx.Attr(e, "href") ?? ctx.TrimmedText(e);
                    break;
                case "summary":
                case "subtitle":
                    var text = ctx.TrimmedText(e);
                    if (draft.Summary is null && text is not null)
                    {
                        draft.Summary = MediaRss.PlainToHtml(text);
                    }
                    break;
                case "title":
                    draft.Title ??= Text.PlainText.FromHtml(ctx.TrimmedText(e));
                    break;
            }
        }
    }
}
