using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Ordering;

/// <summary>The service catalog as it is in the database: every offer for admins, the enabled ones for customers.</summary>
public static class ListCatalog
{
    /// <param name="EnabledOnly">Customers see only what they can order.</param>
    public sealed record Query(bool EnabledOnly = true);

    public sealed record Row(ServiceCatalog.Offer Offer, DateTime UpdatedAt, string UpdatedBy)
    {
        public ServiceKind Kind => Offer.Kind;
    }

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs)
    {
        public async Task<IReadOnlyList<Row>> HandleAsync(Query query, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var rows = db.CatalogOffers.AsNoTracking();
            if (query.EnabledOnly) rows = rows.Where(o => o.Enabled);
            // Few rows; ordered by the kind's place in the enum so the catalog reads the same way every time.
            return (await rows.ToListAsync(ct)).OrderBy(o => o.Kind).Select(o => new Row(ServiceCatalog.ToOffer(o), o.UpdatedAt, o.UpdatedBy)).ToList();
        }
    }
}
