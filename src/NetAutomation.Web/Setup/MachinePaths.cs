namespace NetAutomation.Web.Setup;

/// <summary>
/// Requests from programs (the REST API, SignalR, health checks, anything with an Authorization header):
/// they get status codes and problem details, never a redirect to the login page or an HTML error page.
/// </summary>
public static class MachinePaths
{
    public static bool Match(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/hubs") || request.Path.StartsWithSegments("/healthz")
        || request.Headers.Authorization.Count > 0;

    /// <summary>Turns the HTML status pages off for machine requests; runs right after UseStatusCodePages.</summary>
    public static IApplicationBuilder UseNoStatusPagesForMachines(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (Match(context.Request) && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
                pages.Enabled = false;
            return next(context);
        });
}
