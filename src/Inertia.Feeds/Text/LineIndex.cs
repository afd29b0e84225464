namespace Inertia.Feeds.Text;

/// <summary>Maps offsets of a text (characters, or bytes of UTF-8) to 1-based line numbers; built lazily because only warnings need it.</summary>
public sealed class LineIndex
{
    private readonly Func<int[]> _build;
    private int[]? _lineStarts;

    public LineIndex(ReadOnlyMemory<char> text) => _build = () => Build(text.Span, '\n');

    public LineIndex(ReadOnlyMemory<byte> utf8) => _build = () => Build(utf8.Span, (byte)'\n');

    public int LineOf(int offset)
    {
        _lineStarts ??= _build();
        var i = Array.BinarySearch(_lineStarts, offset);
        return (i >= 0 ? i : ~i - 1) + 1;
    }

    private static int[] Build<T>(ReadOnlySpan<T> span, T newline)
        where T : IEquatable<T>
    {
        var starts = new List<int> { 0 };
        var pos = 0;
        while (true)
        {
            var i = span[pos..].IndexOf(newline);
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
