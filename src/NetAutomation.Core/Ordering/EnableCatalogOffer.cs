using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;
using NetAutomation.Core.Inventory;

namespace NetAutomation.Core.Ordering;

/// <summary>
/// An admin takes an offer off the catalog or puts it back. Orders already placed are untouched; a disabled offer
/// cannot be ordered (nor retried) until it is enabled again.
/// </summary>
public static class EnableCatalogOffer
{
    public sealed record Command(ServiceKind Kind, bool Enabled);

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs, TimeProvider clock)
    {
        public async Task HandleAsync(Command c, string actor, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var offer = await db.CatalogOffers.SingleOrDefaultAsync(o => o.Kind == c.Kind, ct)
                ?? throw new NotFoundException($"The catalog has no {c.Kind} offer.");
            if (offer.Enabled == c.Enabled) return;
            offer.Enabled = c.Enabled;
            offer.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            offer.UpdatedBy = actor;
            ServiceCatalog.Audit(db, offer, actor, c.Enabled ? "enabled" : "disabled");
            await db.SaveChangesAsync(ct);
        }
    }
}
