using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;
using NetAutomation.Core.Inventory;

namespace NetAutomation.Core.Ordering;

/// <summary>One order with its timeline, devices and resources. Another tenant's order reads exactly like a missing one.</summary>
public static class GetOrder
{
    public sealed record Query(int OrderId, int? TenantId);

    public sealed record Event(DateTime At, OrderState State, ProvisionStep Step, string Message);

    public sealed record DeviceRow(int Position, string Hostname, DeviceChangeState State, string Config, string? Diff, string? Message);

    public sealed record Result(int Id, string Tenant, ServiceKind Kind, string Reference, string SiteA, string? SiteB, int BandwidthMbps,
        int? PrefixLength, string? Path, OrderState State, ProvisionStep Step, string? FailureReason, DateTime CreatedAt,
        IReadOnlyList<Event> Timeline, IReadOnlyList<DeviceRow> Devices, IReadOnlyList<string> Resources,
        int? BlastRadius, string? ApprovedBy, string? ApprovalNote, int? RetryOf, string Service);

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs)
    {
        public async Task<Result> HandleAsync(Query q, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var o = await db.Orders.AsNoTracking().AsSplitQuery()
                .Include(x => x.Tenant).Include(x => x.SiteA).Include(x => x.SiteB)
                .Include(x => x.Timeline).Include(x => x.Devices).Include(x => x.Resources)
                .SingleOrDefaultAsync(x => x.Id == q.OrderId && (q.TenantId == null || x.TenantId == q.TenantId), ct)
                ?? throw new NotFoundException($"Order {q.OrderId} does not exist.");
            return new Result(o.Id, o.Tenant!.Name, o.Kind, o.Reference, o.SiteA!.Name, o.SiteB?.Name, o.BandwidthMbps, o.PrefixLength,
                o.PathDescription, o.State, o.Step, o.FailureReason, o.CreatedAt,
                o.Timeline.OrderBy(e => e.Id).Select(e => new Event(e.At, e.State, e.Step, e.Message)).ToList(),
                o.Devices.OrderBy(d => d.Position).Select(d => new DeviceRow(d.Position, d.Hostname, d.State, d.Config, d.Diff, d.Message)).ToList(),
                o.Resources.Select(r => r.Description).ToList(),
                o.BlastRadius, o.ApprovedBy, o.ApprovalNote, o.RetryOf, (await ServiceCatalog.NamesAsync(db, ct))[o.Kind]);
        }
    }
}
