using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Ordering;

/// <summary>Orders, newest first: a customer's own tenant only, or every tenant for staff (<c>TenantId</c> null); optionally in one state.</summary>
public static class ListOrders
{
    public sealed record Query(int? TenantId, OrderState? State = null);

    public sealed record Row(int Id, string Tenant, ServiceKind Kind, string Reference, string Sites, int BandwidthMbps,
        OrderState State, ProvisionStep Step, DateTime CreatedAt, DateTime UpdatedAt, string Service);

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs)
    {
        public async Task<IReadOnlyList<Row>> HandleAsync(Query q, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var orders = db.Orders.AsNoTracking();
            if (q.TenantId is { } t) orders = orders.Where(o => o.TenantId == t);
            if (q.State is { } state) orders = orders.Where(o => o.State == state);
            var rows = await orders
                .Select(o => new { o.Id, Tenant = o.Tenant!.Name, o.Kind, o.Reference, A = o.SiteA!.Name, B = o.SiteB != null ? o.SiteB.Name : null,
                    o.BandwidthMbps, o.State, o.Step, o.CreatedAt, o.UpdatedAt })
                .ToListAsync(ct);
            var names = await ServiceCatalog.NamesAsync(db, ct);
            return rows.OrderByDescending(o => o.Id)
                .Select(o => new Row(o.Id, o.Tenant, o.Kind, o.Reference, o.B is null ? o.A : $"{o.A} ↔ {o.B}", o.BandwidthMbps, o.State, o.Step, o.CreatedAt, o.UpdatedAt, names[o.Kind]))
                .ToList();
        }
    }
}
