using Inertia.Reader.Storage;

namespace Inertia.Web.Shared;

/// <summary>A list of entry lines (each knows its feed's name and icon) and where each one links.</summary>
public sealed record EntryLinesView(IReadOnlyList<EntryLine> Entries, Func<EntryLine, string> Link, bool ShowExcerpts = true)
{
    /// <summary>The entry's excerpt cut to a line or two of a list (whole characters: the cut never splits a surrogate pair).</summary>
    public static string? Excerpt(EntryLine e) =>
        e.Excerpt is { Length: > 220 } text ? Inertia.Feeds.Text.Utf16Text.Cut(text, 220).TrimEnd() + "…" : e.Excerpt;
}
