using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Inventory;

/// <summary>
/// A VLAN range scoped to exactly one site or one device. Ranges in the same scope may not overlap (the same VLAN
/// would be handed out twice), and a range cannot shrink past VLANs that are held or committed.
/// </summary>
public static class SaveVlanPool
{
    public sealed record Command(int? Id, string? Name, int? SiteId, int? DeviceId, int FirstVlan, int LastVlan, string? Description = null);

    public sealed record Result(int Id);

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(Command c, string actor, CancellationToken ct = default)
        {
            var errors = new FieldErrors();
            var name = InventoryRules.Name(errors, nameof(c.Name), c.Name);
            var description = InventoryRules.Text(errors, nameof(c.Description), c.Description, InventoryRules.TextLength, label: "Description");
            InventoryRules.VlanRange(errors, nameof(c.FirstVlan), c.FirstVlan, nameof(c.LastVlan), c.LastVlan);
            if ((c.SiteId is null) == (c.DeviceId is null)) errors.Add(nameof(c.SiteId), "Scope the pool to a site or to a device (one of them, not both).");

            await using var db = await dbs.CreateDbContextAsync(ct);
            var pool = c.Id is { } id
                ? await db.VlanPools.SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException($"VLAN pool {id} does not exist.")
                : new VlanPool { Name = name };
            if (!errors.Has(nameof(c.Name)) && await db.VlanPools.AnyAsync(x => x.Name == name && x.Id != pool.Id, ct))
                errors.Add(nameof(c.Name), $"A VLAN pool named '{name}' already exists.");
            if (c.SiteId is { } site && !await db.Sites.AnyAsync(x => x.Id == site, ct)) errors.Add(nameof(c.SiteId), $"Site {site} does not exist.");
            if (c.DeviceId is { } device && !await db.Devices.AnyAsync(x => x.Id == device, ct)) errors.Add(nameof(c.DeviceId), $"Device {device} does not exist.");
            if (!errors.Has(nameof(c.FirstVlan)) && !errors.Has(nameof(c.LastVlan)))
            {
                var overlap = await db.VlanPools
                    .Where(x => x.Id != pool.Id && x.SiteId == c.SiteId && x.DeviceId == c.DeviceId && x.FirstVlan <= c.LastVlan && c.FirstVlan <= x.LastVlan)
                    .Select(x => new { x.Name, x.FirstVlan, x.LastVlan }).FirstOrDefaultAsync(ct);
                if (overlap is not null)
                    errors.Add(nameof(c.FirstVlan), $"{c.FirstVlan}-{c.LastVlan} overlaps pool '{overlap.Name}' ({overlap.FirstVlan}-{overlap.LastVlan}) in the same scope.");
            }
            if (pool.Id != 0)
            {
                var active = await db.Allocations.Where(a => a.VlanPoolId == pool.Id && a.ActiveKey != null).Select(a => a.Vlan!.Value).ToListAsync(ct);
                var outside = active.Where(v => v < c.FirstVlan || v > c.LastVlan).Order().ToList();
                if (outside.Count > 0)
                    errors.Add(nameof(c.FirstVlan), $"VLAN(s) {string.Join(", ", outside.Take(10))} are in use and would fall outside {c.FirstVlan}-{c.LastVlan}; release them first.");
                if (active.Count > 0 && (pool.SiteId != c.SiteId || pool.DeviceId != c.DeviceId))
                    errors.Add(nameof(c.SiteId), $"{active.Count} VLAN(s) from this pool are in use; its scope cannot change.");
            }
            errors.ThrowIfAny();

            var created = pool.Id == 0;
            pool.Name = name;
            pool.SiteId = c.SiteId;
            pool.DeviceId = c.DeviceId;
            pool.FirstVlan = c.FirstVlan;
            pool.LastVlan = c.LastVlan;
            pool.Description = description;
            if (created) db.VlanPools.Add(pool);
            await InventoryAudit.SaveAsync(db, clock, actor, "vlan-pool", () => pool.Id, created ? "created" : "updated", $"VLAN pool {name}: {c.FirstVlan}-{c.LastVlan}.", ct);
            return new Result(pool.Id);
        }
    }
}
