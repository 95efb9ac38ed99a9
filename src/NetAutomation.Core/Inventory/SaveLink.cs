using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Inventory;

/// <summary>Connects two interfaces on different devices; each interface can be in one link only.</summary>
public static class SaveLink
{
    public const int MaxMetric = 16_777_215; // the largest IS-IS wide / OSPF-style metric routers accept

    public sealed record Command(int? Id, int AInterfaceId, int BInterfaceId, int CapacityMbps, int Metric = 10, LinkState State = LinkState.Up);

    public sealed record Result(int Id);

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(Command c, string actor, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var (link, change) = await StageAsync(db, c, ct);
            await InventoryAudit.SaveAsync(db, clock, actor, change, ct);
            return new Result(link.Id);
        }
    }

    /// <summary>Checks the command against <paramref name="db"/> and stages the change on it, unsaved; import uses it too.</summary>
    internal static async Task<(Link Link, InventoryAudit.Pending Change)> StageAsync(PortalDbContext db, Command c, CancellationToken ct)
    {
        var errors = new FieldErrors();
        InventoryRules.Range(errors, nameof(c.CapacityMbps), c.CapacityMbps, 1, InventoryRules.MaxSpeedMbps, "Capacity (Mbps)");
        InventoryRules.Range(errors, nameof(c.Metric), c.Metric, 1, MaxMetric, "Metric");
        if (!Enum.IsDefined(c.State)) errors.Add(nameof(c.State), $"State must be one of: {string.Join(", ", Enum.GetNames<LinkState>())}.");

        var link = c.Id is { } id
            ? await db.Links.SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException($"Link {id} does not exist.")
            : new Link();
        var a = await EndAsync(db, errors, nameof(c.AInterfaceId), c.AInterfaceId, link.Id, ct);
        var b = await EndAsync(db, errors, nameof(c.BInterfaceId), c.BInterfaceId, link.Id, ct);
        if (a is not null && b is not null && a.DeviceId == b.DeviceId)
            errors.Add(nameof(c.BInterfaceId), $"Both ends are on {a.Device!.Hostname}; a link joins two different devices.");
        errors.ThrowIfAny();

        var created = link.Id == 0;
        link.AInterfaceId = c.AInterfaceId;
        link.BInterfaceId = c.BInterfaceId;
        link.CapacityMbps = c.CapacityMbps;
        link.Metric = c.Metric;
        link.State = c.State;
        if (created) db.Links.Add(link);
        return (link, new("link", () => link.Id, created ? "created" : "updated",
            $"Link {a!.Device!.Hostname} {a.Name} - {b!.Device!.Hostname} {b.Name}: {c.CapacityMbps} Mbps, metric {c.Metric}, {c.State}."));
    }

    private static async Task<Interface?> EndAsync(PortalDbContext db, FieldErrors errors, string field, int interfaceId, int linkId, CancellationToken ct)
    {
        var iface = await db.Interfaces.Include(x => x.Device).SingleOrDefaultAsync(x => x.Id == interfaceId, ct);
        if (iface is null)
        {
            errors.Add(field, interfaceId == 0 ? "Choose an interface." : $"Interface {interfaceId} does not exist.");
            return null;
        }
        var other = await db.Links.Where(l => l.Id != linkId && (l.AInterfaceId == interfaceId || l.BInterfaceId == interfaceId))
            .Select(l => l.AInterfaceId == interfaceId ? l.BInterface!.Device!.Hostname + " " + l.BInterface.Name : l.AInterface!.Device!.Hostname + " " + l.AInterface.Name)
            .FirstOrDefaultAsync(ct);
        if (other is not null) errors.Add(field, $"{iface.Device!.Hostname} {iface.Name} is already linked to {other}.");
        return iface;
    }
}
