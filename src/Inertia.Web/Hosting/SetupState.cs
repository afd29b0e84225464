using Inertia.Reader.Storage;

namespace Inertia.Web.Hosting;

/// <summary>Whether anyone has an account yet: until someone does, every page leads to the one-time set-up page.</summary>
public sealed class SetupState(Database database)
{
    private volatile bool _hasUsers;

    public async ValueTask<bool> HasUsersAsync(CancellationToken cancellationToken)
    {
        if (_hasUsers)
        {
            return true;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        _hasUsers = await UserStore.CountAsync(connection) > 0;
        return _hasUsers;
    }
}

/// <summary>The gate in front of the pages while nobody has an account.</summary>
public static class SetupGate
{
    /// <summary>Leads every page to /setup while there is no user (the engine's endpoints and static files excepted).</summary>
    public static IApplicationBuilder UseSetupGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        var open = path.StartsWithSegments("/setup") || path.StartsWithSegments("/static") || path.StartsWithSegments("/healthz")
            || path.StartsWithSegments("/metrics") || path.StartsWithSegments("/icons") || path.StartsWithSegments("/proxy") || path.StartsWithSegments("/websub")
            || path.StartsWithSegments("/api") || path.StartsWithSegments("/v1") || path.StartsWithSegments("/fever");
        if (!open && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)) && !await context.RequestServices.GetRequiredService<SetupState>().HasUsersAsync(context.RequestAborted))
        {
            context.Response.Redirect("/setup");
            return;
        }
        await next(context);
    });
}
