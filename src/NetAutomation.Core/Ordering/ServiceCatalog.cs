namespace NetAutomation.Core.Ordering;

/// <summary>What customers can order, with the choices each service offers.</summary>
public static class ServiceCatalog
{
    public sealed record Offer(ServiceKind Kind, string Name, string Description, int[] BandwidthsMbps, int[] PrefixLengths, bool TwoSites);

    public static readonly IReadOnlyList<Offer> Offers =
    [
        new(ServiceKind.InternetAccess, "Internet Access",
            "Internet at one of your sites, with a block of public IPv4 addresses.", [50, 100, 500, 1000], [29, 30], TwoSites: false),
        new(ServiceKind.PointToPoint, "Point-to-point Ethernet",
            "A private Ethernet link between two of your sites; the portal picks the VLAN and the path.", [10, 50, 100, 1000], [], TwoSites: true),
    ];

    public static Offer For(ServiceKind kind) => Offers.Single(o => o.Kind == kind);
}
