using AngleSharp.Html;

namespace Inertia.Feeds.Text;

/// <summary>The HTML5 named character references (from AngleSharp's table) plus XML's five.</summary>
public static class NamedEntities
{
    public static string? Lookup(ReadOnlySpan<char> name)
    {
        switch (name)
        {
            case "amp": return "&";
            case "lt": return "<";
            case "gt": return ">";
            case "quot": return "\"";
            case "apos": return "'";
            case "nbsp": return "\u00A0";
        }
        return HtmlEntityProvider.Resolver.GetSymbol(string.Concat(name, ";"));
    }
}
