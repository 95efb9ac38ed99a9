using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Inventory;

/// <summary>One device with everything hanging off it: interfaces (with link peers), links, pools scoped to it and their allocations.</summary>
public static class GetDevice
{
    public sealed record Query(int Id);

    public sealed record Result(
        ListDevices.Row Device,
        IReadOnlyList<ListInterfaces.Row> Interfaces,
        IReadOnlyList<ListLinks.Row> Links,
        IReadOnlyList<ListVlanPools.Row> VlanPools,
        IReadOnlyList<ListAllocations.Row> Allocations,
        IReadOnlyList<string> AttachedSites);

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs, ListDevices.Handler devices, ListInterfaces.Handler interfaces,
        ListLinks.Handler links, ListVlanPools.Handler pools, ListAllocations.Handler allocations)
    {
        private static readonly PageRequest All = new(1, PageRequest.MaxPageSize);

        public async Task<Result> HandleAsync(Query query, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var hostname = await db.Devices.Where(d => d.Id == query.Id).Select(d => d.Hostname).SingleOrDefaultAsync(ct)
                ?? throw new NotFoundException($"Device {query.Id} does not exist.");
            var device = (await devices.HandleAsync(new(All with { Search = hostname }), ct)).Items.Single(d => d.Id == query.Id);
            var poolRows = (await pools.HandleAsync(new(All, DeviceId: query.Id), ct)).Items;
            var allocationRows = new List<ListAllocations.Row>();
            foreach (var pool in poolRows)
                allocationRows.AddRange((await allocations.HandleAsync(new(All, AllocationKind.Vlan, pool.Id), ct)).Items.Where(a => a.State != AllocationState.Released));
            var sites = await db.Sites.Where(s => s.EdgeDeviceId == query.Id).OrderBy(s => s.Name).Select(s => s.Name).ToListAsync(ct);
            return new Result(
                device,
                (await interfaces.HandleAsync(new(All with { Sort = "name" }, query.Id), ct)).Items,
                (await links.HandleAsync(new(All, query.Id), ct)).Items,
                poolRows,
                allocationRows,
                sites);
        }
    }
}
