using Inertia.Reader.Storage;

namespace Inertia.Web.Api.Fever;

/// <summary>
/// Fever's marks: <c>mark=item</c> with <c>as=read|unread|saved|unsaved</c> and <c>id</c>; <c>mark=feed</c> and
/// <c>mark=group</c> (group 0: everything; <see cref="Uncategorized"/>: the feeds in no category) with <c>as=read</c> and <c>before</c>, a time: entries that arrived before it.
/// </summary>
public static class FeverMarks
{
    /// <summary>
    /// The group of the feeds in no category (Fever's own ids 0 and -1 mean everything and the sparks): apps such as Read
    /// You need every feed in a group.
    /// </summary>
    public const long Uncategorized = int.MaxValue;
    public const string UncategorizedTitle = "Uncategorized";

    public static async Task ApplyAsync(FeverCall call, string mark)
    {
        var action = call.Parameters.One("as") ?? throw new FeverError("mark needs as=read|unread|saved|unsaved");
        var id = call.Number("id") ?? throw new FeverError("mark needs an id");
        var userId = call.Caller.UserId;
        var ct = call.Http.RequestAborted;
        switch (mark)
        {
            case "item":
                IReadOnlyList<MarkResult> result = action switch
                {
                    "read" => await ReadState.SetReadAsync(call.Database, userId, [id], true, call.Now, ct),
                    "unread" => await ReadState.SetReadAsync(call.Database, userId, [id], false, call.Now, ct),
                    "saved" => await ReadState.SetStarredAsync(call.Database, userId, [id], true, call.Now, ct),
                    "unsaved" => await ReadState.SetStarredAsync(call.Database, userId, [id], false, call.Now, ct),
                    _ => throw new FeverError($"unknown as={action}"),
                };
                if (result[0] == MarkResult.NotSubscribed)
                {
                    throw new FeverError("no such item");
                }
                return;
            case "feed" or "group":
                if (action != "read")
                {
                    throw new FeverError($"a {mark} can only be marked read");
                }
                // what is marked: one feed, one category, the feeds in none (each a feed), or everything (group 0)
                List<(long? Feed, long? Category)> scopes;
                if (mark == "feed")
                {
                    scopes = [(await ReaderViews.IsSubscribedAsync(call.Connection, userId, id) ? id : throw new FeverError("no such feed"), null)];
                }
                else if (id == Uncategorized)
                {
                    scopes = [.. (await ReaderViews.SubscriptionsAsync(call.Connection, userId)).Where(s => s.CategoryId is null).Select(s => ((long?)s.FeedId, (long?)null))];
                }
                else if (id != 0)
                {
                    scopes = [(null, (await CategoryStore.ListAsync(call.Connection, userId)).Any(c => c.Id == id) ? id : throw new FeverError("no such group"))];
                }
                else
                {
                    scopes = [(null, null)];
                }
                // "before" is a time; what arrived at or after it stays unread (absent: now)
                var before = call.Number("before") ?? call.Now + 1;
                foreach (var (feedId, categoryId) in scopes)
                {
                    var upTo = await ItemStream.NewestSeenByAsync(call.Connection, userId, feedId, categoryId, before - 1);
                    if (upTo > 0)
                    {
                        await ReadState.MarkAllReadAsync(call.Database, userId, upTo, feedId, categoryId, ct);
                    }
                }
                return;
            default:
                throw new FeverError($"unknown mark={mark}");
        }
    }
}
