using Microsoft.AspNetCore.Antiforgery;

namespace Inertia.Web.Hosting;

/// <summary>
/// Antiforgery for endpoints that take JSON (the passkey exchanges, the reader's in-place actions): the token travels in
/// the RequestVerificationToken header, read from the page's meta tag. Form posts are checked by ASP.NET itself.
/// </summary>
public sealed class AntiforgeryFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (!await antiforgery.IsRequestValidAsync(context.HttpContext))
        {
            return Results.Problem("The request's antiforgery token is missing or wrong; reload the page.", statusCode: StatusCodes.Status400BadRequest);
        }
        return await next(context);
    }
}
