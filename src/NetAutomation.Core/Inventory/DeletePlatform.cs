using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Inventory;

public static class DeletePlatform
{
    public sealed record Command(int Id);

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs, TimeProvider clock)
    {
        public async Task HandleAsync(Command c, string actor, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var platform = await db.Platforms.SingleOrDefaultAsync(x => x.Id == c.Id, ct) ?? throw new NotFoundException($"Platform {c.Id} does not exist.");
            InUse.ThrowIfAny(platform.Name, ("device", await db.Devices.CountAsync(x => x.PlatformId == c.Id, ct)));
            db.Platforms.Remove(platform);
            await InventoryAudit.SaveAsync(db, clock, actor, "platform", () => c.Id, "deleted", $"Platform {platform.Name} deleted.", ct);
        }
    }
}
