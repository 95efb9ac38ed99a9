using Hangfire;
using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;
using NetAutomation.Core.Inventory;
using NetAutomation.Core.Provisioning;

namespace NetAutomation.Core.Ordering;

/// <summary>A customer (or the NOC) asks to take an active service away: the order moves to Decommissioning and a job removes it.</summary>
public static class DecommissionService
{
    public sealed record Command(int OrderId);

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs, IBackgroundJobClient jobs, TimeProvider clock)
    {
        /// <param name="tenantId">The caller's tenant, or null for staff; another tenant's service reads as missing.</param>
        public async Task HandleAsync(Command c, int? tenantId, string actor, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var order = await db.Orders.SingleOrDefaultAsync(o => o.Id == c.OrderId && (tenantId == null || o.TenantId == tenantId), ct)
                ?? throw new NotFoundException($"Service {c.OrderId} does not exist.");
            if (order.State != OrderState.Active)
                throw new ConflictException($"Service {order.Id} is {order.State}; only an active service can be decommissioned.");
            order.DecommissionRequestedBy = actor;
            order.MoveTo(OrderState.Decommissioning, $"Decommissioning requested by {actor}.", clock.GetUtcNow().UtcDateTime);
            order.Version++;
            await db.SaveChangesAsync(ct);
            jobs.Enqueue<ProvisionServiceJob>(j => j.DecommissionAsync(order.Id, CancellationToken.None));
        }
    }
}
