using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Inventory;
using NetAutomation.Core.Ordering;

namespace NetAutomation.Core.Tests.Ordering;

/// <summary>
/// A fault at each step of the orchestrator and at each device position of a point-to-point order (edge1, edge2):
/// every one ends all or nothing: each router's running and startup configuration byte-identical to before, the
/// holds released, the order failed with the reason.
/// </summary>
public class FaultMatrixTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public enum Fault { UnreachableAtPreCheck, ConnectionDroppedDuringPush, ReloadedDuringPush, LineGoneAtVerify, HoldExpiredAtCommit }

    public static TheoryData<Fault, int> Matrix()
    {
        var data = new TheoryData<Fault, int>();
        foreach (var fault in Enum.GetValues<Fault>())
            foreach (var position in new[] { 0, 1 }) data.Add(fault, position);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task FaultAtAnyStep_OnAnyDevice_EndsAllOrNothing(Fault fault, int position)
    {
        await using var lab = await OrderingLab.CreateAsync();
        var routers = lab.Routers.Values.ToList();
        var running = routers.ToDictionary(r => r.Name, r => r.RunningConfig);
        var startup = routers.ToDictionary(r => r.Name, r => r.StartupConfig);
        var placed = await lab.PlaceOrder().HandleAsync(ProvisioningTests.PointToPoint(lab.Sites["Acme London"], lab.Sites["Acme Paris"]), lab.Acme, "customer@acme.example", Ct);
        var target = (await ProvisioningTests.OrderAsync(lab, placed.OrderId)).Devices.Single(d => d.Position == position);
        var device = lab.Routers[target.Hostname];
        string? expected = null;
        switch (fault)
        {
            case Fault.UnreachableAtPreCheck:
                device.Faults.Unreachable = true;
                expected = $"{target.Hostname} does not answer";
                break;
            case Fault.ConnectionDroppedDuringPush:
                device.Faults.DropAfterConfigLines = 2;
                break;
            case Fault.ReloadedDuringPush:
                device.Faults.ReloadAfterConfigLines = 2;
                break;
            case Fault.LineGoneAtVerify:
                // Between the push and the check, the sub-interface disappears from that router.
                lab.Feed.OnPublish = e =>
                {
                    if (!e.Message.StartsWith("Verifying")) return Task.CompletedTask;
                    var cli = device.OpenCli();
                    foreach (var line in new[] { "configure terminal", $"no {target.Config.Split('\n')[0]}", "end" }) cli.Execute(line);
                    return Task.CompletedTask;
                };
                expected = $"{target.Hostname} does not show";
                break;
            case Fault.HoldExpiredAtCommit:
                // The devices are confirmed; then a hold turns out to have expired when the resources are committed.
                lab.Feed.OnPublish = async e =>
                {
                    if (!e.Message.StartsWith("Committing")) return;
                    await using var db = await lab.Db.ContextAsync();
                    var ids = await db.Set<OrderResource>().Where(r => r.OrderId == placed.OrderId).Select(r => r.AllocationId).ToListAsync();
                    await db.Allocations.Where(a => a.Id == ids[position % ids.Count])
                        .ExecuteUpdateAsync(s => s.SetProperty(a => a.HeldUntil, DateTime.UtcNow.AddMinutes(-1)));
                };
                expected = "expired";
                break;
        }

        await lab.Job().RunAsync(placed.OrderId, Ct);

        var order = await ProvisioningTests.OrderAsync(lab, placed.OrderId);
        Assert.Equal(OrderState.Failed, order.State);
        if (expected is not null) Assert.Contains(expected, order.FailureReason);
        Assert.DoesNotContain("NOT identical", order.FailureReason);
        device.Faults.Clear();
        Assert.All(routers, r =>
        {
            Assert.Equal(running[r.Name], r.RunningConfig);
            Assert.Equal(startup[r.Name], r.StartupConfig);
        });
        Assert.All(await ProvisioningTests.AllocationsAsync(lab, order), a => Assert.Equal(AllocationState.Released, a.State));
    }
}
