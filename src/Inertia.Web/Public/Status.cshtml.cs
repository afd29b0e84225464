using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inertia.Web.Public;

/// <summary>The page behind an error status (404, 429, 500): re-executed in place of an empty response, in the site's look.</summary>
// re-executed with the failed request's method: a refused form post shows this page too, and carries no usable token
[Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet(int code)
    {
        // only the statuses this page knows are echoed; a request for /status/200 is a 404 like any unknown page
        Code = code is 400 or 403 or 404 or 429 or 500 ? code : 404;
        Response.StatusCode = Code;
    }

    public void OnPost(int code) => OnGet(code);
}
