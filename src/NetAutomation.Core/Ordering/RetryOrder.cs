using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;
using NetAutomation.Core.Inventory;

namespace NetAutomation.Core.Ordering;

/// <summary>
/// The NOC retries a failed order: the same request is placed again for the same tenant, checked and held afresh
/// (the failed order released its holds), and the new order says which one it retries.
/// </summary>
public static class RetryOrder
{
    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs, PlaceOrder.Handler place)
    {
        public async Task<PlaceOrder.Result> HandleAsync(int orderId, string actor, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var failed = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId, ct)
                ?? throw new NotFoundException($"Order {orderId} does not exist.");
            if (failed.State != OrderState.Failed)
                throw new ConflictException($"Order {failed.Id} is {failed.State}; only a failed order can be retried.");
            var command = new PlaceOrder.Command(failed.Kind, failed.SiteAId, failed.SiteBId, failed.BandwidthMbps, failed.PrefixLength, failed.Reference);
            return await place.HandleAsync(command, failed.TenantId, actor, failed.Id, ct);
        }
    }
}
