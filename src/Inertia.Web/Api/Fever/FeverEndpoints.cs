namespace Inertia.Web.Api.Fever;

/// <summary>The Fever API at <c>/fever/</c> and <c>/api/fever.php</c>, GET or POST; API passwords only, no cookie.</summary>
public static class FeverEndpoints
{
    private static readonly string[] s_getPost = [HttpMethods.Get, HttpMethods.Post];

    public static void MapFever(this IEndpointRouteBuilder app)
    {
        // "/fever" matches "/fever/" as well
        foreach (var path in (string[])["/fever", "/api/fever.php"])
        {
            app.MapMethods(path, s_getPost, FeverCall.HandleAsync).DisableAntiforgery();
        }
    }
}
