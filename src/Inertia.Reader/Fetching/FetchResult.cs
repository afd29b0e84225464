namespace Inertia.Reader.Fetching;

/// <summary>The result of fetching one feed: the body and validators when fetched, the reason in plain words when not.</summary>
public sealed record FetchResult
{
    public required FetchOutcome Outcome { get; init; }
    public int? StatusCode { get; init; }
    public byte[]? Body { get; init; }
    public string? ContentType { get; init; }
    public string? ETag { get; init; }
    public string? LastModified { get; init; }
    /// <summary>The URL the feed has permanently moved to: every redirect on the way was 301 or 308.</summary>
    public Uri? MovedPermanentlyTo { get; init; }
    /// <summary>How long the server asked us to wait (Retry-After on 429/503), for the scheduler.</summary>
    public TimeSpan? RetryAfter { get; init; }
    /// <summary>Cache-Control max-age or Expires, for the scheduler.</summary>
    public TimeSpan? FreshFor { get; init; }
    public string? Reason { get; init; }

    public static FetchResult Failure(string reason, int? status = null, TimeSpan? retryAfter = null) =>
        new() { Outcome = FetchOutcome.Failed, Reason = reason, StatusCode = status, RetryAfter = retryAfter };
}
