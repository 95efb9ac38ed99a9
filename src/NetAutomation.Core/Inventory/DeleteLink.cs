using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Inventory;

public static class DeleteLink
{
    public sealed record Command(int Id);

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs, TimeProvider clock)
    {
        public async Task HandleAsync(Command c, string actor, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var link = await db.Links.Include(x => x.AInterface!.Device).Include(x => x.BInterface!.Device).SingleOrDefaultAsync(x => x.Id == c.Id, ct)
                ?? throw new NotFoundException($"Link {c.Id} does not exist.");
            db.Links.Remove(link);
            await InventoryAudit.SaveAsync(db, clock, actor, "link", () => c.Id, "deleted",
                $"Link {link.AInterface!.Device!.Hostname} {link.AInterface.Name} - {link.BInterface!.Device!.Hostname} {link.BInterface.Name} deleted.", ct);
        }
    }
}
