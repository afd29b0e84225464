namespace Inertia.Feeds.Html;

/// <summary>
/// Flattens HTML nested deeper than a limit before it reaches the HTML parser: a hostile feed's 20,000 nested tags would
/// otherwise cost seconds in the parser's tree building. Tags past the limit are dropped; their text is kept.
/// </summary>
public static class NestingLimiter
{
    public static string Limit(string html, int maxDepth)
    {
        // cheap exit: fewer tags than the limit cannot nest deeper than it
        if (html.AsSpan().Count('<') <= maxDepth)
        {
            return html;
        }
        var span = html.AsSpan();
        System.Text.StringBuilder? output = null;
        int depth = 0, suppressed = 0, copiedTo = 0, i = 0;
        while (true)
        {
            var lt = span[i..].IndexOf('<');
            if (lt < 0)
            {
                break;
            }
            var start = i + lt;
            var gt = span[start..].IndexOf('>');
            if (gt < 0)
            {
                break;
            }
            var end = start + gt + 1;
            var tag = span[(start + 1)..(end - 1)];
            i = end;
            if (tag.IsEmpty || tag[0] is '!' or '?')
            {
                continue;
            }
            var closing = tag[0] == '/';
            var name = closing ? tag[1..] : tag;
            var n = 0;
            while (n < name.Length && char.IsAsciiLetterOrDigit(name[n]))
            {
                n++;
            }
            if (n == 0 || (!closing && (tag[^1] == '/' || IsVoid(name[..n]))))
            {
                continue;
            }
            bool drop;
            if (closing)
            {
                drop = suppressed > 0;
                if (drop)
                {
                    suppressed--;
                }
                else if (depth > 0)
                {
                    depth--;
                }
            }
            else if (depth >= maxDepth)
            {
                drop = true;
                suppressed++;
            }
            else
            {
                drop = false;
                depth++;
            }
            if (drop)
            {
                output ??= new System.Text.StringBuilder(html.Length);
                output.Append(span[copiedTo..start]);
                copiedTo = end;
            }
        }
        if (output is null)
        {
            return html;
        }
        output.Append(span[copiedTo..]);
        return output.ToString();
    }

    private static bool IsVoid(ReadOnlySpan<char> name) =>
        name.Equals("br", StringComparison.OrdinalIgnoreCase) || name.Equals("img", StringComparison.OrdinalIgnoreCase)
        || name.Equals("hr", StringComparison.OrdinalIgnoreCase) || name.Equals("wbr", StringComparison.OrdinalIgnoreCase)
        || name.Equals("source", StringComparison.OrdinalIgnoreCase) || name.Equals("input", StringComparison.OrdinalIgnoreCase)
        || name.Equals("meta", StringComparison.OrdinalIgnoreCase) || name.Equals("link", StringComparison.OrdinalIgnoreCase)
        || name.Equals("col", StringComparison.OrdinalIgnoreCase) || name.Equals("embed", StringComparison.OrdinalIgnoreCase)
        || name.Equals("track", StringComparison.OrdinalIgnoreCase) || name.Equals("area", StringComparison.OrdinalIgnoreCase);
}
