using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Inventory;
using NetAutomation.Core.Ordering;
using NetAutomation.Core.Provisioning;
using NetAutomation.DeviceLab.Tier2;
using NetAutomation.Devices;

namespace NetAutomation.Core.Tests.Ordering;

/// <summary>
/// Orders through to Active, and a refused line rolled back on every device, on tier 2: the same inventory as the
/// tier-1 tests, but each router is a simulated IOS device behind one real OpenSSH sshd in a network namespace, with a
/// management address of its own, and the job's drivers log in over real TCP with the lab's login. No host key is in
/// the inventory at first: the first session pins it. Needs root (tests/run.sh runs as root); not being root fails.
/// </summary>
public class Tier2OrderingTests
{
    private static readonly DeviceOptions Ssh = new() { CommandTimeout = TimeSpan.FromSeconds(20), ConnectTimeout = TimeSpan.FromSeconds(15), ConnectAttempts = 6 };

    /// <summary>The network has four routers; the rest are spare for routers it may gain.</summary>
    private const int LabDevices = 8;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static PlaceOrder.Command Order(OrderingLab lab, ServiceKind kind) => kind == ServiceKind.InternetAccess
        ? ProvisioningTests.Internet(lab.Sites["Acme London"])
        : ProvisioningTests.PointToPoint(lab.Sites["Acme London"], lab.Sites["Acme Paris"]);

    private static Dictionary<string, (string Running, string Startup)> Configs(OrderingLab lab) =>
        lab.Routers.ToDictionary(r => r.Key, r => (r.Value.RunningConfig, r.Value.StartupConfig));

    public static TheoryData<ServiceKind> Kinds => [ServiceKind.InternetAccess, ServiceKind.PointToPoint];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Order_ReachesActive_OverRealSsh_AndEveryDeviceShowsItsRenderedLines(ServiceKind kind)
    {
        await using var tier2 = await Tier2Lab.StartAsync(LabDevices, ct: Ct);
        await using var lab = await OrderingLab.CreateOnTier2Async(tier2, Ssh);
        var before = Configs(lab);

        var placed = await lab.PlaceOrder().HandleAsync(Order(lab, kind), lab.Acme, "customer@acme.example", Ct);
        await lab.Job().RunAsync(placed.OrderId, Ct);

        var order = await ProvisioningTests.OrderAsync(lab, placed.OrderId);
        Assert.True(order.State == OrderState.Active, $"{order.State}: {order.FailureReason}");
        Assert.Equal(ProvisionStep.Done, order.Step);
        Assert.Contains("edge1", order.Devices.Select(d => d.Hostname));
        if (kind == ServiceKind.PointToPoint) Assert.Contains("edge2", order.Devices.Select(d => d.Hostname));
        Assert.All(await ProvisioningTests.AllocationsAsync(lab, order), a => Assert.Equal(AllocationState.Committed, a.State));

        var access = new DeviceAccess(lab.Db.Factory, lab.Secrets);
        foreach (var d in order.Devices)
        {
            // Read back as the NOC would: a new SSH session (checked against the pinned key), `show running-config`.
            await using var driver = lab.Drivers.Create(await access.TargetAsync(d.DeviceId, Ct));
            var shown = (await driver.GetRunningConfigAsync(Ct)).Split('\n');
            var router = lab.Routers[d.Hostname];
            Assert.Equal(router.RunningConfig, string.Join('\n', shown) + "\n");
            var rendered = CliText.SplitConfig(d.Config);
            Assert.NotEmpty(rendered);
            Assert.All(rendered, line => Assert.Contains(line, shown));
            Assert.All(rendered, line => Assert.Contains(line, router.StartupConfig.Split('\n'))); // committed: saved
            Assert.Equal(before[d.Hostname].Running.TrimEnd('\n'), d.Backup);
        }
        foreach (var (name, router) in lab.Routers.Where(r => order.Devices.All(d => d.Hostname != r.Key)))
            Assert.Equal(before[name], (router.RunningConfig, router.StartupConfig));

        await using var db = await lab.Db.ContextAsync();
        var ids = order.Devices.Select(d => d.DeviceId).ToList();
        Assert.All(await db.Devices.Where(d => ids.Contains(d.Id)).Select(d => d.SshHostKey).ToListAsync(Ct), k => Assert.Equal(tier2.HostKey, k));
        Assert.Contains(order.Timeline, e => e.Message == "Service active.");
    }

    /// <summary>Which service, and whether the refusing device is the order's first or its last.</summary>
    public static TheoryData<ServiceKind, bool> Refusals => new()
    {
        { ServiceKind.InternetAccess, false },
        { ServiceKind.PointToPoint, false },
        { ServiceKind.PointToPoint, true },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task RejectedLine_OnOneDevice_LeavesEveryDeviceByteIdenticalToItsBackup_AndFailsWithTheDevicesMessage(ServiceKind kind, bool last)
    {
        await using var tier2 = await Tier2Lab.StartAsync(LabDevices, ct: Ct);
        await using var lab = await OrderingLab.CreateOnTier2Async(tier2, Ssh);
        var placed = await lab.PlaceOrder().HandleAsync(Order(lab, kind), lab.Acme, "customer@acme.example", Ct);
        var planned = (await ProvisioningTests.OrderAsync(lab, placed.OrderId)).Devices.OrderBy(d => d.Position).ToList();
        var refusing = last ? planned[^1] : planned[0];
        var before = Configs(lab);
        lab.Routers[refusing.Hostname].Faults.RejectConfigLine = 3;

        await lab.Job().RunAsync(placed.OrderId, Ct);

        var order = await ProvisioningTests.OrderAsync(lab, placed.OrderId);
        Assert.Equal(OrderState.Failed, order.State);
        Assert.StartsWith($"{refusing.Hostname}: line 3 ", order.FailureReason);
        Assert.Contains("rejected: % Invalid input detected at '^' marker.", order.FailureReason);
        Assert.Equal(before, Configs(lab));
        Assert.All(order.Devices, d => Assert.Equal(lab.Routers[d.Hostname].RunningConfig.TrimEnd('\n'), d.Backup));
        Assert.All(await ProvisioningTests.AllocationsAsync(lab, order), a => Assert.Equal(AllocationState.Released, a.State));
        Assert.Contains(order.Timeline, t => t.Message.StartsWith("Failed: ") && t.Message.EndsWith("Resources released."));
    }
}
