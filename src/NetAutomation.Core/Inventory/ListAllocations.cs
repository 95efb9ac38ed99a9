using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Inventory;

public static class ListAllocations
{
    public sealed record Query(PageRequest Page, AllocationKind? Kind = null, int? PoolId = null, AllocationState? State = null, string? Owner = null, int? TenantId = null);

    public sealed record Row(int Id, AllocationKind Kind, int PoolId, string Pool, int? Vlan, string? Prefix, string Owner, int? TenantId, string? Tenant,
        AllocationState State, DateTime CreatedAt, DateTime ChangedAt, DateTime? HeldUntil);

    private static readonly Dictionary<string, Expression<Func<Allocation, object?>>> Sorts = new()
    {
        ["changedAt"] = x => x.ChangedAt, ["createdAt"] = x => x.CreatedAt, ["owner"] = x => x.Owner, ["state"] = x => x.State,
        ["vlan"] = x => x.Vlan, ["prefix"] = x => x.Prefix, ["heldUntil"] = x => x.HeldUntil,
    };

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs)
    {
        public async Task<Page<Row>> HandleAsync(Query query, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var rows = db.Allocations.AsNoTracking();
            if (query.Kind is { } kind) rows = rows.Where(x => x.Kind == kind);
            if (query.PoolId is { } pool) rows = rows.Where(x => x.VlanPoolId == pool || x.PrefixPoolId == pool);
            if (query.State is { } state) rows = rows.Where(x => x.State == state);
            if (query.TenantId is { } tenant) rows = rows.Where(x => x.TenantId == tenant);
            if (!string.IsNullOrWhiteSpace(query.Owner)) rows = rows.Where(x => x.Owner == query.Owner.Trim());
            if (query.Page.SearchText() is { } s) rows = rows.Where(x => x.Owner.Contains(s) || (x.Prefix != null && x.Prefix.Contains(s)));
            return await rows.ToPageAsync(query.Page, Sorts, x => new Row(
                x.Id, x.Kind, x.VlanPoolId ?? x.PrefixPoolId ?? 0, x.VlanPool != null ? x.VlanPool.Name : x.PrefixPool!.Name, x.Vlan, x.Prefix, x.Owner,
                x.TenantId, x.Tenant!.Name, x.State, x.CreatedAt, x.ChangedAt, x.HeldUntil), ct);
        }
    }
}
