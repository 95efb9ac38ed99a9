using NetAutomation.Core.Inventory;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Ordering;

/// <summary>
/// What customers can order, with the choices each service offers. The offers live in the database (admins edit them);
/// <see cref="Defaults"/> is what a new database starts with, and the only place those defaults are written down.
/// </summary>
public static class ServiceCatalog
{
    public sealed record Offer(ServiceKind Kind, string Name, string Description, int[] BandwidthsMbps, int[] PrefixLengths, bool TwoSites, bool Enabled = true);

    /// <summary>The catalog a new database is seeded with.</summary>
    public static readonly IReadOnlyList<Offer> Defaults =
    [
        new(ServiceKind.InternetAccess, "Internet Access",
            "Internet at one of your sites, with a block of public IPv4 addresses.", [50, 100, 500, 1000], [29, 30], TwoSites: false),
        new(ServiceKind.PointToPoint, "Point-to-point Ethernet",
            "A private Ethernet link between two of your sites; the portal picks the VLAN and the path.", [10, 50, 100, 1000], [], TwoSites: true),
    ];

    /// <summary>The default offer of a kind: its shape (one site or two) and its name as a label for the kind.</summary>
    public static Offer Default(ServiceKind kind) => Defaults.Single(o => o.Kind == kind);

    /// <summary>Whether the service joins two sites; a fact of the service kind, not something an admin edits.</summary>
    public static bool TwoSites(ServiceKind kind) => Default(kind).TwoSites;

    /// <summary>Whether the service comes with a block of public addresses, so its offer lists block sizes.</summary>
    public static bool HasAddressBlock(ServiceKind kind) => kind == ServiceKind.InternetAccess;

    public static Offer ToOffer(CatalogOffer o) =>
        new(o.Kind, o.Name, o.Description, ParseList(o.BandwidthsMbps), ParseList(o.PrefixLengths), TwoSites(o.Kind), o.Enabled);

    /// <summary>The offer of a kind as admins keep it, or null when the catalog has none.</summary>
    public static async Task<Offer?> FindAsync(PortalDbContext db, ServiceKind kind, CancellationToken ct = default) =>
        await db.CatalogOffers.AsNoTracking().SingleOrDefaultAsync(o => o.Kind == kind, ct) is { } row ? ToOffer(row) : null;

    /// <summary>Adds each default offer the database does not have yet; an admin's edits are never overwritten.</summary>
    public static async Task SeedAsync(PortalDbContext db, DateTime now, CancellationToken ct = default)
    {
        var present = await db.CatalogOffers.Select(o => o.Kind).ToListAsync(ct);
        foreach (var d in Defaults.Where(d => !present.Contains(d.Kind)))
        {
            db.CatalogOffers.Add(new CatalogOffer
            {
                Kind = d.Kind, Name = d.Name, Description = d.Description, BandwidthsMbps = JoinList(d.BandwidthsMbps),
                PrefixLengths = JoinList(d.PrefixLengths), Enabled = d.Enabled, UpdatedAt = now, UpdatedBy = "seed",
            });
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A stored list (<c>50,100</c>) back as numbers; the list was checked when it was saved.</summary>
    public static int[] ParseList(string stored) =>
        stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();

    public static string JoinList(IEnumerable<int> values) => string.Join(",", values.Select(v => v.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Writes an admin's change of an offer to the audit trail, as the offer now reads.</summary>
    public static void Audit(PortalDbContext db, CatalogOffer offer, string actor, string action) =>
        InventoryAudit.Record(db, offer.UpdatedAt, actor, "catalog offer", (int)offer.Kind, action,
            $"{offer.Name}: {offer.BandwidthsMbps} Mbps" + (offer.PrefixLengths.Length > 0 ? $", /{offer.PrefixLengths.Replace(",", ", /")}" : "")
            + (offer.Enabled ? ", offered." : ", not offered."));

    /// <summary>Each service's name as customers read it now: the admin's name for it, or the default where there is none.</summary>
    public static async Task<IReadOnlyDictionary<ServiceKind, string>> NamesAsync(PortalDbContext db, CancellationToken ct)
    {
        var names = await db.CatalogOffers.AsNoTracking().ToDictionaryAsync(o => o.Kind, o => o.Name, ct);
        return Enum.GetValues<ServiceKind>().ToDictionary(k => k, k => names.GetValueOrDefault(k) ?? Default(k).Name);
    }
}
