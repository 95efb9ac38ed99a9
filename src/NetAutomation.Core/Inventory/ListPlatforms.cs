using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Inventory;

public static class ListPlatforms
{
    public sealed record Query(PageRequest Page);

    public sealed record Row(int Id, string Name, string Vendor, string OsName, string DriverKey, int Devices);

    private static readonly Dictionary<string, Expression<Func<Platform, object?>>> Sorts = new()
    {
        ["name"] = x => x.Name, ["vendor"] = x => x.Vendor, ["driverKey"] = x => x.DriverKey,
    };

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs)
    {
        public async Task<Page<Row>> HandleAsync(Query query, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var rows = db.Platforms.AsNoTracking();
            if (query.Page.SearchText() is { } s) rows = rows.Where(x => x.Name.Contains(s) || x.Vendor.Contains(s) || x.DriverKey.Contains(s));
            return await rows.ToPageAsync(query.Page, Sorts,
                x => new Row(x.Id, x.Name, x.Vendor, x.OsName, x.DriverKey, db.Devices.Count(d => d.PlatformId == x.Id)), ct);
        }
    }
}
