namespace Inertia.Reader.Fetching;

/// <summary>How a fetch ended.</summary>
public enum FetchOutcome
{
    /// <summary>200: a body to parse.</summary>
    Fetched,
    /// <summary>304: nothing changed, nothing to parse or write.</summary>
    NotModified,
    /// <summary>410: the feed is gone for good; disable it.</summary>
    Gone,
    /// <summary>Anything else: see the reason; try again later.</summary>
    Failed,
}
