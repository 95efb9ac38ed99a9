using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Inventory;

public static class SavePlatform
{
    public sealed record Command(int? Id, string? Name, string? Vendor, string? OsName, string? DriverKey);

    public sealed record Result(int Id);

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(Command c, string actor, CancellationToken ct = default)
        {
            var errors = new FieldErrors();
            var name = InventoryRules.Name(errors, nameof(c.Name), c.Name);
            var vendor = InventoryRules.Name(errors, nameof(c.Vendor), c.Vendor, "Vendor");
            var os = InventoryRules.Name(errors, nameof(c.OsName), c.OsName, "Operating system");
            var driver = InventoryRules.Key(errors, nameof(c.DriverKey), c.DriverKey, "Driver key");
            await using var db = await dbs.CreateDbContextAsync(ct);
            var platform = c.Id is { } id
                ? await db.Platforms.SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException($"Platform {id} does not exist.")
                : new Platform { Name = name, Vendor = vendor, OsName = os, DriverKey = driver };
            if (!errors.Has(nameof(c.Name)) && await db.Platforms.AnyAsync(x => x.Name == name && x.Id != platform.Id, ct))
                errors.Add(nameof(c.Name), $"A platform named '{name}' already exists.");
            errors.ThrowIfAny();
            var created = platform.Id == 0;
            (platform.Name, platform.Vendor, platform.OsName, platform.DriverKey) = (name, vendor, os, driver);
            if (created) db.Platforms.Add(platform);
            await InventoryAudit.SaveAsync(db, clock, actor, "platform", () => platform.Id, created ? "created" : "updated", $"Platform {name} (driver {driver}).", ct);
            return new Result(platform.Id);
        }
    }
}
