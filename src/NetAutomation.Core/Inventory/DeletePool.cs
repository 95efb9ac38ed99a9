using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Inventory;

/// <summary>Deletes a VLAN or prefix pool with no held or committed allocations (released history goes with it).</summary>
public static class DeletePool
{
    public sealed record Command(AllocationKind Kind, int Id);

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs, TimeProvider clock)
    {
        public async Task HandleAsync(Command c, string actor, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var isVlan = c.Kind == AllocationKind.Vlan;
            string name;
            if (isVlan)
            {
                var pool = await db.VlanPools.SingleOrDefaultAsync(x => x.Id == c.Id, ct) ?? throw new NotFoundException($"VLAN pool {c.Id} does not exist.");
                name = pool.Name;
                db.VlanPools.Remove(pool);
            }
            else
            {
                var pool = await db.PrefixPools.SingleOrDefaultAsync(x => x.Id == c.Id, ct) ?? throw new NotFoundException($"Prefix pool {c.Id} does not exist.");
                name = pool.Name;
                db.PrefixPools.Remove(pool);
            }
            var allocations = await db.Allocations.Where(a => isVlan ? a.VlanPoolId == c.Id : a.PrefixPoolId == c.Id).ToListAsync(ct);
            InUse.ThrowIfAny(name, ("allocation in use", allocations.Count(a => a.ActiveKey != null)));
            db.Allocations.RemoveRange(allocations);
            await InventoryAudit.SaveAsync(db, clock, actor, isVlan ? "vlan-pool" : "prefix-pool", () => c.Id, "deleted",
                $"Pool {name} deleted with {allocations.Count} released allocation(s).", ct);
        }
    }
}
