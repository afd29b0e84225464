namespace Inertia.Web.Api.GoogleReader;

/// <summary>What a Google Reader stream id names.</summary>
public enum StreamKind
{
    ReadingList,
    Read,
    Starred,
    KeptUnread,
    Label,
    Feed,
}

/// <summary>
/// A parsed stream id: <c>user/-/state/com.google/reading-list</c> (and read, starred, kept-unread),
/// <c>user/-/label/NAME</c>, <c>feed/ID</c> or <c>feed/URL</c>. The user part is <c>-</c> or the caller's own id.
/// </summary>
public sealed record StreamId(StreamKind Kind, string? Label = null, long? FeedId = null, string? FeedUrl = null)
{
    public const string ReadingListId = "user/-/state/com.google/reading-list";
    public const string ReadId = "user/-/state/com.google/read";
    public const string StarredId = "user/-/state/com.google/starred";
    public const string KeptUnreadId = "user/-/state/com.google/kept-unread";

    public static string ForFeed(long feedId) => $"feed/{feedId}";

    public static string ForLabel(string label) => $"user/-/label/{label}";

    /// <summary>The stream, or null when the text names none (or names another user's).</summary>
    public static StreamId? Parse(string? text, long callerId)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (text.StartsWith("feed/", StringComparison.Ordinal))
        {
            var rest = text[5..];
            if (rest.Length > 0 && rest.Length <= 18 && rest.All(char.IsAsciiDigit) && long.TryParse(rest, out var id))
            {
                return new StreamId(StreamKind.Feed, FeedId: id);
            }
            return Uri.TryCreate(rest, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
                ? new StreamId(StreamKind.Feed, FeedUrl: rest) : null;
        }
        if (!text.StartsWith("user/", StringComparison.Ordinal))
        {
            return null;
        }
        var slash = text.IndexOf('/', 5);
        if (slash < 0)
        {
            return null;
        }
        var user = text[5..slash];
        if (user != "-" && user != callerId.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            return null;
        }
        var what = text[(slash + 1)..];
        if (what.StartsWith("label/", StringComparison.Ordinal))
        {
            return what.Length > 6 ? new StreamId(StreamKind.Label, Label: what[6..]) : null;
        }
        return what switch
        {
            "state/com.google/reading-list" => new StreamId(StreamKind.ReadingList),
            "state/com.google/read" => new StreamId(StreamKind.Read),
            "state/com.google/starred" => new StreamId(StreamKind.Starred),
            "state/com.google/kept-unread" => new StreamId(StreamKind.KeptUnread),
            _ => null,
        };
    }
}
