using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Inventory;

/// <summary>Deletes a site that nothing uses; otherwise says what still uses it.</summary>
public static class DeleteSite
{
    public sealed record Command(int Id);

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs, TimeProvider clock)
    {
        public async Task HandleAsync(Command c, string actor, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var site = await db.Sites.SingleOrDefaultAsync(x => x.Id == c.Id, ct) ?? throw new NotFoundException($"Site {c.Id} does not exist.");
            var devices = await db.Devices.CountAsync(x => x.SiteId == c.Id, ct);
            var vlanPools = await db.VlanPools.CountAsync(x => x.SiteId == c.Id, ct);
            var prefixPools = await db.PrefixPools.CountAsync(x => x.SiteId == c.Id, ct);
            InUse.ThrowIfAny(site.Name, ("device", devices), ("VLAN pool", vlanPools), ("prefix pool", prefixPools));
            db.Sites.Remove(site);
            await InventoryAudit.SaveAsync(db, clock, actor, "site", () => c.Id, "deleted", $"Site {site.Name} deleted.", ct);
        }
    }
}

/// <summary>The delete protection message, worded the same everywhere: "r1 has 3 links and 1 VLAN pool; remove them first."</summary>
public static class InUse
{
    public static void ThrowIfAny(string name, params (string What, int Count)[] uses)
    {
        var parts = uses.Where(u => u.Count > 0).Select(u => $"{u.Count} {u.What}{(u.Count == 1 ? "" : "s")}").ToList();
        if (parts.Count == 0) return;
        var list = parts.Count == 1 ? parts[0] : string.Join(", ", parts[..^1]) + " and " + parts[^1];
        throw new ConflictException($"{name} has {list}; remove {(parts.Count == 1 && uses.First(u => u.Count > 0).Count == 1 ? "it" : "them")} first.");
    }
}
