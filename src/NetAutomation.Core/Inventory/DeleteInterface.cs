using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Inventory;

public static class DeleteInterface
{
    public sealed record Command(int Id);

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs, TimeProvider clock)
    {
        public async Task HandleAsync(Command c, string actor, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var iface = await db.Interfaces.Include(x => x.Device).SingleOrDefaultAsync(x => x.Id == c.Id, ct)
                ?? throw new NotFoundException($"Interface {c.Id} does not exist.");
            var name = $"{iface.Device!.Hostname} {iface.Name}";
            InUse.ThrowIfAny(name, ("link", await db.Links.CountAsync(l => l.AInterfaceId == c.Id || l.BInterfaceId == c.Id, ct)));
            db.Interfaces.Remove(iface);
            await InventoryAudit.SaveAsync(db, clock, actor, "interface", () => c.Id, "deleted", $"Interface {name} deleted.", ct);
        }
    }
}
