using Inertia.Reader.Storage;

namespace Inertia.Web.Shared;

/// <summary>
/// A list of entry lines (each knows its feed's name and icon) and where each one links. In the reader, each line also
/// shows the user's state of it (<paramref name="States"/>: read, starred, its original for the keyboard) and the
/// search's words marked (<paramref name="Highlight"/>).
/// </summary>
public sealed record EntryLinesView(IReadOnlyList<EntryLine> Entries, Func<EntryLine, string> Link, bool ShowExcerpts = true,
    IReadOnlyDictionary<long, ReaderLine>? States = null, string? Highlight = null)
{
    /// <summary>The lang attribute of a line's text (its feed's language or the Chinese form it is shown in), or null.</summary>
    public Func<EntryLine, string?>? Lang { get; init; }

    /// <summary>For a line whose story also came through other feeds of the user's: those copies.</summary>
    public IReadOnlyDictionary<long, IReadOnlyList<StoryCopy>>? Copies { get; init; }

    /// <summary>Lines shown whole (their sanitized content, under the line) instead of their excerpt, by id.</summary>
    public IReadOnlyDictionary<long, string>? Contents { get; init; }

    /// <summary>Links in those contents open in a new tab (the reader's setting, as on the article page).</summary>
    public bool ContentLinksInNewTab { get; init; }

    /// <summary>The reader's lines, in their order, each with its state.</summary>
    public static EntryLinesView Of(IReadOnlyList<ReaderLine> lines, Func<EntryLine, string> link, string? highlight, Func<EntryLine, string?>? lang = null) =>
        new([.. lines.Select(l => l.Entry)], link, States: lines.ToDictionary(l => l.Entry.Id), Highlight: highlight) { Lang = lang };

    /// <summary>The names of the other feeds the entry's story came through (none: empty).</summary>
    public IReadOnlyList<string> AlsoIn(EntryLine e) =>
        Copies?.GetValueOrDefault(e.Id) is { } copies ? [.. copies.Select(c => c.FeedName).Distinct()] : [];

    /// <summary>The entry's excerpt cut to a line or two of a list (whole characters: the cut never splits a surrogate pair).</summary>
    public static string? Excerpt(EntryLine e) =>
        e.Excerpt is { Length: > 220 } text ? Inertia.Feeds.Text.Utf16Text.Cut(text, 220).TrimEnd() + "…" : e.Excerpt;
}
