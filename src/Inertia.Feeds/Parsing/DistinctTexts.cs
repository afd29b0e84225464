namespace Inertia.Feeds.Parsing;

/// <summary>
/// Distinct non-empty texts in the order first seen (an entry's categories, a JSON item's authors): most entries have one or
/// none, so a list is made only for a second.
/// </summary>
internal struct DistinctTexts
{
    /// <summary>More than any real entry has; a document listing 200,000 categories on one entry keeps the first of them.</summary>
    public const int Max = 1000;

    // a set joins the list once it is long enough that comparing with every text before costs more than hashing
    private const int ListOnly = 16;

    private string? _first;
    private List<string>? _all;
    private HashSet<string>? _seen;

    public void Add(string? text)
    {
        if (string.IsNullOrEmpty(text) || text == _first)
        {
            return;
        }
        if (_first is null)
        {
            _first = text;
            return;
        }
        _all ??= [_first];
        if (_all.Count >= Max)
        {
            return;
        }
        if (_seen is not null)
        {
            if (_seen.Add(text))
            {
                _all.Add(text);
            }
            return;
        }
        if (_all.Contains(text))
        {
            return;
        }
        _all.Add(text);
        if (_all.Count > ListOnly)
        {
            _seen = new HashSet<string>(_all, StringComparer.Ordinal);
        }
    }

    public readonly IReadOnlyList<string> ToList() => _all ?? (_first is null ? [] : [_first]);

    /// <summary>The first text, or null when there is none.</summary>
    public readonly string? First => _first;
}
