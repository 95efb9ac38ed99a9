using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Ordering;

/// <summary>
/// The NOC's approvals queue: each change waiting at the gate, oldest first, with its blast radius, each device's
/// dry-run diff and the other active services on the devices it touches.
/// </summary>
public static class ListApprovals
{
    public sealed record Device(string Hostname, string Role, string? Diff);

    public sealed record Affected(int OrderId, string Tenant, ServiceKind Kind, string Reference, IReadOnlyList<string> SharedDevices);

    public sealed record Row(int Id, string Tenant, ServiceKind Kind, string Reference, string RequestedBy, int BandwidthMbps,
        int? BlastRadius, DateTime WaitingSince, string Why, IReadOnlyList<Device> Devices, IReadOnlyList<Affected> AffectedServices);

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs)
    {
        public async Task<IReadOnlyList<Row>> HandleAsync(CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var waiting = await db.Orders.AsNoTracking().AsSplitQuery().Include(o => o.Tenant).Include(o => o.Devices).Include(o => o.Timeline)
                .Where(o => o.State == OrderState.AwaitingApproval).ToListAsync(ct);
            var deviceIds = waiting.SelectMany(o => o.Devices.Select(d => d.DeviceId)).Distinct().ToList();
            var others = await db.Orders.AsNoTracking().Include(o => o.Tenant).Include(o => o.Devices)
                .Where(o => o.State == OrderState.Active && o.Devices.Any(d => deviceIds.Contains(d.DeviceId))).ToListAsync(ct);

            return waiting.OrderBy(o => o.UpdatedAt).Select(o =>
            {
                var mine = o.Devices.Select(d => d.DeviceId).ToHashSet();
                var why = o.Timeline.OrderBy(e => e.Id).Last(e => e.State == OrderState.AwaitingApproval);
                return new Row(o.Id, o.Tenant!.Name, o.Kind, o.Reference, o.RequestedBy, o.BandwidthMbps, o.BlastRadius, why.At, why.Message,
                    o.Devices.OrderBy(d => d.Position).Select(d => new Device(d.Hostname, d.Role, d.Diff)).ToList(),
                    others.Where(s => s.Devices.Any(d => mine.Contains(d.DeviceId))).OrderBy(s => s.Id)
                        .Select(s => new Affected(s.Id, s.Tenant!.Name, s.Kind, s.Reference,
                            s.Devices.Where(d => mine.Contains(d.DeviceId)).Select(d => d.Hostname).Distinct().Order().ToList()))
                        .ToList());
            }).ToList();
        }
    }
}
