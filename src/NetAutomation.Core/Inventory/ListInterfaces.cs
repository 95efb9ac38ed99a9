using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Inventory;

public static class ListInterfaces
{
    public sealed record Query(PageRequest Page, int? DeviceId = null, bool? Enabled = null);

    /// <summary>One interface with the far end of its link, if it has one.</summary>
    public sealed record Row(int Id, int DeviceId, string Device, string Name, int SpeedMbps, bool Enabled, string? Description, int? LinkId, string? Peer);

    private static readonly Dictionary<string, Expression<Func<Interface, object?>>> Sorts = new()
    {
        ["device"] = x => x.Device!.Hostname, ["name"] = x => x.Name, ["speedMbps"] = x => x.SpeedMbps, ["enabled"] = x => x.Enabled,
    };

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs)
    {
        public async Task<Page<Row>> HandleAsync(Query query, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var rows = db.Interfaces.AsNoTracking();
            if (query.DeviceId is { } device) rows = rows.Where(x => x.DeviceId == device);
            if (query.Enabled is { } enabled) rows = rows.Where(x => x.Enabled == enabled);
            if (query.Page.SearchText() is { } s)
                rows = rows.Where(x => x.Name.Contains(s) || x.Device!.Hostname.Contains(s) || (x.Description != null && x.Description.Contains(s)));
            var page = await rows.ToPageAsync(query.Page, Sorts,
                x => new Row(x.Id, x.DeviceId, x.Device!.Hostname, x.Name, x.SpeedMbps, x.Enabled, x.Description, null, null), ct);
            // The peer of each interface on the page: one query for the page, not one per row.
            var ids = page.Items.Select(r => r.Id).ToList();
            var links = await db.Links.AsNoTracking().Where(l => ids.Contains(l.AInterfaceId) || ids.Contains(l.BInterfaceId))
                .Select(l => new { l.Id, l.AInterfaceId, l.BInterfaceId, A = l.AInterface!.Device!.Hostname + " " + l.AInterface.Name, B = l.BInterface!.Device!.Hostname + " " + l.BInterface.Name })
                .ToListAsync(ct);
            var items = page.Items.Select(r =>
                links.FirstOrDefault(l => l.AInterfaceId == r.Id) is { } a ? r with { LinkId = a.Id, Peer = a.B }
                : links.FirstOrDefault(l => l.BInterfaceId == r.Id) is { } b ? r with { LinkId = b.Id, Peer = b.A }
                : r).ToList();
            return page with { Items = items };
        }
    }
}
