using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Inventory;
using NetAutomation.Core.Ordering;

namespace NetAutomation.Core.Tests.Ordering;

/// <summary>Bad input and other tenants' sites are refused with a clear message, and nothing is written or held.</summary>
public class PlaceOrderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("HQ\nshutdown", "Reference contains a control character")]
    [InlineData("HQ\r\nno router bgp 65000", "Reference contains a control character")]
    [InlineData("HQ\u2028interface Loopback9", "Reference contains a control character")]
    [InlineData("{{ port }}", "Reference may not contain {{ or {%.")]
    [InlineData("{% raw %}", "Reference may not contain {{ or {%.")]
    [InlineData("", "Reference is required.")]
    public async Task HostileReference_IsRefused_AndNothingIsWrittenOrSent(string reference, string message)
    {
        await using var lab = await OrderingLab.CreateAsync();
        var before = lab.Routers["edge1"].RunningConfig;
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => lab.PlaceOrder().HandleAsync(
            new PlaceOrder.Command(ServiceKind.InternetAccess, lab.Sites["Acme London"], null, 100, 29, reference), lab.Acme, "customer@acme.example", Ct));
        Assert.Contains(e.Errors["Reference"], m => m.StartsWith(message));
        await ProvisioningTests.AssertNothingWrittenAsync(lab);
        Assert.Equal(before, lab.Routers["edge1"].RunningConfig);
    }

    [Fact]
    public async Task AnotherTenantsSite_ReadsAsNotYours()
    {
        await using var lab = await OrderingLab.CreateAsync();
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => lab.PlaceOrder().HandleAsync(
            new PlaceOrder.Command(ServiceKind.InternetAccess, lab.Sites["Acme London"], null, 100, 29, "mine now"), lab.Globex, "customer@globex.example", Ct));
        Assert.Equal([$"Site {lab.Sites["Acme London"]} is not one of your sites."], e.Errors["SiteAId"]);
        await ProvisioningTests.AssertNothingWrittenAsync(lab);
    }

    [Fact]
    public async Task OutOfCatalogChoices_AreRefused_PerField()
    {
        await using var lab = await OrderingLab.CreateAsync();
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => lab.PlaceOrder().HandleAsync(
            new PlaceOrder.Command(ServiceKind.InternetAccess, lab.Sites["Acme London"], lab.Sites["Acme Paris"], 123, 24, "x"), lab.Acme, "a", Ct));
        Assert.Equal(["Bandwidth must be one of 50, 100, 500, 1000 Mbps."], e.Errors["BandwidthMbps"]);
        Assert.Equal(["Address block must be one of /29, /30."], e.Errors["PrefixLength"]);
        Assert.Equal(["Internet Access is for one site; leave the second site empty."], e.Errors["SiteBId"]);
        await ProvisioningTests.AssertNothingWrittenAsync(lab);
    }

    [Fact]
    public async Task ConcurrentOrders_RacingForTheLastVlans_NeverShareOne_AndTheLosersAreToldWhy()
    {
        await using var lab = await OrderingLab.CreateAsync(edgeVlans: 3);
        var handler = lab.PlaceOrder();
        var start = new TaskCompletionSource();
        var attempts = Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            await start.Task;
            try
            {
                return (object)await handler.HandleAsync(
                    new PlaceOrder.Command(ServiceKind.InternetAccess, lab.Sites["Acme London"], null, 50, 30, $"race {i}"), lab.Acme, "racer", Ct);
            }
            catch (PoolExhaustedException e) { return e; }
        }, Ct)).ToList();
        start.SetResult();
        var results = await Task.WhenAll(attempts);

        Assert.Equal(3, results.Count(r => r is PlaceOrder.Result));
        Assert.Equal(7, results.Count(r => r is PoolExhaustedException));
        await using var db = await lab.Db.ContextAsync();
        var vlans = await db.Allocations.Where(a => a.Kind == AllocationKind.Vlan && a.State != AllocationState.Released).Select(a => a.Vlan).ToListAsync(Ct);
        Assert.Equal(3, vlans.Distinct().Count());
        Assert.Equal(3, vlans.Count);
        // The losers' prefix holds were given back too.
        Assert.Equal(3, await db.Allocations.CountAsync(a => a.Kind == AllocationKind.Prefix && a.State != AllocationState.Released, Ct));
    }
}
