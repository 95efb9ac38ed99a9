using System.Linq.Expressions;
using System.Net;
using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Inventory;

public static class ListPrefixPools
{
    public sealed record Query(PageRequest Page, int? SiteId = null);

    /// <summary><see cref="Size"/> is text: an IPv6 pool can hold more children than any integer column.</summary>
    public sealed record Row(int Id, string Name, string Prefix, int ChildLength, int? SiteId, string? Site, string? Description, string Size, int InUse);

    private static readonly Dictionary<string, Expression<Func<PrefixPool, object?>>> Sorts = new()
    {
        ["name"] = x => x.Name, ["prefix"] = x => x.Prefix, ["childLength"] = x => x.ChildLength, ["site"] = x => x.Site!.Name,
    };

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs)
    {
        public async Task<Page<Row>> HandleAsync(Query query, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var rows = db.PrefixPools.AsNoTracking();
            if (query.SiteId is { } site) rows = rows.Where(x => x.SiteId == site);
            if (query.Page.SearchText() is { } s) rows = rows.Where(x => x.Name.Contains(s) || x.Prefix.Contains(s) || (x.Description != null && x.Description.Contains(s)));
            var page = await rows.ToPageAsync(query.Page, Sorts, x => new Row(
                x.Id, x.Name, x.Prefix, x.ChildLength, x.SiteId, x.Site!.Name, x.Description, "",
                db.Allocations.Count(a => a.PrefixPoolId == x.Id && a.ActiveKey != null)), ct);
            return page with
            {
                Items = page.Items.Select(r => r with { Size = PrefixCarver.ChildCount(IPNetwork2.Parse(r.Prefix), (byte)r.ChildLength).ToString() }).ToList(),
            };
        }
    }
}
