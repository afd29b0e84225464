namespace Inertia.Feeds.Parsing;

/// <summary>
/// Distinct non-empty texts in the order first seen (an entry's categories, an item's creators): most entries have one or
/// none, so a list is made only for a second.
/// </summary>
internal struct DistinctTexts
{
    private string? _first;
    private List<string>? _all;

    public void Add(string? text)
    {
        if (string.IsNullOrEmpty(text) || text == _first || _all?.Contains(text) == true)
        {
            return;
        }
        if (_first is null)
        {
            _first = text;
        }
        else
        {
            (_all ??= [_first]).Add(text);
        }
    }

    public readonly IReadOnlyList<string> ToList() => _all ?? (_first is null ? [] : [_first]);

    /// <summary>The texts joined with <paramref name="separator"/>, or null when there are none.</summary>
    public readonly string? Join(string separator) => _all is null ? _first : string.Join(separator, _all);
}
