namespace Inertia.Feeds.Text;

/// <summary>Maps character offsets of a text to 1-based line numbers; built lazily because only warnings need it.</summary>
public sealed class LineIndex(ReadOnlyMemory<char> text)
{
    private int[]? _lineStarts;

    public int LineOf(int offset)
    {
        _lineStarts ??= Build(text);
        var i = Array.BinarySearch(_lineStarts, offset);
        return (i >= 0 ? i : ~i - 1) + 1;
    }

    private static int[] Build(ReadOnlyMemory<char> text)
    {
        var starts = new List<int> { 0 };
        var span = text.Span;
        var pos = 0;
        while (true)
        {
            var i = span[pos..].IndexOf('\n');
            if (i < 0)
            {
                break;
            }
            pos += i + 1;
            starts.Add(pos);
        }
        return [.. starts];
    }
}
