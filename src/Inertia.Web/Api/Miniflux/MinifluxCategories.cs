using Inertia.Reader.Storage;

namespace Inertia.Web.Api.Miniflux;

/// <summary>Miniflux's category writes and views: create, rename, delete (its feeds stay, in no category), its feeds.</summary>
public static class MinifluxCategories
{
    public sealed record CategoryTitle(string? Title);

    public static async Task<IResult> CreateAsync(MinifluxCall call)
    {
        var title = await TitleAsync(call);
        var id = await CategoryStore.AddAsync(call.Connection, call.UserId, title) ?? throw new MinifluxError(400, "This category already exists");
        return Results.Json(new MinifluxJson.Category(id, title, call.UserId), MinifluxCall.Json, statusCode: 201);
    }

    public static async Task<IResult> UpdateAsync(MinifluxCall call, long id)
    {
        _ = await CategoryStore.ByIdAsync(call.Connection, call.UserId, id) ?? throw new MinifluxError(404, "Category not found");
        var title = await TitleAsync(call);
        return await CategoryStore.RetitleAsync(call.Connection, call.UserId, id, title)
            ? Results.Json(new MinifluxJson.Category(id, title, call.UserId), MinifluxCall.Json, statusCode: 201)
            : throw new MinifluxError(400, "This category already exists");
    }

    public static async Task<IResult> DeleteAsync(MinifluxCall call, long id) =>
        await CategoryStore.DeleteAsync(call.Connection, call.UserId, id) ? Results.NoContent() : throw new MinifluxError(404, "Category not found");

    public static async Task<IResult> FeedsAsync(MinifluxCall call, long id)
    {
        _ = await CategoryStore.ByIdAsync(call.Connection, call.UserId, id) ?? throw new MinifluxError(404, "Category not found");
        var feeds = await ReaderViews.SubscriptionsAsync(call.Connection, call.UserId);
        return Results.Json(feeds.Where(s => s.CategoryId == id).Select(s => MinifluxJson.For(call.UserId, s)).ToList(), MinifluxCall.Json);
    }

    private static async Task<string> TitleAsync(MinifluxCall call)
    {
        var title = (await call.BodyAsync<CategoryTitle>()).Title?.Trim();
        return title is { Length: > 0 and <= 200 } ? title : throw new MinifluxError(400, "The title is required (at most 200 characters)");
    }
}
