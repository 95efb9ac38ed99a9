using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Ordering;

/// <summary>
/// Change records, newest first: for one device (staff) or one service. A customer only ever sees the changes of
/// their own tenant's services, and never the full before and after: those are the whole device's configuration,
/// other tenants' services included.
/// </summary>
public static class ListDeviceChanges
{
    /// <param name="TenantId">The caller's tenant, or null for staff.</param>
    public sealed record Query(int? DeviceId = null, int? OrderId = null, int? TenantId = null, int Take = 100);

    public sealed record Row(long Id, DateTime At, int DeviceId, string Hostname, int? OrderId, string Actor, string Reason,
        ChangeOutcome Outcome, string Diff, string? Before, string? After);

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs)
    {
        public async Task<IReadOnlyList<Row>> HandleAsync(Query q, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var changes = db.DeviceChanges.AsNoTracking();
            if (q.DeviceId is { } device) changes = changes.Where(c => c.DeviceId == device);
            if (q.OrderId is { } order) changes = changes.Where(c => c.OrderId == order);
            if (q.TenantId is { } tenant) changes = changes.Where(c => db.Orders.Any(o => o.Id == c.OrderId && o.TenantId == tenant));
            var staff = q.TenantId is null;
            return await changes.OrderByDescending(c => c.Id).Take(Math.Clamp(q.Take, 1, 500))
                .Select(c => new Row(c.Id, c.At, c.DeviceId, c.Hostname, c.OrderId, c.Actor, c.Reason, c.Outcome, c.Diff,
                    staff ? c.Before : null, staff ? c.After : null))
                .ToListAsync(ct);
        }
    }
}
