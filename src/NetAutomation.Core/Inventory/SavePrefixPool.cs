using System.Net;
using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Inventory;

/// <summary>
/// A parent prefix carved into children of <see cref="Command.ChildLength"/>. Pools never overlap one another, so a
/// prefix handed out from one pool can never sit inside another pool's prefix.
/// </summary>
public static class SavePrefixPool
{
    public sealed record Command(int? Id, string? Name, string? Prefix, int ChildLength, int? SiteId = null, string? Description = null);

    public sealed record Result(int Id);

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(Command c, string actor, CancellationToken ct = default)
        {
            var errors = new FieldErrors();
            var name = InventoryRules.Name(errors, nameof(c.Name), c.Name);
            var description = InventoryRules.Text(errors, nameof(c.Description), c.Description, InventoryRules.TextLength, label: "Description");
            var network = InventoryRules.Prefix(errors, nameof(c.Prefix), c.Prefix);
            if (network is not null && (c.ChildLength < network.Cidr || c.ChildLength > InventoryRules.MaxLength(network)))
                errors.Add(nameof(c.ChildLength), $"Child length must be between /{network.Cidr} (the pool itself) and /{InventoryRules.MaxLength(network)}; it is /{c.ChildLength}.");

            await using var db = await dbs.CreateDbContextAsync(ct);
            var pool = c.Id is { } id
                ? await db.PrefixPools.SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException($"Prefix pool {id} does not exist.")
                : new PrefixPool { Name = name, Prefix = "" };
            if (!errors.Has(nameof(c.Name)) && await db.PrefixPools.AnyAsync(x => x.Name == name && x.Id != pool.Id, ct))
                errors.Add(nameof(c.Name), $"A prefix pool named '{name}' already exists.");
            if (c.SiteId is { } site && !await db.Sites.AnyAsync(x => x.Id == site, ct)) errors.Add(nameof(c.SiteId), $"Site {site} does not exist.");
            if (network is not null)
            {
                // Overlap is prefix arithmetic, not SQL: compare with every other pool (there are tens, not millions).
                var others = await db.PrefixPools.Where(x => x.Id != pool.Id).Select(x => new { x.Name, x.Prefix }).ToListAsync(ct);
                var clash = others.FirstOrDefault(o => IPNetwork2.Parse(o.Prefix) is var n && n.AddressFamily == network.AddressFamily && n.Overlap(network));
                if (clash is not null) errors.Add(nameof(c.Prefix), $"{InventoryRules.Canonical(network)} overlaps pool '{clash.Name}' ({clash.Prefix}).");
            }
            if (pool.Id != 0 && network is not null && (InventoryRules.Canonical(network) != pool.Prefix || c.ChildLength != pool.ChildLength)
                && await db.Allocations.CountAsync(a => a.PrefixPoolId == pool.Id && a.ActiveKey != null, ct) is var inUse and > 0)
                errors.Add(nameof(c.Prefix), $"{inUse} prefix(es) from this pool are in use; its prefix and child length cannot change.");
            errors.ThrowIfAny();

            var created = pool.Id == 0;
            pool.Name = name;
            pool.Prefix = InventoryRules.Canonical(network!);
            pool.ChildLength = c.ChildLength;
            pool.SiteId = c.SiteId;
            pool.Description = description;
            if (created) db.PrefixPools.Add(pool);
            await InventoryAudit.SaveAsync(db, clock, actor, "prefix-pool", () => pool.Id, created ? "created" : "updated", $"Prefix pool {name}: {pool.Prefix} in /{c.ChildLength}.", ct);
            return new Result(pool.Id);
        }
    }
}
