using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using NetAutomation.Core.Identity;
using NetAutomation.Core.Inventory;

namespace NetAutomation.Web.Features.Api;

/// <summary>
/// The REST API's common ground: <c>/api/v1</c>, the OpenAPI document at <c>/openapi/v1.json</c>, RFC 7807 problem
/// details for every refusal, enums as their names, and 401/403 instead of the login page's redirects.
/// </summary>
public static class ApiSetup
{
    public const string StaffPolicy = "ApiStaff";
    public const string AdminPolicy = "ApiAdmin";

    public static WebApplicationBuilder AddPortalApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddProblemDetails();
        services.AddOpenApi("v1");
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.Noc, Roles.Admin))
            .AddPolicy(AdminPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiAuthorizationResultHandler>();
        // Binding failures throw (instead of a silent 400) so that BadRequestProblems can name the field.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestProblems>();
        services.AddSingleton<Microsoft.AspNetCore.Diagnostics.IDeveloperPageExceptionFilter, BadRequestProblems>();
        return builder;
    }

    /// <summary>Maps the OpenAPI document and returns the <c>/api/v1</c> group, which turns inventory refusals into problem details.</summary>
    public static RouteGroupBuilder MapPortalApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").RequireAuthorization(StaffPolicy);
        return app.MapGroup("/api/v1").RequireAuthorization(StaffPolicy).AddEndpointFilter(ProblemFilter).DisableAntiforgery();
    }

    /// <summary>An <c>/api/v1</c> group open to every signed-in user: its handlers scope what each one sees (a customer, their tenant).</summary>
    public static RouteGroupBuilder MapSignedInApi(this WebApplication app) =>
        app.MapGroup("/api/v1").RequireAuthorization().AddEndpointFilter(ProblemFilter).DisableAntiforgery();

    private static async ValueTask<object?> ProblemFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ValidationFailedException e)
        {
            return Results.ValidationProblem(e.Errors.ToDictionary(x => JsonNamingPolicy.CamelCase.ConvertName(x.Key), x => x.Value),
                title: "The request has invalid fields.", detail: "Nothing was changed.");
        }
        catch (NotFoundException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found.");
        }
        catch (PoolExhaustedException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "Pool exhausted.", type: "https://netautomation.example/problems/pool-exhausted");
        }
        catch (ConflictException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "Conflict.");
        }
    }
}

/// <summary>
/// An API client is not a browser: for <c>/api</c> and <c>/openapi</c> a refusal is a 401 or 403 problem document,
/// not a redirect to the login page or the HTML not-found page. Everything else keeps the default behaviour.
/// </summary>
internal sealed class ApiAuthorizationResultHandler(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        var api = context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/openapi");
        if (!api || result.Succeeded)
        {
            await _default.HandleAsync(next, context, policy, result);
            return;
        }
        if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
        var (status, title, detail) = result.Challenged
            ? (StatusCodes.Status401Unauthorized, "Sign-in required.", "Send Authorization: Bearer <personal API token>, or sign in to the portal.")
            : (StatusCodes.Status403Forbidden, "Forbidden.", "Your role does not allow this resource.");
        context.Response.StatusCode = status;
        if (result.Challenged) context.Response.Headers.WWWAuthenticate = "Bearer";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
