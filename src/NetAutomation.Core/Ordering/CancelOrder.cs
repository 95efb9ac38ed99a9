using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;
using NetAutomation.Core.Inventory;
using NetAutomation.Core.Live;

namespace NetAutomation.Core.Ordering;

/// <summary>
/// A customer (or the NOC) withdraws an order before its push starts: while it is placed or waits for approval. The
/// holds are released; no device has been touched. Once the orchestrator has started, it is too late: the order
/// finishes (or rolls back) and an active service is decommissioned instead.
/// </summary>
public static class CancelOrder
{
    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs, Allocator allocator, ILiveFeed feed, TimeProvider clock)
    {
        /// <param name="tenantId">The caller's tenant, or null for staff; another tenant's order reads as missing.</param>
        public async Task HandleAsync(int orderId, int? tenantId, string actor, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var order = await db.Orders.Include(o => o.Resources)
                .SingleOrDefaultAsync(o => o.Id == orderId && (tenantId == null || o.TenantId == tenantId), ct)
                ?? throw new NotFoundException($"Order {orderId} does not exist.");
            if (order.State is not (OrderState.Placed or OrderState.AwaitingApproval))
                throw new ConflictException($"Order {order.Id} is {order.State}: an order can be cancelled only before its push starts." +
                    (order.State == OrderState.Active ? " Decommission the service instead." : ""));
            var e = order.MoveTo(OrderState.Cancelled, $"Cancelled by {actor}. Resources released; no device was changed.", clock.GetUtcNow().UtcDateTime);
            order.Version++;
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException)
            {
                throw new ConflictException($"Order {order.Id} has just started provisioning; it can no longer be cancelled.");
            }
            foreach (var r in order.Resources) await allocator.ReleaseAsync(r.AllocationId, actor, CancellationToken.None);
            await OrderFeed.PublishAsync(feed, order, e.Message, clock.GetUtcNow());
        }
    }
}
