using System.Xml;

namespace Inertia.Feeds.Opml;

/// <summary>Writes subscriptions as OPML 2.0, one outline per category holding its feeds.</summary>
public static class OpmlWriter
{
    public static void Write(Stream output, string title, IEnumerable<OpmlOutline> outlines, DateTimeOffset created)
    {
        using var w = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false) });
        w.WriteStartDocument();
        w.WriteStartElement("opml");
        w.WriteAttributeString("version", "2.0");
        w.WriteStartElement("head");
        w.WriteElementString("title", title);
        w.WriteElementString("dateCreated", created.UtcDateTime.ToString("r", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteEndElement();
        w.WriteStartElement("body");
        // group by the first category, keeping the order in which categories first appear
        foreach (var group in outlines.GroupBy(o => o.Categories.Count > 0 ? o.Categories[0] : null))
        {
            if (group.Key is not null)
            {
                w.WriteStartElement("outline");
                w.WriteAttributeString("text", group.Key);
                w.WriteAttributeString("title", group.Key);
            }
            foreach (var o in group)
            {
                w.WriteStartElement("outline");
                w.WriteAttributeString("type", "rss");
                w.WriteAttributeString("text", o.Title ?? o.FeedUrl);
                w.WriteAttributeString("title", o.Title ?? o.FeedUrl);
                w.WriteAttributeString("xmlUrl", o.FeedUrl);
                if (o.SiteUrl is not null)
                {
                    w.WriteAttributeString("htmlUrl", o.SiteUrl);
                }
                w.WriteEndElement();
            }
            if (group.Key is not null)
            {
                w.WriteEndElement();
            }
        }
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndDocument();
    }
}
