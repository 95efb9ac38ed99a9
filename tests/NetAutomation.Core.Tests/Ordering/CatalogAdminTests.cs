using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Inventory;
using NetAutomation.Core.Ordering;

namespace NetAutomation.Core.Tests.Ordering;

/// <summary>The catalog lives in the database: admins edit it, every field is checked, and orders follow what it says.</summary>
public class CatalogAdminTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SaveCatalogOffer.Handler Save(OrderingLab lab) => new(lab.Db.Factory, lab.Clock);

    private static SaveCatalogOffer.Command Valid(ServiceKind kind = ServiceKind.InternetAccess) =>
        new(kind, "Business Internet", "Fast internet.", "20, 200", kind == ServiceKind.InternetAccess ? "28, 29" : null);

    private static async Task<CatalogOffer> OfferAsync(OrderingLab lab, ServiceKind kind)
    {
        await using var db = await lab.Db.ContextAsync();
        return await db.CatalogOffers.AsNoTracking().SingleAsync(o => o.Kind == kind, Ct);
    }

    [Fact]
    public async Task Seed_AddsTheDefaults_AndNeverOverwritesAnAdminsEdit()
    {
        await using var lab = await OrderingLab.CreateAsync();
        var offers = await new ListCatalog.Handler(lab.Db.Factory).HandleAsync(new(EnabledOnly: false), Ct);
        Assert.Equal(ServiceCatalog.Defaults.Select(d => (d.Kind, d.Name, string.Join(",", d.BandwidthsMbps))),
            offers.Select(o => (o.Kind, o.Offer.Name, string.Join(",", o.Offer.BandwidthsMbps))));

        await Save(lab).HandleAsync(Valid(), "admin@netautomation.example", Ct);
        await using (var db = await lab.Db.ContextAsync()) await ServiceCatalog.SeedAsync(db, DateTime.UtcNow, Ct);

        var offer = await OfferAsync(lab, ServiceKind.InternetAccess);
        Assert.Equal(("Business Internet", "20,200", "28,29", "admin@netautomation.example"), (offer.Name, offer.BandwidthsMbps, offer.PrefixLengths, offer.UpdatedBy));
    }

    [Theory]
    [InlineData("Name", "Fast\nInternet", "Name contains a control character")]
    [InlineData("Name", "Fast\u2028Internet", "Name contains a control character")]
    [InlineData("Name", "Fast\r\nno router bgp 1", "Name contains a control character")]
    [InlineData("Name", "{{ tenant }} special", "Name may not contain {{ or {%.")]
    [InlineData("Name", "{% raw %}", "Name may not contain {{ or {%.")]
    [InlineData("Name", "  ", "Name is required.")]
    [InlineData("Description", "Line one\u2029line two", "Description contains a control character")]
    [InlineData("Description", "Use {{ port }}", "Description may not contain {{ or {%.")]
    [InlineData("BandwidthsMbps", "50, 100\n500", "Bandwidths contains a control character")]
    [InlineData("BandwidthsMbps", "100, 50", "Give the bandwidths in ascending order: 50, 100.")]
    [InlineData("BandwidthsMbps", "50, 50, 100", "Bandwidths list a value twice; give each once.")]
    [InlineData("BandwidthsMbps", "0, 50", "Bandwidth 0 Mbps is outside 1-100000 Mbps.")]
    [InlineData("BandwidthsMbps", "50, 100001", "Bandwidth 100001 Mbps is outside 1-100000 Mbps.")]
    [InlineData("BandwidthsMbps", "50, -1", "Bandwidths: '-1' is not a whole number")]
    [InlineData("BandwidthsMbps", "50,,100", "Bandwidths: '' is not a whole number")]
    [InlineData("BandwidthsMbps", "{{ 1 }}", "Bandwidths: '{{ 1 }}' is not a whole number")]
    [InlineData("BandwidthsMbps", "", "Bandwidths is required.")]
    [InlineData("PrefixLengths", "23, 29", "Address block /23 is outside /24 to /30.")]
    [InlineData("PrefixLengths", "29, 31", "Address block /31 is outside /24 to /30.")]
    [InlineData("PrefixLengths", "29, 29", "Address block sizes list a value twice; give each once.")]
    [InlineData("PrefixLengths", "", "Address block sizes is required.")]
    public async Task HostileOrBadField_IsRefusedUnderThatField_AndNothingIsWritten(string field, string value, string message)
    {
        await using var lab = await OrderingLab.CreateAsync();
        var before = await OfferAsync(lab, ServiceKind.InternetAccess);
        var c = field switch
        {
            "Name" => Valid() with { Name = value },
            "Description" => Valid() with { Description = value },
            "BandwidthsMbps" => Valid() with { BandwidthsMbps = value },
            _ => Valid() with { PrefixLengths = value },
        };

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => Save(lab).HandleAsync(c, "admin", Ct));

        Assert.Contains(e.Errors[field], m => m.StartsWith(message, StringComparison.Ordinal));
        Assert.Equal([field], e.Errors.Keys);
        var after = await OfferAsync(lab, ServiceKind.InternetAccess);
        Assert.Equal((before.Name, before.Description, before.BandwidthsMbps, before.PrefixLengths, before.UpdatedAt),
            (after.Name, after.Description, after.BandwidthsMbps, after.PrefixLengths, after.UpdatedAt));
    }

    [Fact]
    public async Task PrefixLengths_AreOnlyForInternetAccess()
    {
        await using var lab = await OrderingLab.CreateAsync();
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Save(lab).HandleAsync(Valid(ServiceKind.PointToPoint) with { Name = "Private link", PrefixLengths = "29" }, "admin", Ct));
        Assert.Equal(["Point-to-point Ethernet has no address block; leave the block sizes empty."], e.Errors["PrefixLengths"]);
    }

    [Fact]
    public async Task TwoOffers_CannotShareAName()
    {
        await using var lab = await OrderingLab.CreateAsync();
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Save(lab).HandleAsync(Valid(ServiceKind.PointToPoint) with { Name = "Internet Access" }, "admin", Ct));
        Assert.Equal(["Another offer is already called 'Internet Access'."], e.Errors["Name"]);
    }

    [Fact]
    public async Task PlaceOrder_FollowsTheSavedOffer()
    {
        await using var lab = await OrderingLab.CreateAsync();
        await Save(lab).HandleAsync(Valid() with { PrefixLengths = "30" }, "admin", Ct);

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => lab.PlaceOrder().HandleAsync(
            new PlaceOrder.Command(ServiceKind.InternetAccess, lab.Sites["Acme London"], null, 100, 29, "HQ"), lab.Acme, "customer@acme.example", Ct));
        Assert.Equal(["Bandwidth must be one of 20, 200 Mbps."], e.Errors["BandwidthMbps"]);
        Assert.Equal(["Address block must be one of /30."], e.Errors["PrefixLength"]);

        var placed = await lab.PlaceOrder().HandleAsync(
            new PlaceOrder.Command(ServiceKind.InternetAccess, lab.Sites["Acme London"], null, 200, 30, "HQ"), lab.Acme, "customer@acme.example", Ct);
        await using var db = await lab.Db.ContextAsync();
        Assert.Equal(200, (await db.Orders.SingleAsync(o => o.Id == placed.OrderId, Ct)).BandwidthMbps);
        // The lists and the order page call the service by the admin's name for it.
        Assert.Equal("Business Internet", Assert.Single(await new ListOrders.Handler(lab.Db.Factory).HandleAsync(new(lab.Acme), Ct)).Service);
        Assert.Equal("Business Internet", (await new GetOrder.Handler(lab.Db.Factory).HandleAsync(new(placed.OrderId, lab.Acme), Ct)).Service);
    }

    [Fact]
    public async Task DisabledOffer_IsHiddenFromCustomers_AndCannotBeOrdered_UntilEnabledAgain()
    {
        await using var lab = await OrderingLab.CreateAsync();
        var enable = new EnableCatalogOffer.Handler(lab.Db.Factory, lab.Clock);
        await enable.HandleAsync(new(ServiceKind.InternetAccess, Enabled: false), "admin@netautomation.example", Ct);

        var visible = await new ListCatalog.Handler(lab.Db.Factory).HandleAsync(new(EnabledOnly: true), Ct);
        Assert.Equal([ServiceKind.PointToPoint], visible.Select(o => o.Kind));
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => lab.PlaceOrder().HandleAsync(
            new PlaceOrder.Command(ServiceKind.InternetAccess, lab.Sites["Acme London"], null, 100, 29, "HQ"), lab.Acme, "customer@acme.example", Ct));
        Assert.Equal(["Internet Access is not offered at the moment; choose another service from the catalog."], e.Errors["Kind"]);
        await ProvisioningTests.AssertNothingWrittenAsync(lab);

        await enable.HandleAsync(new(ServiceKind.InternetAccess, Enabled: true), "admin@netautomation.example", Ct);
        await using (var db = await lab.Db.ContextAsync())
        {
            var audit = await db.InventoryChanges.Where(x => x.Entity == "catalog offer").OrderBy(x => x.Id).Select(x => x.Action).ToListAsync(Ct);
            Assert.Equal(["disabled", "enabled"], audit);
        }
        await lab.PlaceOrder().HandleAsync(
            new PlaceOrder.Command(ServiceKind.InternetAccess, lab.Sites["Acme London"], null, 100, 29, "HQ"), lab.Acme, "customer@acme.example", Ct);
    }
}
