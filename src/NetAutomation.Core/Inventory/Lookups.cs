using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Inventory;

/// <summary>Id and label lists for the pickers in forms and for import: tenants, sites, platforms, credentials, devices.</summary>
public static class Lookups
{
    public sealed record Query;

    public sealed record Item(int Id, string Label);

    public sealed record Result(
        IReadOnlyList<Item> Tenants, IReadOnlyList<Item> Sites, IReadOnlyList<Item> Platforms,
        IReadOnlyList<Item> Credentials, IReadOnlyList<Item> Devices, IReadOnlyList<Item> EdgeDevices);

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs)
    {
        public async Task<Result> HandleAsync(Query query, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            return new Result(
                await db.Tenants.OrderBy(x => x.Name).Select(x => new Item(x.Id, x.Name)).ToListAsync(ct),
                await db.Sites.OrderBy(x => x.Name).Select(x => new Item(x.Id, x.Name)).ToListAsync(ct),
                await db.Platforms.OrderBy(x => x.Name).Select(x => new Item(x.Id, x.Name)).ToListAsync(ct),
                await db.Credentials.OrderBy(x => x.Name).Select(x => new Item(x.Id, x.Name)).ToListAsync(ct),
                await db.Devices.OrderBy(x => x.Hostname).Select(x => new Item(x.Id, x.Hostname)).ToListAsync(ct),
                await db.Devices.Where(x => x.Role == DeviceRole.Edge).OrderBy(x => x.Hostname).Select(x => new Item(x.Id, x.Hostname)).ToListAsync(ct));
        }
    }
}
