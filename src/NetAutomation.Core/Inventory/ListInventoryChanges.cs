using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Inventory;

/// <summary>The inventory audit trail, newest first by default.</summary>
public static class ListInventoryChanges
{
    public sealed record Query(PageRequest Page, string? Entity = null, int? EntityId = null);

    public sealed record Row(long Id, DateTime At, string Actor, string Entity, int EntityId, string Action, string Summary);

    private static readonly Dictionary<string, Expression<Func<InventoryChange, object?>>> Sorts = new()
    {
        ["at"] = x => x.At, ["actor"] = x => x.Actor, ["entity"] = x => x.Entity,
    };

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs)
    {
        public async Task<Page<Row>> HandleAsync(Query query, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var rows = db.InventoryChanges.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(query.Entity)) rows = rows.Where(x => x.Entity == query.Entity);
            if (query.EntityId is { } id) rows = rows.Where(x => x.EntityId == id);
            if (query.Page.SearchText() is { } s) rows = rows.Where(x => x.Summary.Contains(s) || x.Actor.Contains(s));
            var page = query.Page.Sort is null ? query.Page with { Sort = "at", Descending = true } : query.Page;
            return await rows.ToPageAsync(page, Sorts, x => new Row(x.Id, x.At, x.Actor, x.Entity, x.EntityId, x.Action, x.Summary), ct);
        }
    }
}
