namespace Inertia.Feeds.Parsing.Json;

/// <summary>Repairs a truncated JSON Feed by cutting it after the last complete item and closing what is open.</summary>
internal static class JsonSalvage
{
    public static string? TryRepair(string text)
    {
        var items = text.IndexOf("\"items\"", StringComparison.Ordinal);
        if (items < 0)
        {
            return null;
        }
        var open = text.IndexOf('[', items);
        if (open < 0)
        {
            return null;
        }
        // walk the array, remembering where the last item at depth 1 ended
        var depth = 0;
        var inString = false;
        var lastItemEnd = -1;
        for (var i = open + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
                continue;
            }
            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{':
                case '[':
                    depth++;
                    break;
                case '}':
                case ']':
                    if (depth == 0)
                    {
                        return null; // the array closed: the break is elsewhere
                    }
                    depth--;
                    if (depth == 0)
                    {
                        lastItemEnd = i;
                    }
                    break;
            }
        }
        if (lastItemEnd < 0)
        {
            return text[..(open + 1)] + "]}";
        }
        return text[..(lastItemEnd + 1)] + "]}";
    }
}
