using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Inventory;

public static class ListLinks
{
    public sealed record Query(PageRequest Page, int? DeviceId = null, LinkState? State = null);

    public sealed record Row(int Id, int AInterfaceId, int ADeviceId, string ADevice, string AInterface, int BInterfaceId, int BDeviceId, string BDevice, string BInterface,
        int CapacityMbps, int Metric, LinkState State);

    private static readonly Dictionary<string, Expression<Func<Link, object?>>> Sorts = new()
    {
        ["aDevice"] = x => x.AInterface!.Device!.Hostname,
        ["bDevice"] = x => x.BInterface!.Device!.Hostname,
        ["capacityMbps"] = x => x.CapacityMbps,
        ["metric"] = x => x.Metric,
        ["state"] = x => x.State,
    };

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs)
    {
        public async Task<Page<Row>> HandleAsync(Query query, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var rows = db.Links.AsNoTracking();
            if (query.DeviceId is { } device) rows = rows.Where(x => x.AInterface!.DeviceId == device || x.BInterface!.DeviceId == device);
            if (query.State is { } state) rows = rows.Where(x => x.State == state);
            if (query.Page.SearchText() is { } s)
                rows = rows.Where(x => x.AInterface!.Device!.Hostname.Contains(s) || x.BInterface!.Device!.Hostname.Contains(s)
                    || x.AInterface.Name.Contains(s) || x.BInterface.Name.Contains(s));
            return await rows.ToPageAsync(query.Page, Sorts, x => new Row(
                x.Id, x.AInterfaceId, x.AInterface!.DeviceId, x.AInterface.Device!.Hostname, x.AInterface.Name,
                x.BInterfaceId, x.BInterface!.DeviceId, x.BInterface.Device!.Hostname, x.BInterface.Name, x.CapacityMbps, x.Metric, x.State), ct);
        }
    }
}
