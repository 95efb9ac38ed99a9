using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Inventory;

public static class ListVlanPools
{
    public sealed record Query(PageRequest Page, int? SiteId = null, int? DeviceId = null);

    public sealed record Row(int Id, string Name, int? SiteId, string? Site, int? DeviceId, string? Device, int FirstVlan, int LastVlan, string? Description, int Size, int InUse);

    private static readonly Dictionary<string, Expression<Func<VlanPool, object?>>> Sorts = new()
    {
        ["name"] = x => x.Name, ["firstVlan"] = x => x.FirstVlan, ["site"] = x => x.Site!.Name, ["device"] = x => x.Device!.Hostname,
    };

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs)
    {
        public async Task<Page<Row>> HandleAsync(Query query, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var rows = db.VlanPools.AsNoTracking();
            if (query.SiteId is { } site) rows = rows.Where(x => x.SiteId == site);
            if (query.DeviceId is { } device) rows = rows.Where(x => x.DeviceId == device);
            if (query.Page.SearchText() is { } s) rows = rows.Where(x => x.Name.Contains(s) || (x.Description != null && x.Description.Contains(s)));
            return await rows.ToPageAsync(query.Page, Sorts, x => new Row(
                x.Id, x.Name, x.SiteId, x.Site!.Name, x.DeviceId, x.Device!.Hostname, x.FirstVlan, x.LastVlan, x.Description,
                x.LastVlan - x.FirstVlan + 1, db.Allocations.Count(a => a.VlanPoolId == x.Id && a.ActiveKey != null)), ct);
        }
    }
}
