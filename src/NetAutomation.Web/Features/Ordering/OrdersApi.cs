using System.Security.Claims;
using NetAutomation.Core.Identity;
using NetAutomation.Core.Ordering;
using NetAutomation.Web.Features.Api;

namespace NetAutomation.Web.Features.Ordering;

/// <summary>
/// <c>/api/v1/catalog</c>, <c>/api/v1/orders</c> and <c>/api/v1/services</c>: customers order and follow their own tenant's services; NOC and
/// admins read every tenant's. The same validation and tenant rules as the pages, the same handlers.
/// </summary>
public static class OrdersApi
{
    public sealed record Created(int Id);

    /// <summary>The body of an approval or a rejection: a note (optional to approve) or a reason (required to reject).</summary>
    public sealed record Decision(string? Reason);

    public static WebApplication MapOrdersApi(this WebApplication app)
    {
        var api = app.MapSignedInApi().WithTags("Orders");

        // Customers see what they can order; admins also see disabled offers.
        api.MapGet("/catalog", async (ClaimsPrincipal user, ListCatalog.Handler h, CancellationToken ct) =>
            Results.Ok((await h.HandleAsync(new(EnabledOnly: !user.IsInRole(Roles.Admin)), ct)).Select(r => r.Offer)));

        api.MapPost("/orders", async (PlaceOrder.Command c, ClaimsPrincipal user, PlaceOrder.Handler h, CancellationToken ct) =>
        {
            if (!user.IsInRole(Roles.Customer) || TenantAccess.TenantOf(user) is not { } tenant)
                return Results.Problem("Orders are placed by customer accounts, for their own tenant.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.");
            var placed = await h.HandleAsync(c, tenant, user.Identity!.Name!, ct);
            return Results.Created($"/api/v1/orders/{placed.OrderId}", new Created(placed.OrderId));
        });

        api.MapGet("/orders", async (ClaimsPrincipal user, ListOrders.Handler h, CancellationToken ct) =>
            TenantAccess.TryScope(user, out var tenant) ? Results.Ok(await h.HandleAsync(new(tenant), ct)) : Forbidden());

        api.MapGet("/orders/{id:int}", async (int id, ClaimsPrincipal user, GetOrder.Handler h, CancellationToken ct) =>
            TenantAccess.TryScope(user, out var tenant) ? Results.Ok(await h.HandleAsync(new(id, tenant), ct)) : Forbidden());

        api.MapGet("/orders/{id:int}/changes", async (int id, ClaimsPrincipal user, GetOrder.Handler order, ListDeviceChanges.Handler h, CancellationToken ct) =>
        {
            if (!TenantAccess.TryScope(user, out var tenant)) return Forbidden();
            await order.HandleAsync(new(id, tenant), ct); // another tenant's order is a 404, not an empty list
            return Results.Ok(await h.HandleAsync(new(OrderId: id, TenantId: tenant), ct));
        });

        api.MapPost("/orders/{id:int}/cancel", async (int id, ClaimsPrincipal user, CancelOrder.Handler h, GetOrder.Handler order, CancellationToken ct) =>
        {
            if (!TenantAccess.TryScope(user, out var tenant)) return Forbidden();
            await h.HandleAsync(id, tenant, user.Identity!.Name!, ct);
            return Results.Ok(await order.HandleAsync(new(id, tenant), ct));
        });

        api.MapPost("/orders/{id:int}/approve", (int id, Decision? body, ClaimsPrincipal user, DecideApproval.Handler h, GetOrder.Handler order, CancellationToken ct) =>
            DecideAsync(new(id, true, body?.Reason), user, h, order, ct)).RequireAuthorization(ApiSetup.StaffPolicy);

        api.MapPost("/orders/{id:int}/reject", (int id, Decision? body, ClaimsPrincipal user, DecideApproval.Handler h, GetOrder.Handler order, CancellationToken ct) =>
            DecideAsync(new(id, false, body?.Reason), user, h, order, ct)).RequireAuthorization(ApiSetup.StaffPolicy);

        api.MapPost("/orders/{id:int}/retry", async (int id, ClaimsPrincipal user, RetryOrder.Handler h, CancellationToken ct) =>
        {
            var placed = await h.HandleAsync(id, user.Identity!.Name!, ct);
            return Results.Created($"/api/v1/orders/{placed.OrderId}", new Created(placed.OrderId));
        }).RequireAuthorization(ApiSetup.StaffPolicy);

        api.MapGet("/services", async (ClaimsPrincipal user, ListOrders.Handler h, CancellationToken ct) =>
            TenantAccess.TryScope(user, out var tenant)
                ? Results.Ok(await h.HandleAsync(new(tenant, OrderState.Active), ct))
                : Forbidden());
        api.MapDelete("/services/{id:int}", async (int id, ClaimsPrincipal user, DecommissionService.Handler h, CancellationToken ct) =>
        {
            if (!TenantAccess.TryScope(user, out var tenant)) return Forbidden();
            await h.HandleAsync(new(id), tenant, user.Identity!.Name!, ct);
            return Results.Accepted($"/api/v1/orders/{id}");
        });
        return app;
    }

    private static async Task<IResult> DecideAsync(DecideApproval.Command c, ClaimsPrincipal user, DecideApproval.Handler h, GetOrder.Handler order, CancellationToken ct)
    {
        await h.HandleAsync(c, user.Identity!.Name!, ct);
        return Results.Ok(await order.HandleAsync(new(c.OrderId, null), ct));
    }

    private static IResult Forbidden() =>
        Results.Problem("This account has no role that may read orders.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.");
}
