using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Inventory;
using NetAutomation.Core.Ordering;

namespace NetAutomation.Core.Tests.Ordering;

/// <summary>The approval gate, cancelling before the push, the NOC's retry, and the queue the NOC decides from.</summary>
public class ApprovalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static PlaceOrder.Command Internet(OrderingLab lab) => ProvisioningTests.Internet(lab.Sites["Acme London"]);

    private static Task<ServiceOrder> OrderAsync(OrderingLab lab, int id) => ProvisioningTests.OrderAsync(lab, id);

    private static Task<List<Allocation>> HoldsAsync(OrderingLab lab, ServiceOrder order) => ProvisioningTests.AllocationsAsync(lab, order);

    /// <summary>Places an internet access order with the gate closed (threshold 0) and runs it to the gate.</summary>
    private static async Task<int> WaitingOrderAsync(OrderingLab lab)
    {
        lab.Provisioning.ApprovalThreshold = 0;
        var placed = await lab.PlaceOrder().HandleAsync(Internet(lab), lab.Acme, "customer@acme.example", Ct);
        await lab.Job().RunAsync(placed.OrderId, Ct);
        return placed.OrderId;
    }

    [Fact]
    public async Task ChangeAboveTheThreshold_WaitsForApproval_AfterTheDryRun_WithoutTouchingAnyDevice()
    {
        await using var lab = await OrderingLab.CreateAsync();
        var before = lab.Routers.ToDictionary(r => r.Key, r => r.Value.RunningConfig);

        var id = await WaitingOrderAsync(lab);

        var order = await OrderAsync(lab, id);
        Assert.Equal(OrderState.AwaitingApproval, order.State);
        Assert.Equal(2, order.BlastRadius); // edge1 and its upstream core1, no other service yet
        Assert.Contains(order.Timeline, e => e.Message.StartsWith("Waiting for NOC approval: the change touches 2 device(s) carrying 0 other active service(s)"));
        Assert.All(order.Devices, d => Assert.False(string.IsNullOrEmpty(d.Diff))); // the dry run the NOC decides on
        Assert.Equal(before, lab.Routers.ToDictionary(r => r.Key, r => r.Value.RunningConfig));
        // The holds are kept (and extended) while the NOC decides.
        Assert.All(await HoldsAsync(lab, order), a =>
        {
            Assert.Equal(AllocationState.Held, a.State);
            Assert.True(a.HeldUntil > DateTime.UtcNow + PlaceOrder.Hold);
        });
        Assert.Contains(lab.Feed.Events, e => e.Topic == "noc" && e.Message.StartsWith("Waiting for NOC approval"));
    }

    [Fact]
    public async Task ApprovedChange_IsProvisioned_AndTheChangeRecordSaysWhoApprovedIt()
    {
        await using var lab = await OrderingLab.CreateAsync();
        var id = await WaitingOrderAsync(lab);

        await lab.Decide().HandleAsync(new DecideApproval.Command(id, Approve: true, "Change window 22:00"), "noc@example.net", Ct);
        await lab.Job().RunAsync(id, Ct);

        var order = await OrderAsync(lab, id);
        Assert.Equal(OrderState.Active, order.State);
        Assert.Equal("noc@example.net", order.ApprovedBy);
        Assert.Contains(order.Timeline, e => e.Message == "Approved by noc@example.net: Change window 22:00");
        Assert.Contains("interface GigabitEthernet0/3.", lab.Routers["edge1"].RunningConfig);
        await using var db = await lab.Db.ContextAsync();
        Assert.All(await db.DeviceChanges.Where(c => c.OrderId == id).ToListAsync(Ct), c => Assert.EndsWith("approved by noc@example.net.", c.Reason));
    }

    [Fact]
    public async Task ApprovedChange_WaitsAgain_WhenADeviceChangedSinceTheDryRun()
    {
        await using var lab = await OrderingLab.CreateAsync();
        var id = await WaitingOrderAsync(lab);
        var edge1 = (await OrderAsync(lab, id)).Devices.Single(d => d.Hostname == "edge1");
        // Someone configures the very sub-interface the order will use, by hand, after the NOC saw the diff.
        await using (var driver = lab.Devices.Drivers().Create(lab.Devices.TargetFor(lab.Routers["edge1"])))
        {
            driver.LoadMergeCandidate($"{edge1.Config.Split('\n')[0]}\n description hand-made");
            await driver.CommitAsync(null, Ct);
        }
        await lab.Decide().HandleAsync(new DecideApproval.Command(id, Approve: true, null), "noc@example.net", Ct);

        await lab.Job().RunAsync(id, Ct);

        var order = await OrderAsync(lab, id);
        Assert.Equal(OrderState.AwaitingApproval, order.State);
        Assert.Null(order.ApprovedBy);
        Assert.Contains(order.Timeline, e => e.Message.StartsWith("Waiting for NOC approval again: the dry-run diff is not the one noc@example.net approved"));
        Assert.Contains("description hand-made", lab.Routers["edge1"].RunningConfig);
    }

    [Fact]
    public async Task RejectedChange_ReleasesTheHolds_AndTellsTheCustomerWhy()
    {
        await using var lab = await OrderingLab.CreateAsync();
        var id = await WaitingOrderAsync(lab);

        await lab.Decide().HandleAsync(new DecideApproval.Command(id, Approve: false, "core1 is frozen this week"), "noc@example.net", Ct);

        var order = await OrderAsync(lab, id);
        Assert.Equal(OrderState.Rejected, order.State);
        Assert.Equal("Rejected by noc@example.net: core1 is frozen this week", order.FailureReason);
        Assert.All(await HoldsAsync(lab, order), a => Assert.Equal(AllocationState.Released, a.State));
        Assert.Contains(lab.Feed.Events, e => e.Topic == $"tenant:{lab.Acme}" && e.Message.StartsWith("Rejected by noc@example.net"));
    }

    public static TheoryData<string> BadReasons => ["", "ok\nconfigure terminal", "line\u2028separator", new string('x', 501)];

    [Theory]
    [MemberData(nameof(BadReasons))]
    public async Task Rejection_NeedsAClean_Reason_AndChangesNothingOtherwise(string reason)
    {
        await using var lab = await OrderingLab.CreateAsync();
        var id = await WaitingOrderAsync(lab);
        var version = (await OrderAsync(lab, id)).Version;

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            lab.Decide().HandleAsync(new DecideApproval.Command(id, Approve: false, reason), "noc@example.net", Ct));

        Assert.True(e.Errors.ContainsKey("Reason"));
        var order = await OrderAsync(lab, id);
        Assert.Equal(OrderState.AwaitingApproval, order.State);
        Assert.Equal(version, order.Version);
    }

    [Fact]
    public async Task Deciding_AnOrderThatDoesNotWait_IsRefused()
    {
        await using var lab = await OrderingLab.CreateAsync();
        var placed = await lab.PlaceOrder().HandleAsync(Internet(lab), lab.Acme, "customer@acme.example", Ct);
        var e = await Assert.ThrowsAsync<ConflictException>(() =>
            lab.Decide().HandleAsync(new DecideApproval.Command(placed.OrderId, Approve: true, null), "noc@example.net", Ct));
        Assert.Equal($"Order {placed.OrderId} is Placed, not waiting for approval.", e.Message);
    }

    [Fact]
    public async Task Queue_ShowsTheDryRun_AndTheOtherServicesOnTheDevicesTouched()
    {
        await using var lab = await OrderingLab.CreateAsync();
        var first = await lab.PlaceOrder().HandleAsync(Internet(lab), lab.Acme, "customer@acme.example", Ct);
        await lab.Job().RunAsync(first.OrderId, Ct); // threshold 100: straight to Active
        var waiting = await WaitingOrderAsync(lab);

        var row = Assert.Single(await new ListApprovals.Handler(lab.Db.Factory).HandleAsync(Ct));

        Assert.Equal(waiting, row.Id);
        Assert.Equal(3, row.BlastRadius); // 2 devices + 1 other active service (on both of them, counted once)
        Assert.Equal(["edge1", "core1"], row.Devices.Select(d => d.Hostname));
        Assert.Contains(row.Devices, d => d.Role == "upstream" && d.Diff!.Contains("+ip route"));
        var affected = Assert.Single(row.AffectedServices);
        Assert.Equal(first.OrderId, affected.OrderId);
        Assert.Equal(["core1", "edge1"], affected.SharedDevices);
    }

    [Fact]
    public async Task Cancel_BeforeThePush_ReleasesTheHolds_AndTheJobThenDoesNothing()
    {
        await using var lab = await OrderingLab.CreateAsync();
        var before = lab.Routers["edge1"].RunningConfig;
        var placed = await lab.PlaceOrder().HandleAsync(Internet(lab), lab.Acme, "customer@acme.example", Ct);

        await lab.Cancel().HandleAsync(placed.OrderId, lab.Acme, "customer@acme.example", Ct);
        await lab.Job().RunAsync(placed.OrderId, Ct); // the job that was already queued

        var order = await OrderAsync(lab, placed.OrderId);
        Assert.Equal(OrderState.Cancelled, order.State);
        Assert.All(await HoldsAsync(lab, order), a => Assert.Equal(AllocationState.Released, a.State));
        Assert.Equal(before, lab.Routers["edge1"].RunningConfig);
        Assert.Equal("Cancelled by customer@acme.example. Resources released; no device was changed.", order.Timeline.Last().Message);
    }

    [Fact]
    public async Task Cancel_IsRefused_OnceThePushHasHappened_AndForAnotherTenant()
    {
        await using var lab = await OrderingLab.CreateAsync();
        var placed = await lab.PlaceOrder().HandleAsync(Internet(lab), lab.Acme, "customer@acme.example", Ct);

        await Assert.ThrowsAsync<NotFoundException>(() => lab.Cancel().HandleAsync(placed.OrderId, lab.Globex, "customer@globex.example", Ct));
        await lab.Job().RunAsync(placed.OrderId, Ct);
        var e = await Assert.ThrowsAsync<ConflictException>(() => lab.Cancel().HandleAsync(placed.OrderId, lab.Acme, "customer@acme.example", Ct));
        Assert.Equal($"Order {placed.OrderId} is Active: an order can be cancelled only before its push starts. Decommission the service instead.", e.Message);
    }

    [Fact]
    public async Task WaitingOrder_CanBeCancelled_ByItsCustomer()
    {
        await using var lab = await OrderingLab.CreateAsync();
        var id = await WaitingOrderAsync(lab);
        await lab.Cancel().HandleAsync(id, lab.Acme, "customer@acme.example", Ct);
        Assert.Equal(OrderState.Cancelled, (await OrderAsync(lab, id)).State);
        Assert.Empty(await new ListApprovals.Handler(lab.Db.Factory).HandleAsync(Ct));
    }

    [Fact]
    public async Task FailedOrder_IsRetried_AsANewOrder_ForTheSameTenant()
    {
        await using var lab = await OrderingLab.CreateAsync();
        lab.Routers["edge1"].Faults.RejectConfigLine = 2;
        var placed = await lab.PlaceOrder().HandleAsync(Internet(lab), lab.Acme, "customer@acme.example", Ct);
        await lab.Job().RunAsync(placed.OrderId, Ct);
        Assert.Equal(OrderState.Failed, (await OrderAsync(lab, placed.OrderId)).State);
        lab.Routers["edge1"].Faults.RejectConfigLine = 0;

        var retry = await lab.Retry().HandleAsync(placed.OrderId, "noc@example.net", Ct);
        await lab.Job().RunAsync(retry.OrderId, Ct);

        var order = await OrderAsync(lab, retry.OrderId);
        Assert.Equal(OrderState.Active, order.State);
        Assert.Equal(placed.OrderId, order.RetryOf);
        Assert.Equal(lab.Acme, order.TenantId);
        Assert.EndsWith($"It retries order {placed.OrderId}.", order.Timeline[0].Message);
        var e = await Assert.ThrowsAsync<ConflictException>(() => lab.Retry().HandleAsync(retry.OrderId, "noc@example.net", Ct));
        Assert.Equal($"Order {retry.OrderId} is Active; only a failed order can be retried.", e.Message);
    }

    [Fact]
    public async Task ChangeRecords_ForACustomer_AreTheirOwnAndHideTheWholeConfiguration()
    {
        await using var lab = await OrderingLab.CreateAsync();
        var placed = await lab.PlaceOrder().HandleAsync(Internet(lab), lab.Acme, "customer@acme.example", Ct);
        await lab.Job().RunAsync(placed.OrderId, Ct);
        var list = new ListDeviceChanges.Handler(lab.Db.Factory);

        var mine = await list.HandleAsync(new ListDeviceChanges.Query(OrderId: placed.OrderId, TenantId: lab.Acme), Ct);
        var theirs = await list.HandleAsync(new ListDeviceChanges.Query(OrderId: placed.OrderId, TenantId: lab.Globex), Ct);
        var staff = await list.HandleAsync(new ListDeviceChanges.Query(DeviceId: mine[0].DeviceId), Ct);

        Assert.Equal(2, mine.Count);
        Assert.All(mine, c => { Assert.Null(c.Before); Assert.Null(c.After); Assert.NotEmpty(c.Diff); });
        Assert.Empty(theirs);
        Assert.NotNull(Assert.Single(staff).Before);
    }
}
