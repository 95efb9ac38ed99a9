using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Ordering;

namespace NetAutomation.Core.Tests.Ordering;

/// <summary>One run per order at a time, and the sweeper that resumes orders whose run died.</summary>
public class LeaseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task SetAsync(OrderingLab lab, int id, OrderState state, ProvisionStep step, DateTime? leaseUntil, DateTime updatedAt)
    {
        await using var db = await lab.Db.ContextAsync();
        await db.Orders.Where(o => o.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(o => o.State, state).SetProperty(o => o.Step, step)
            .SetProperty(o => o.LeaseOwner, leaseUntil == null ? null : "another-instance/1/run")
            .SetProperty(o => o.LeaseUntil, leaseUntil).SetProperty(o => o.UpdatedAt, updatedAt), Ct);
    }

    [Fact]
    public async Task Run_StandsBack_WhileAnotherLiveRunHoldsTheOrder()
    {
        await using var lab = await OrderingLab.CreateAsync();
        var before = lab.Routers["edge1"].RunningConfig;
        var placed = await lab.PlaceOrder().HandleAsync(ProvisioningTests.Internet(lab.Sites["Acme London"]), lab.Acme, "customer@acme.example", Ct);
        await SetAsync(lab, placed.OrderId, OrderState.Placed, ProvisionStep.Plan, DateTime.UtcNow.AddMinutes(1), DateTime.UtcNow);

        await lab.Job().RunAsync(placed.OrderId, Ct);

        var order = await ProvisioningTests.OrderAsync(lab, placed.OrderId);
        Assert.Equal(OrderState.Placed, order.State);
        Assert.Equal("another-instance/1/run", order.LeaseOwner);
        Assert.Equal(before, lab.Routers["edge1"].RunningConfig);
    }

    [Fact]
    public async Task Run_GivesTheLeaseBack_WhenItEnds()
    {
        await using var lab = await OrderingLab.CreateAsync();
        var placed = await lab.PlaceOrder().HandleAsync(ProvisioningTests.Internet(lab.Sites["Acme London"]), lab.Acme, "customer@acme.example", Ct);
        await lab.Job().RunAsync(placed.OrderId, Ct);
        var order = await ProvisioningTests.OrderAsync(lab, placed.OrderId);
        Assert.Equal(OrderState.Active, order.State);
        Assert.Null(order.LeaseOwner);
        Assert.Null(order.LeaseUntil);
    }

    [Fact]
    public async Task Sweeper_ResumesOrdersWhoseRunDied_AndLeavesLiveAndFinishedOnesAlone()
    {
        await using var lab = await OrderingLab.CreateAsync();
        var ids = new List<int>();
        for (var i = 0; i < 6; i++)
            ids.Add((await lab.PlaceOrder().HandleAsync(ProvisioningTests.Internet(lab.Sites["Acme London"], $"svc {i}"), lab.Acme, "customer@acme.example", Ct)).OrderId);
        var now = DateTime.UtcNow;
        await SetAsync(lab, ids[0], OrderState.Provisioning, ProvisionStep.Push, now.AddSeconds(-1), now.AddMinutes(-1)); // lease ran out: dead
        await SetAsync(lab, ids[1], OrderState.Provisioning, ProvisionStep.Push, now.AddMinutes(1), now.AddMinutes(-1)); // lease live
        await SetAsync(lab, ids[2], OrderState.Decommissioning, ProvisionStep.Done, now.AddSeconds(-1), now.AddMinutes(-1)); // dead
        await SetAsync(lab, ids[3], OrderState.Placed, ProvisionStep.Plan, null, now); // just placed: its job is queued
        await SetAsync(lab, ids[4], OrderState.Placed, ProvisionStep.Plan, null, now.AddMinutes(-10)); // its job never started
        await SetAsync(lab, ids[5], OrderState.Active, ProvisionStep.Done, now.AddSeconds(-1), now.AddMinutes(-10)); // finished

        var resumed = await lab.Sweeper().SweepAsync(Ct);

        Assert.Equal([ids[0], ids[2], ids[4]], resumed.Order());
        // While the new runs wait in the queue, the orders are not queued again.
        Assert.Empty(await lab.Sweeper().SweepAsync(Ct));
    }

    [Fact]
    public async Task QueuedRun_TakesTheLeaseTheSweeperLeft_AndAnyDuplicateStandsBack()
    {
        await using var lab = await OrderingLab.CreateAsync();
        var placed = await lab.PlaceOrder().HandleAsync(ProvisioningTests.Internet(lab.Sites["Acme London"]), lab.Acme, "customer@acme.example", Ct);
        await SetAsync(lab, placed.OrderId, OrderState.Placed, ProvisionStep.Plan, null, DateTime.UtcNow.AddMinutes(-10));
        Assert.Equal([placed.OrderId], await lab.Sweeper().SweepAsync(Ct));

        await Task.WhenAll(lab.Job().RunAsync(placed.OrderId, Ct), lab.Job().RunAsync(placed.OrderId, Ct));

        var order = await ProvisioningTests.OrderAsync(lab, placed.OrderId);
        Assert.Equal(OrderState.Active, order.State);
        Assert.Single(order.Timeline, e => e.Message == "Provisioning started.");
        Assert.Null(order.LeaseOwner);
    }
}
