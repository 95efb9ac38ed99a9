using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Inventory;

/// <summary>Creates a site (no <see cref="Command.Id"/>) or changes one.</summary>
public static class SaveSite
{
    public sealed record Command(int? Id, string? Name, SiteKind Kind, int? TenantId, string? Address, string? Description, int? EdgeDeviceId);

    public sealed record Result(int Id);

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(Command c, string actor, CancellationToken ct = default)
        {
            var errors = new FieldErrors();
            var name = InventoryRules.Name(errors, nameof(c.Name), c.Name);
            var address = InventoryRules.Text(errors, nameof(c.Address), c.Address, InventoryRules.TextLength, label: "Address");
            var description = InventoryRules.Text(errors, nameof(c.Description), c.Description, InventoryRules.TextLength, label: "Description");
            if (!Enum.IsDefined(c.Kind)) errors.Add(nameof(c.Kind), $"Kind must be one of: {string.Join(", ", Enum.GetNames<SiteKind>())}.");
            if (c.Kind == SiteKind.Customer && c.TenantId is null) errors.Add(nameof(c.TenantId), "A customer site needs a tenant.");
            if (c.Kind == SiteKind.Provider && c.TenantId is not null) errors.Add(nameof(c.TenantId), "A provider site belongs to no tenant; clear the tenant or make it a customer site.");
            if (c.Kind == SiteKind.Provider && c.EdgeDeviceId is not null) errors.Add(nameof(c.EdgeDeviceId), "Only a customer site is attached to an edge router.");

            await using var db = await dbs.CreateDbContextAsync(ct);
            var site = c.Id is { } id
                ? await db.Sites.SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException($"Site {id} does not exist.")
                : new Site { Name = name };
            if (!errors.Has(nameof(c.Name)) && await db.Sites.AnyAsync(x => x.Name == name && x.Id != site.Id, ct))
                errors.Add(nameof(c.Name), $"A site named '{name}' already exists.");
            if (c.TenantId is { } t && !await db.Tenants.AnyAsync(x => x.Id == t, ct))
                errors.Add(nameof(c.TenantId), $"Tenant {t} does not exist.");
            if (c.EdgeDeviceId is { } e)
            {
                var role = await db.Devices.Where(x => x.Id == e).Select(x => (DeviceRole?)x.Role).SingleOrDefaultAsync(ct);
                if (role is null) errors.Add(nameof(c.EdgeDeviceId), $"Device {e} does not exist.");
                else if (role != DeviceRole.Edge) errors.Add(nameof(c.EdgeDeviceId), $"A customer site attaches to an edge router; device {e} is {role}.");
            }
            if (site.Id != 0 && site.Kind == SiteKind.Provider && c.Kind == SiteKind.Customer && await db.Devices.AnyAsync(x => x.SiteId == site.Id && x.Role != DeviceRole.Cpe, ct))
                errors.Add(nameof(c.Kind), $"{site.Name} hosts provider routers; it cannot become a customer site.");
            errors.ThrowIfAny();

            var created = site.Id == 0;
            site.Name = name;
            site.Kind = c.Kind;
            site.TenantId = c.TenantId;
            site.Address = address;
            site.Description = description;
            site.EdgeDeviceId = c.EdgeDeviceId;
            if (created) db.Sites.Add(site);
            await InventoryAudit.SaveAsync(db, clock, actor, "site", () => site.Id, created ? "created" : "updated", $"Site {name} ({c.Kind}).", ct);
            return new Result(site.Id);
        }
    }
}
