namespace Inertia.Feeds.Text;

/// <summary>Collects "line N: what was wrong" warnings for one document, capped so a broken document cannot flood them.</summary>
public sealed class ParseDiagnostics(ReadOnlyMemory<char>? text, int maxWarnings = 200)
{
    private readonly LineIndex? _lines = text is null ? null : new LineIndex(text.Value);
    private readonly List<string> _warnings = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private int _dropped;

    public IReadOnlyList<string> Warnings =>
        _dropped == 0 ? _warnings : [.. _warnings, $"{_dropped} more warnings not shown"];

    /// <summary>Records a warning at a character offset of the document (or none, for document-wide problems).</summary>
    public void Warn(int? offset, string message)
    {
        var line = offset is int o && _lines is not null ? _lines.LineOf(o) : (int?)null;
        WarnAtLine(line, message);
    }

    public void WarnAtLine(int? line, string message)
    {
        var text = line is int l ? $"line {l}: {message}" : message;
        if (!_seen.Add(text))
        {
            return;
        }
        if (_warnings.Count >= maxWarnings)
        {
            _dropped++;
            return;
        }
        _warnings.Add(text);
    }

    public int LineOf(int offset) => _lines?.LineOf(offset) ?? 0;
}
