namespace Inertia.Reader.WebSub;

/// <summary>What the callback answers a hub: an HTTP status, an optional plain-text body, and what was done, in words, for the log.</summary>
public sealed record CallbackAnswer(int Status, string? Body, string Note);
