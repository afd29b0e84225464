namespace Inertia.Reader.Storage;

/// <summary>How a user reads: entries a list page holds, whole entries or their start in lists, links in articles in a new tab, when entries are marked read, the form of Chinese.</summary>
public sealed class ReadingSettings
{
    public const string OnOpen = "open", OnScroll = "scroll", Never = "never";

    public int EntriesPerPage { get; init; } = 50;
    public bool OpenInNewTab { get; init; }
    /// <summary>Lists show each entry's whole content (else the start of its text).</summary>
    public bool ListContent { get; init; }
    /// <summary><see cref="OnOpen"/>, <see cref="OnScroll"/> (as the list scrolls past them, and on opening), or <see cref="Never"/> (only by hand).</summary>
    public string MarkRead { get; init; } = OnOpen;
    /// <summary>The form Chinese text is shown in (<see cref="Chinese.ChineseVariants.Code"/>; null: as written).</summary>
    public string? ChineseVariant { get; init; }
    /// <summary>The RSSHub instance <c>rsshub://</c> addresses expand against (null: the configured default).</summary>
    public string? RssHubInstance { get; init; }
    /// <summary>Every image and enclosure of the reader through the media proxy (else only those of hosts with a rule).</summary>
    public bool ProxyMedia { get; init; }
}
