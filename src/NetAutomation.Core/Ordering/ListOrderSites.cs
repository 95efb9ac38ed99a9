using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;
using NetAutomation.Core.Inventory;

namespace NetAutomation.Core.Ordering;

/// <summary>The sites a tenant can order services at: its own customer sites that are connected to an edge router.</summary>
public static class ListOrderSites
{
    public sealed record Row(int Id, string Name, string? Address);

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs)
    {
        public async Task<IReadOnlyList<Row>> HandleAsync(int tenantId, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            return await db.Sites.AsNoTracking()
                .Where(s => s.TenantId == tenantId && s.Kind == SiteKind.Customer && s.EdgeDeviceId != null)
                .OrderBy(s => s.Name).Select(s => new Row(s.Id, s.Name, s.Address)).ToListAsync(ct);
        }
    }
}
