namespace Inertia.Web.Api.GoogleReader;

/// <summary>
/// The Google Reader API under <c>/api/greader.php/</c> (the path apps use for FreshRSS) and <c>/api/greader/</c>.
/// No cookie authenticates here (a page of another site cannot act through a signed-in browser): only API passwords.
/// </summary>
public static class GoogleReaderEndpoints
{
    private static readonly string[] s_getPost = [HttpMethods.Get, HttpMethods.Post];

    public static void MapGoogleReader(this IEndpointRouteBuilder app)
    {
        foreach (var prefix in (string[])["/api/greader.php", "/api/greader"])
        {
            var api = app.MapGroup(prefix).DisableAntiforgery();
            api.MapMethods("/accounts/ClientLogin", s_getPost, ClientLogin.HandleAsync);
            api.MapMethods("/reader/api/0/token", s_getPost, Account.TokenAsync);
            api.MapGet("/reader/api/0/user-info", Account.UserInfoAsync);
            api.MapGet("/reader/api/0/tag/list", Tags.ListAsync);
            api.MapGet("/reader/api/0/unread-count", Tags.UnreadCountAsync);
            api.MapPost("/reader/api/0/rename-tag", Tags.RenameAsync);
            api.MapPost("/reader/api/0/disable-tag", Tags.DisableAsync);
            api.MapGet("/reader/api/0/subscription/list", Subscriptions.ListAsync);
            api.MapPost("/reader/api/0/subscription/edit", Subscriptions.EditAsync);
            api.MapPost("/reader/api/0/subscription/quickadd", Subscriptions.QuickAddAsync);
            api.MapGet("/reader/api/0/subscription/export", Subscriptions.ExportAsync);
            api.MapPost("/reader/api/0/subscription/import", Subscriptions.ImportAsync);
            api.MapGet("/reader/api/0/stream/contents/{**stream}", Streams.ContentsAsync);
            api.MapGet("/reader/api/0/stream/contents", Streams.ContentsAsync);
            api.MapGet("/reader/api/0/stream/items/ids", Streams.IdsAsync);
            api.MapMethods("/reader/api/0/stream/items/contents", s_getPost, Streams.ItemsContentsAsync);
            api.MapPost("/reader/api/0/edit-tag", Marks.EditTagAsync);
            api.MapPost("/reader/api/0/mark-all-as-read", Marks.MarkAllAsReadAsync);
            api.MapGet("/reader/atom/{**stream}", AtomStream.HandleAsync);
        }
    }
}
