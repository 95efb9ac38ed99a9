using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Inventory;

public static class ListSites
{
    public sealed record Query(PageRequest Page, SiteKind? Kind = null, int? TenantId = null);

    public sealed record Row(int Id, string Name, SiteKind Kind, int? TenantId, string? Tenant, string? Address, string? Description, int? EdgeDeviceId, string? EdgeDevice, int Devices);

    private static readonly Dictionary<string, Expression<Func<Site, object?>>> Sorts = new()
    {
        ["name"] = x => x.Name,
        ["kind"] = x => x.Kind,
        ["tenant"] = x => x.Tenant!.Name,
        ["edgeDevice"] = x => x.EdgeDevice!.Hostname,
    };

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs)
    {
        public async Task<Page<Row>> HandleAsync(Query query, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var sites = db.Sites.AsNoTracking();
            if (query.Kind is { } kind) sites = sites.Where(x => x.Kind == kind);
            if (query.TenantId is { } tenant) sites = sites.Where(x => x.TenantId == tenant);
            if (query.Page.SearchText() is { } s)
                sites = sites.Where(x => x.Name.Contains(s) || (x.Address != null && x.Address.Contains(s)) || (x.Tenant != null && x.Tenant.Name.Contains(s)));
            return await sites.ToPageAsync(query.Page, Sorts, x => new Row(
                x.Id, x.Name, x.Kind, x.TenantId, x.Tenant!.Name, x.Address, x.Description, x.EdgeDeviceId, x.EdgeDevice!.Hostname,
                db.Devices.Count(d => d.SiteId == x.Id)), ct);
        }
    }
}
