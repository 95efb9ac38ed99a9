using System.Net;
using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Inventory;
using NetAutomation.Core.Ordering;
using NetAutomation.DeviceLab;

namespace NetAutomation.Core.Tests.Ordering;

/// <summary>Orders through to Active, and every failure all-or-nothing, on tier-1 simulated IOS routers.</summary>
public class ProvisioningTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static PlaceOrder.Command Internet(int site, string reference = "HQ internet") =>
        new(ServiceKind.InternetAccess, site, null, 100, 29, reference);

    internal static PlaceOrder.Command PointToPoint(int a, int b, int mbps = 50) =>
        new(ServiceKind.PointToPoint, a, b, mbps, null, "London-Paris");

    internal static async Task<ServiceOrder> OrderAsync(OrderingLab lab, int id)
    {
        await using var db = await lab.Db.ContextAsync();
        return await db.Orders.Include(o => o.Devices).Include(o => o.Resources).Include(o => o.Timeline).SingleAsync(o => o.Id == id, Ct);
    }

    internal static async Task<List<Allocation>> AllocationsAsync(OrderingLab lab, ServiceOrder order)
    {
        await using var db = await lab.Db.ContextAsync();
        var ids = order.Resources.Select(r => r.AllocationId).ToList();
        return await db.Allocations.Where(a => ids.Contains(a.Id)).ToListAsync(Ct);
    }

    [Fact]
    public async Task InternetAccess_ReachesActive_WithTheEdgeAndItsUpstreamConfigured_AndResourcesCommitted()
    {
        await using var lab = await OrderingLab.CreateAsync();
        var before = lab.Routers["edge1"].RunningConfig;
        var coreBefore = lab.Routers["core1"].RunningConfig;

        var placed = await lab.PlaceOrder().HandleAsync(Internet(lab.Sites["Acme London"]), lab.Acme, "customer@acme.example", Ct);
        await lab.Job().RunAsync(placed.OrderId, Ct);

        var order = await OrderAsync(lab, placed.OrderId);
        Assert.Equal(OrderState.Active, order.State);
        Assert.Equal(ProvisionStep.Done, order.Step);
        var allocations = await AllocationsAsync(lab, order);
        Assert.Equal(2, allocations.Count);
        Assert.All(allocations, a => Assert.Equal(AllocationState.Committed, a.State));

        var vlan = allocations.Single(a => a.Kind == AllocationKind.Vlan).Vlan;
        var running = lab.Routers["edge1"].RunningConfig;
        Assert.Contains($"interface GigabitEthernet0/3.{vlan}", running);
        Assert.Contains($" encapsulation dot1Q {vlan}", running);
        var block = IPNetwork2.Parse(allocations.Single(a => a.Kind == AllocationKind.Prefix).Prefix!);
        Assert.Contains($" ip address {block.FirstUsable} 255.255.255.248", running);
        Assert.Contains("HQ internet", running);
        Assert.Contains($"interface GigabitEthernet0/3.{vlan}", lab.Routers["edge1"].StartupConfig); // committed: saved
        Assert.NotEqual(before, running);
        // The upstream router routes the block towards the edge, over its own end of the edge1-core1 link.
        Assert.Equal(["edge1", "core1"], order.Devices.OrderBy(d => d.Position).Select(d => d.Hostname));
        Assert.Contains($"ip route {block.Network} 255.255.255.248 GigabitEthernet0/1", lab.Routers["core1"].RunningConfig.Split('\n'));
        Assert.Equal(before.TrimEnd('\n'), order.Devices.Single(d => d.Hostname == "edge1").Backup); // the driver returns lines joined by \n, without the last one
        Assert.Equal(coreBefore.TrimEnd('\n'), order.Devices.Single(d => d.Hostname == "core1").Backup);
        Assert.Contains(order.Timeline, e => e.Message == "Service active.");

        // The change record: one per device, before and after byte for byte, the diff, who and why.
        await using var db = await lab.Db.ContextAsync();
        var changes = await db.DeviceChanges.Where(c => c.OrderId == order.Id).OrderBy(c => c.Hostname).ToListAsync(Ct);
        Assert.Equal(["core1", "edge1"], changes.Select(c => c.Hostname));
        Assert.All(changes, c =>
        {
            Assert.Equal(ChangeOutcome.Applied, c.Outcome);
            Assert.Equal("customer@acme.example", c.Actor);
            Assert.Equal($"Order {order.Id}: InternetAccess 'HQ internet'.", c.Reason);
        });
        Assert.Equal(before.TrimEnd('\n'), changes[1].Before);
        Assert.Equal(running.TrimEnd('\n'), changes[1].After);
        Assert.Contains($"+interface GigabitEthernet0/3.{vlan}", changes[1].Diff);
        Assert.Contains($"+ip route {block.Network} 255.255.255.248 GigabitEthernet0/1", changes[0].Diff);
        Assert.DoesNotContain(changes[0].Diff.Split('\n'), l => l.StartsWith('-') && !l.StartsWith("-Current configuration"));
        Assert.Contains(lab.Feed.Events, e => e.Topic == $"tenant:{lab.Acme}" && e.Message == "Service active.");
    }

    [Fact]
    public async Task PointToPoint_ConfiguresBothEdges_OverAPathWithSpareCapacity()
    {
        await using var lab = await OrderingLab.CreateAsync();
        var placed = await lab.PlaceOrder().HandleAsync(PointToPoint(lab.Sites["Acme London"], lab.Sites["Acme Paris"]), lab.Acme, "customer@acme.example", Ct);
        await lab.Job().RunAsync(placed.OrderId, Ct);

        var order = await OrderAsync(lab, placed.OrderId);
        Assert.Equal(OrderState.Active, order.State);
        Assert.Equal("edge1 > core1 > edge2", order.PathDescription);
        Assert.Contains("to edge2", lab.Routers["edge1"].RunningConfig);
        Assert.Contains("to edge1", lab.Routers["edge2"].RunningConfig);
        Assert.Contains(lab.Feed.Events, e => e.Message == "Pushed to edge2 (2 of 2)." || e.Message == "Pushed to edge1 (2 of 2).");
    }

    [Fact]
    public async Task PointToPoint_IsRefused_WhenNoPathHasTheBandwidth_AndHoldsNothing()
    {
        await using var lab = await OrderingLab.CreateAsync();
        // edge3 hangs off a 100 Mbps link: 1000 Mbps cannot fit.
        var e = await Assert.ThrowsAsync<ConflictException>(() =>
            lab.PlaceOrder().HandleAsync(PointToPoint(lab.Sites["Acme London"], lab.Sites["Acme Berlin"], mbps: 1000), lab.Acme, "customer@acme.example", Ct));
        Assert.Equal("No path with 1000 Mbps spare between Acme London and Acme Berlin.", e.Message);
        await AssertNothingWrittenAsync(lab);
    }

    [Fact]
    public async Task PointToPoint_CountsBandwidthAlreadySold_OnTheLink()
    {
        await using var lab = await OrderingLab.CreateAsync();
        var handler = lab.PlaceOrder();
        await handler.HandleAsync(PointToPoint(lab.Sites["Acme London"], lab.Sites["Acme Berlin"], mbps: 100), lab.Acme, "a", Ct);
        var e = await Assert.ThrowsAsync<ConflictException>(() =>
            handler.HandleAsync(PointToPoint(lab.Sites["Acme Paris"], lab.Sites["Acme Berlin"], mbps: 10), lab.Acme, "a", Ct));
        Assert.Contains("No path with 10 Mbps spare", e.Message);
    }

    public static TheoryData<int> Positions => [0, 1];

    [Theory]
    [MemberData(nameof(Positions))]
    public async Task RejectedLine_OnAnyDevice_RollsEveryDeviceBack_ByteForByte_AndReleasesTheHolds(int position)
    {
        await using var lab = await OrderingLab.CreateAsync();
        var edges = new[] { lab.Routers["edge1"], lab.Routers["edge2"] };
        var before = edges.Select(e => e.RunningConfig).ToList();
        var startup = edges.Select(e => e.StartupConfig).ToList();
        edges[position].Faults.RejectConfigLine = 3;

        var placed = await lab.PlaceOrder().HandleAsync(PointToPoint(lab.Sites["Acme London"], lab.Sites["Acme Paris"]), lab.Acme, "customer@acme.example", Ct);
        await lab.Job().RunAsync(placed.OrderId, Ct);

        var order = await OrderAsync(lab, placed.OrderId);
        Assert.Equal(OrderState.Failed, order.State);
        Assert.Contains("% Invalid input", order.FailureReason);
        Assert.Equal(before, edges.Select(e => e.RunningConfig).ToList());
        Assert.Equal(startup, edges.Select(e => e.StartupConfig).ToList());
        Assert.All(await AllocationsAsync(lab, order), a => Assert.Equal(AllocationState.Released, a.State));
        Assert.Contains(order.Timeline, t => t.Message.StartsWith("Failed: ") && t.Message.EndsWith("Resources released."));
    }

    [Fact]
    public async Task UnreachableDevice_AtPreCheck_FailsTheOrder_WithoutTouchingAnyDevice()
    {
        await using var lab = await OrderingLab.CreateAsync();
        var before = lab.Routers["edge1"].RunningConfig;
        lab.Routers["edge2"].Faults.Unreachable = true;

        var placed = await lab.PlaceOrder().HandleAsync(PointToPoint(lab.Sites["Acme London"], lab.Sites["Acme Paris"]), lab.Acme, "customer@acme.example", Ct);
        await lab.Job().RunAsync(placed.OrderId, Ct);

        var order = await OrderAsync(lab, placed.OrderId);
        Assert.Equal(OrderState.Failed, order.State);
        Assert.Contains("edge2", order.FailureReason);
        Assert.Contains("No device was changed.", order.FailureReason);
        Assert.Equal(before, lab.Routers["edge1"].RunningConfig);
    }

    [Fact]
    public async Task JobThatDiedDuringPush_IsNotRepeated_ItTakesTheChangeOff_AndFailsTheOrder()
    {
        await using var lab = await OrderingLab.CreateAsync();
        var edge = lab.Routers["edge1"];
        var before = edge.RunningConfig;
        var placed = await lab.PlaceOrder().HandleAsync(Internet(lab.Sites["Acme London"]), lab.Acme, "customer@acme.example", Ct);

        // What a crash after the push leaves behind: the config on the device, the order stuck at Push.
        await using (var db = await lab.Db.ContextAsync())
        {
            var order = await db.Orders.Include(o => o.Devices).SingleAsync(o => o.Id == placed.OrderId, Ct);
            order.State = OrderState.Provisioning;
            order.Step = ProvisionStep.Push;
            await using var driver = lab.Devices.Drivers().Create(lab.Devices.TargetFor(edge));
            order.Devices[0].Backup = await driver.GetRunningConfigAsync(Ct);
            driver.LoadMergeCandidate(order.Devices[0].Config);
            await driver.CommitAsync(null, Ct);
            await db.SaveChangesAsync(Ct);
        }
        Assert.NotEqual(before, edge.RunningConfig);

        await lab.Job().RunAsync(placed.OrderId, Ct);

        var after = await OrderAsync(lab, placed.OrderId);
        Assert.Equal(OrderState.Failed, after.State);
        Assert.StartsWith("Interrupted by a restart during Push.", after.FailureReason);
        Assert.Contains("back to their backups, byte for byte", after.FailureReason);
        Assert.Equal(before, edge.RunningConfig);
        Assert.All(await AllocationsAsync(lab, after), a => Assert.Equal(AllocationState.Released, a.State));
    }

    [Fact]
    public async Task FinishedOrder_IsLeftAlone_WhenItsJobRunsAgain()
    {
        await using var lab = await OrderingLab.CreateAsync();
        var placed = await lab.PlaceOrder().HandleAsync(Internet(lab.Sites["Acme London"]), lab.Acme, "customer@acme.example", Ct);
        await lab.Job().RunAsync(placed.OrderId, Ct);
        var running = lab.Routers["edge1"].RunningConfig;
        var events = (await OrderAsync(lab, placed.OrderId)).Timeline.Count;

        await lab.Job().RunAsync(placed.OrderId, Ct);

        Assert.Equal(running, lab.Routers["edge1"].RunningConfig);
        Assert.Equal(events, (await OrderAsync(lab, placed.OrderId)).Timeline.Count);
    }

    internal static async Task AssertNothingWrittenAsync(OrderingLab lab)
    {
        await using var db = await lab.Db.ContextAsync();
        Assert.Equal(0, await db.Orders.CountAsync(Ct));
        Assert.Equal(0, await db.Allocations.CountAsync(a => a.State != AllocationState.Released, Ct));
    }
}
