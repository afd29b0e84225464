namespace Inertia.Feeds.Text;

/// <summary>Collects "line N: what was wrong" warnings for one document, capped so a broken document cannot flood them.</summary>
public sealed class ParseDiagnostics
{
    private readonly LineIndex? _lines;
    private readonly int _maxWarnings;
    private readonly List<string> _warnings = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private int _dropped;

    /// <summary>Warnings about a text whose offsets are characters (or about no text, when null).</summary>
    public ParseDiagnostics(ReadOnlyMemory<char>? text, int maxWarnings = 200)
        : this(text is null ? null : new LineIndex(text.Value), maxWarnings)
    {
    }

    private ParseDiagnostics(LineIndex? lines, int maxWarnings)
    {
        _lines = lines;
        _maxWarnings = maxWarnings;
    }

    /// <summary>Warnings about UTF-8 text whose offsets are bytes.</summary>
    public static ParseDiagnostics ForUtf8(ReadOnlyMemory<byte> utf8, int maxWarnings = 200) => new(new LineIndex(utf8), maxWarnings);

    public IReadOnlyList<string> Warnings =>
        _dropped == 0 ? _warnings : [.. _warnings, $"{_dropped} more warnings not shown"];

    /// <summary>True once the cap is reached: callers on hot paths skip making messages that would only be counted.</summary>
    public bool IsFull => _warnings.Count >= _maxWarnings;

    /// <summary>Counts a warning past the cap without making its message.</summary>
    public void CountDropped() => _dropped++;

    /// <summary>Records a warning at an offset of the document (or none, for document-wide problems).</summary>
    public void Warn(int? offset, string message)
    {
        if (IsFull)
        {
            // past the cap a warning is only counted: no line lookup, no text kept to compare later ones with
            _dropped++;
            return;
        }
        var line = offset is int o && _lines is not null ? _lines.LineOf(o) : (int?)null;
        WarnAtLine(line, message);
    }

    public void WarnAtLine(int? line, string message)
    {
        if (IsFull)
        {
            _dropped++;
            return;
        }
        var text = line is int l ? $"line {l}: {message}" : message;
        if (_seen.Add(text))
        {
            _warnings.Add(text);
        }
    }

    /// <summary>True once text read from the document held bytes that are not UTF-8.</summary>
    public bool SawInvalidUtf8 { get; private set; }

    public void NoteInvalidUtf8() => SawInvalidUtf8 = true;

    public int LineOf(int offset) => _lines?.LineOf(offset) ?? 0;
}
