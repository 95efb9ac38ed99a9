using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Inventory;

/// <summary>Deletes a device and its interfaces, unless links, pools or customer sites still depend on it.</summary>
public static class DeleteDevice
{
    public sealed record Command(int Id);

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs, TimeProvider clock)
    {
        public async Task HandleAsync(Command c, string actor, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var device = await db.Devices.Include(x => x.Interfaces).SingleOrDefaultAsync(x => x.Id == c.Id, ct)
                ?? throw new NotFoundException($"Device {c.Id} does not exist.");
            var links = await db.Links.CountAsync(l => l.AInterface!.DeviceId == c.Id || l.BInterface!.DeviceId == c.Id, ct);
            var pools = await db.VlanPools.CountAsync(x => x.DeviceId == c.Id, ct);
            var sites = await db.Sites.CountAsync(x => x.EdgeDeviceId == c.Id, ct);
            InUse.ThrowIfAny(device.Hostname, ("link", links), ("VLAN pool", pools), ("attached customer site", sites));
            db.Interfaces.RemoveRange(device.Interfaces);
            db.Devices.Remove(device);
            await InventoryAudit.SaveAsync(db, clock, actor, "device", () => c.Id, "deleted",
                $"Device {device.Hostname} deleted with {device.Interfaces.Count} interface(s).", ct);
        }
    }
}
