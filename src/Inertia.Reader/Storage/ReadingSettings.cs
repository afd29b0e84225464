namespace Inertia.Reader.Storage;

/// <summary>How a user reads: entries a list page holds, links in articles in a new tab, when entries are marked read.</summary>
public sealed class ReadingSettings
{
    public const string OnOpen = "open", OnScroll = "scroll", Never = "never";

    public int EntriesPerPage { get; init; } = 50;
    public bool OpenInNewTab { get; init; }
    /// <summary><see cref="OnOpen"/>, <see cref="OnScroll"/> (as the list scrolls past them, and on opening), or <see cref="Never"/> (only by hand).</summary>
    public string MarkRead { get; init; } = OnOpen;
}
