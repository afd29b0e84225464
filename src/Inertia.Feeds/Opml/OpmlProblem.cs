namespace Inertia.Feeds.Opml;

/// <summary>An outline that could not be imported, with its line and the reason.</summary>
public sealed record OpmlProblem(int Line, string Reason);
