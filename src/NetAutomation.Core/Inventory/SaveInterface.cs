using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Inventory;

public static class SaveInterface
{
    public sealed record Command(int? Id, int DeviceId, string? Name, int SpeedMbps, bool Enabled = true, string? Description = null);

    public sealed record Result(int Id);

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(Command c, string actor, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var (iface, change) = await StageAsync(db, c, ct);
            await InventoryAudit.SaveAsync(db, clock, actor, change, ct);
            return new Result(iface.Id);
        }
    }

    /// <summary>Checks the command against <paramref name="db"/> and stages the change on it, unsaved; import uses it too.</summary>
    internal static async Task<(Interface Interface, InventoryAudit.Pending Change)> StageAsync(PortalDbContext db, Command c, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var name = InventoryRules.InterfaceName(errors, nameof(c.Name), c.Name);
        var description = InventoryRules.Text(errors, nameof(c.Description), c.Description, InventoryRules.TextLength, label: "Description");
        InventoryRules.Range(errors, nameof(c.SpeedMbps), c.SpeedMbps, 0, InventoryRules.MaxSpeedMbps, "Speed (Mbps)");

        var iface = c.Id is { } id
            ? await db.Interfaces.SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException($"Interface {id} does not exist.")
            : new Interface { Name = name, DeviceId = c.DeviceId };
        var hostname = await db.Devices.Where(x => x.Id == c.DeviceId).Select(x => x.Hostname).SingleOrDefaultAsync(ct);
        if (hostname is null) errors.Add(nameof(c.DeviceId), c.DeviceId == 0 ? "Device is required." : $"Device {c.DeviceId} does not exist.");
        else if (!errors.Has(nameof(c.Name)) && await db.Interfaces.AnyAsync(x => x.DeviceId == c.DeviceId && x.Name == name && x.Id != iface.Id, ct))
            errors.Add(nameof(c.Name), $"{hostname} already has an interface named {name}.");
        if (iface.Id != 0 && iface.DeviceId != c.DeviceId && await db.Links.AnyAsync(l => l.AInterfaceId == iface.Id || l.BInterfaceId == iface.Id, ct))
            errors.Add(nameof(c.DeviceId), "This interface is in a link; remove the link before moving it to another device.");
        errors.ThrowIfAny();

        var created = iface.Id == 0;
        iface.DeviceId = c.DeviceId;
        iface.Name = name;
        iface.SpeedMbps = c.SpeedMbps;
        iface.Enabled = c.Enabled;
        iface.Description = description;
        if (created) db.Interfaces.Add(iface);
        return (iface, new("interface", () => iface.Id, created ? "created" : "updated",
            $"Interface {hostname} {name}: {c.SpeedMbps} Mbps, {(c.Enabled ? "enabled" : "disabled")}."));
    }
}
