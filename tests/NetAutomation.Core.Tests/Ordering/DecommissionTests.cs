using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Inventory;
using NetAutomation.Core.Ordering;

namespace NetAutomation.Core.Tests.Ordering;

/// <summary>Decommissioning takes the service off every device, all or nothing, and gives the resources back.</summary>
public class DecommissionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(OrderingLab Lab, int OrderId, List<string> Before)> ActivePointToPointAsync()
    {
        var lab = await OrderingLab.CreateAsync();
        var edges = new[] { lab.Routers["edge1"], lab.Routers["edge2"] };
        var before = edges.Select(e => e.RunningConfig).ToList();
        var placed = await lab.PlaceOrder().HandleAsync(
            new PlaceOrder.Command(ServiceKind.PointToPoint, lab.Sites["Acme London"], lab.Sites["Acme Paris"], 50, null, "to go"), lab.Acme, "customer@acme.example", Ct);
        await lab.Job().RunAsync(placed.OrderId, Ct);
        return (lab, placed.OrderId, before);
    }

    private static async Task<ServiceOrder> OrderAsync(OrderingLab lab, int id)
    {
        await using var db = await lab.Db.ContextAsync();
        return await db.Orders.Include(o => o.Resources).Include(o => o.Timeline).SingleAsync(o => o.Id == id, Ct);
    }

    private static async Task<List<AllocationState>> ResourceStatesAsync(OrderingLab lab, ServiceOrder order)
    {
        await using var db = await lab.Db.ContextAsync();
        var ids = order.Resources.Select(r => r.AllocationId).ToList();
        return await db.Allocations.Where(a => ids.Contains(a.Id)).Select(a => a.State).ToListAsync(Ct);
    }

    [Fact]
    public async Task Decommission_RemovesTheServiceFromEveryDevice_ByteForByte_AndReleasesTheResources()
    {
        var (lab, id, before) = await ActivePointToPointAsync();
        await using var _ = lab;
        Assert.Equal(OrderState.Active, (await OrderAsync(lab, id)).State);

        await lab.Decommission().HandleAsync(new(id), lab.Acme, "customer@acme.example", Ct);
        await lab.Job().DecommissionAsync(id, Ct);

        var order = await OrderAsync(lab, id);
        Assert.Equal(OrderState.Decommissioned, order.State);
        Assert.Equal(before, new[] { lab.Routers["edge1"].RunningConfig, lab.Routers["edge2"].RunningConfig });
        Assert.All(await ResourceStatesAsync(lab, order), s => Assert.Equal(AllocationState.Released, s));
        Assert.Contains(order.Timeline, e => e.Message.StartsWith("Service decommissioned"));
    }

    [Fact]
    public async Task InternetAccess_Decommission_TakesTheRouteOffTheUpstreamToo_AndRecordsEachRemoval()
    {
        await using var lab = await OrderingLab.CreateAsync();
        var before = new[] { lab.Routers["edge1"].RunningConfig, lab.Routers["core1"].RunningConfig };
        var placed = await lab.PlaceOrder().HandleAsync(ProvisioningTests.Internet(lab.Sites["Acme London"]), lab.Acme, "customer@acme.example", Ct);
        await lab.Job().RunAsync(placed.OrderId, Ct);
        Assert.Contains("ip route ", lab.Routers["core1"].RunningConfig);

        await lab.Decommission().HandleAsync(new(placed.OrderId), lab.Acme, "customer@acme.example", Ct);
        await lab.Job().DecommissionAsync(placed.OrderId, Ct);

        Assert.Equal(OrderState.Decommissioned, (await OrderAsync(lab, placed.OrderId)).State);
        Assert.Equal(before, new[] { lab.Routers["edge1"].RunningConfig, lab.Routers["core1"].RunningConfig });
        await using var db = await lab.Db.ContextAsync();
        var removals = await db.DeviceChanges.Where(c => c.OrderId == placed.OrderId && c.Outcome == ChangeOutcome.Removed).OrderBy(c => c.Hostname).ToListAsync(Ct);
        Assert.Equal(["core1", "edge1"], removals.Select(c => c.Hostname));
        Assert.All(removals, c => Assert.Equal("customer@acme.example", c.Actor));
        Assert.Contains("-ip route ", removals[0].Diff);
    }

    [Fact]
    public async Task Decommission_CutShort_FinishesWhenRunAgain()
    {
        await using var lab = await OrderingLab.CreateAsync();
        var before = new[] { lab.Routers["edge1"].RunningConfig, lab.Routers["core1"].RunningConfig };
        var placed = await lab.PlaceOrder().HandleAsync(ProvisioningTests.Internet(lab.Sites["Acme London"]), lab.Acme, "customer@acme.example", Ct);
        await lab.Job().RunAsync(placed.OrderId, Ct);
        await lab.Decommission().HandleAsync(new(placed.OrderId), lab.Acme, "customer@acme.example", Ct);
        // A run that died after taking the route off core1 only.
        await using (var db = await lab.Db.ContextAsync())
        {
            var core1 = await db.OrderDevices.SingleAsync(d => d.OrderId == placed.OrderId && d.Hostname == "core1", Ct);
            await using var driver = lab.Drivers.Create(lab.Devices.TargetFor(lab.Routers["core1"]));
            driver.LoadMergeCandidate($"no {core1.Config.Trim()}");
            await driver.CommitAsync(null, Ct);
        }
        Assert.Equal(before[1], lab.Routers["core1"].RunningConfig);

        await lab.Job().DecommissionAsync(placed.OrderId, Ct);

        Assert.Equal(OrderState.Decommissioned, (await OrderAsync(lab, placed.OrderId)).State);
        Assert.Equal(before, new[] { lab.Routers["edge1"].RunningConfig, lab.Routers["core1"].RunningConfig });
    }

    [Fact]
    public async Task Decommission_ThatOneDeviceRefuses_LeavesTheServiceInPlaceEverywhere()
    {
        var (lab, id, _) = await ActivePointToPointAsync();
        await using var __ = lab;
        var active = new[] { lab.Routers["edge1"].RunningConfig, lab.Routers["edge2"].RunningConfig };
        lab.Routers["edge2"].Faults.RejectConfigLine = 1;

        await lab.Decommission().HandleAsync(new(id), lab.Acme, "customer@acme.example", Ct);
        await lab.Job().DecommissionAsync(id, Ct);

        var order = await OrderAsync(lab, id);
        Assert.Equal(OrderState.Active, order.State);
        Assert.Contains(order.Timeline, e => e.Message.StartsWith("Decommissioning failed:") && e.Message.EndsWith("The service is still in place on every device."));
        Assert.Equal(active, new[] { lab.Routers["edge1"].RunningConfig, lab.Routers["edge2"].RunningConfig });
        Assert.All(await ResourceStatesAsync(lab, order), s => Assert.Equal(AllocationState.Committed, s));
    }

    [Fact]
    public async Task AnotherTenant_CannotDecommission_AndNothingChanges()
    {
        var (lab, id, _) = await ActivePointToPointAsync();
        await using var __ = lab;
        var e = await Assert.ThrowsAsync<NotFoundException>(() => lab.Decommission().HandleAsync(new(id), lab.Globex, "customer@globex.example", Ct));
        Assert.Equal($"Service {id} does not exist.", e.Message);
        Assert.Equal(OrderState.Active, (await OrderAsync(lab, id)).State);
    }
}
