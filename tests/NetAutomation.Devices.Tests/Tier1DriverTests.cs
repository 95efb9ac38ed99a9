using Microsoft.Extensions.Time.Testing;
using NetAutomation.DeviceLab;

namespace NetAutomation.Devices.Tests;

/// <summary>Every driver contract method against tier-1 (in-process) simulated IOS devices.</summary>
public class Tier1DriverTests
{
    private const string Change = """
        interface Loopback10
         description customer-42 service
         ip address 192.0.2.1 255.255.255.255
        ip route 198.51.100.0 255.255.255.0 192.0.2.254
        ntp server 192.0.2.123
        """;

    private readonly RecordingEvents _events = new();
    private readonly InProcessLab _lab;
    private readonly SimulatedDevice _device;

    public Tier1DriverTests()
    {
        _lab = new InProcessLab(_events);
        _device = _lab.Add("R1", "10.0.0.1");
    }

    private IDeviceDriver Driver(DeviceOptions? options = null, bool pin = true) =>
        _lab.Drivers(options).Create(_lab.TargetFor(_device, pin));

    [Fact]
    public async Task Facts_AreParsedFromShowVersion()
    {
        await using var driver = Driver();
        var facts = await driver.GetFactsAsync(TestContext.Current.CancellationToken);
        Assert.Equal("R1", facts.Hostname);
        Assert.Equal("IOSv", facts.Model);
        Assert.Equal("15.6(2)T", facts.OsVersion);
        Assert.Equal(_device.SerialNumber, facts.SerialNumber);
        Assert.NotNull(facts.Uptime);
    }

    [Fact]
    public async Task RunningConfig_IsWhatTheDevicePrints()
    {
        await using var driver = Driver();
        var running = await driver.GetRunningConfigAsync(TestContext.Current.CancellationToken);
        Assert.Equal(_device.RunningConfig, running + "\n");
        Assert.Contains("\ninterface GigabitEthernet0/1\n no ip address\n shutdown\n", running);
        Assert.Contains("\nno ip http server\n", running);
    }

    [Fact]
    public async Task RunShow_ReturnsOutput_AndRefusesNonShowOrInvalidCommands()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var driver = Driver();
        var brief = await driver.RunShowAsync("show ip interface brief", ct);
        Assert.Matches(@"GigabitEthernet0/0\s+10\.0\.0\.1\s+YES manual up\s+up", brief);
        Assert.Matches(@"GigabitEthernet0/1\s+unassigned\s+YES unset\s+administratively down down", brief);
        await Assert.ThrowsAsync<ArgumentException>(() => driver.RunShowAsync("reload", ct));
        await Assert.ThrowsAsync<ArgumentException>(() => driver.RunShowAsync("show version\nreload", ct));
        var e = await Assert.ThrowsAsync<DeviceCommandException>(() => driver.RunShowAsync("show vlan", ct));
        Assert.Contains("% Invalid input detected at '^' marker.", e.DeviceMessage);
    }

    [Fact]
    public async Task LoadCompareCommit_AppliesSavesAndIsIdempotent()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var driver = Driver();
        driver.LoadMergeCandidate(Change);
        var compare = await driver.CompareConfigAsync(ct);
        Assert.Contains("+interface Loopback10", compare);
        Assert.Contains("+ description customer-42 service", compare);
        Assert.Contains("+ntp server 192.0.2.123", compare);
        var before = _device.RunningConfig;

        var result = await driver.CommitAsync(null, ct);

        Assert.True(result.Changed);
        Assert.Equal(before, result.Snapshot + "\n");
        Assert.Contains("+ ip address 192.0.2.1 255.255.255.255", result.Diff);
        Assert.Contains("interface Loopback10\n description customer-42 service\n ip address 192.0.2.1 255.255.255.255\n!", _device.RunningConfig);
        Assert.Contains("ip route 198.51.100.0 255.255.255.0 192.0.2.254", _device.StartupConfig);

        driver.LoadMergeCandidate(Change);
        Assert.Equal("", await driver.CompareConfigAsync(ct));
        var again = await driver.CommitAsync(null, ct);
        Assert.False(again.Changed);
        Assert.Equal("", again.Diff);
    }

    [Fact]
    public async Task Compare_ShowsRemovalsOfNoLines()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var driver = Driver();
        driver.LoadMergeCandidate("interface GigabitEthernet0/0\n no description");
        var compare = await driver.CompareConfigAsync(ct);
        Assert.Equal(" interface GigabitEthernet0/0\n- description management\n", compare);
    }

    [Fact]
    public async Task Discard_ForgetsTheCandidate()
    {
        await using var driver = Driver();
        driver.LoadMergeCandidate(Change);
        driver.DiscardConfig();
        await Assert.ThrowsAsync<InvalidOperationException>(() => driver.CommitAsync(null, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Rollback_RestoresTheSnapshotByteForByte()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var driver = Driver();
        var before = _device.RunningConfig;
        driver.LoadMergeCandidate(Change + "\nhostname EDGE1\ninterface GigabitEthernet0/0\n no description\ninterface GigabitEthernet0/2\n no shutdown\nno ip domain lookup");
        var result = await driver.CommitAsync(null, ct);
        Assert.True(result.Changed);
        Assert.Contains("hostname EDGE1", _device.RunningConfig);
        Assert.Contains("no ip domain lookup", _device.RunningConfig);

        await driver.RollbackAsync(ct);

        Assert.Equal(before, _device.RunningConfig);
        Assert.Equal(before[before.IndexOf("\n!", StringComparison.Ordinal)..], "\n" + _device.StartupConfig);
    }

    [Fact]
    public async Task CommitConfirm_RevertsByItselfWhenNotConfirmed()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var lab = new InProcessLab(clock: clock);
        var device = lab.Add("R9", "10.0.9.1");
        var before = device.RunningConfig;
        await using var driver = lab.Drivers().Create(lab.TargetFor(device));
        driver.LoadMergeCandidate(Change);

        var result = await driver.CommitAsync(TimeSpan.FromSeconds(45), ct);

        Assert.True(result.PendingConfirm);
        Assert.True(device.RevertPending);
        Assert.Contains("Loopback10", device.RunningConfig);
        Assert.DoesNotContain("Loopback10", device.StartupConfig);
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Contains("Loopback10", device.RunningConfig);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(before, device.RunningConfig);
        Assert.False(device.RevertPending);
    }

    [Fact]
    public async Task CommitConfirm_KeepsTheChangeWhenConfirmed()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider();
        var lab = new InProcessLab(clock: clock);
        var device = lab.Add("R9", "10.0.9.1");
        await using var driver = lab.Drivers().Create(lab.TargetFor(device));
        driver.LoadMergeCandidate(Change);
        await driver.CommitAsync(TimeSpan.FromMinutes(2), ct);

        await driver.ConfirmCommitAsync(ct);
        clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Contains("Loopback10", device.RunningConfig);
        Assert.Contains("Loopback10", device.StartupConfig);
        await Assert.ThrowsAsync<InvalidOperationException>(() => driver.ConfirmCommitAsync(ct));
    }

    [Fact]
    public async Task DisarmRevert_FromANewSession_StopsADeadSessionsTimer_AndKeepsTheRunningConfiguration()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider();
        var lab = new InProcessLab(clock: clock);
        var device = lab.Add("R9", "10.0.9.1");
        await using (var dead = lab.Drivers().Create(lab.TargetFor(device)))
        {
            dead.LoadMergeCandidate(Change);
            await dead.CommitAsync(TimeSpan.FromMinutes(2), ct); // and never confirmed
        }
        // What arrived after the dead session's change, which its timer must not undo.
        await using var next = lab.Drivers().Create(lab.TargetFor(device));
        next.LoadMergeCandidate("interface Loopback77\n description later change");
        await next.CommitAsync(null, ct);

        await next.DisarmRevertAsync(ct);
        clock.Advance(TimeSpan.FromMinutes(5));

        Assert.False(device.RevertPending);
        Assert.Contains("Loopback77", device.RunningConfig);
        Assert.Contains("Loopback10", device.RunningConfig);
    }

    [Fact]
    public async Task Reachability_ReportsUpAndDown()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var driver = Driver();
        Assert.True(await driver.IsReachableAsync(ct));
        _device.Faults.Unreachable = true;
        await using var other = Driver();
        Assert.False(await other.IsReachableAsync(ct));
    }

    [Fact]
    public async Task HostKey_FirstSeenIsReported_AndAChangedKeyIsRefusedWithAnAlarm()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var first = Driver(pin: false))
        {
            await first.GetFactsAsync(ct);
            Assert.Equal(_device.HostKey, Assert.Single(_events.FirstSeen).Fingerprint);
        }
        var pinned = _device.HostKey;
        var before = _device.RunningConfig;
        _device.RotateHostKey();
        await using var driver = Driver(pin: false);
        var target = _lab.TargetFor(_device) with { PinnedHostKey = pinned };
        await using var pinnedDriver = _lab.Drivers().Create(target);
        pinnedDriver.LoadMergeCandidate(Change);

        var e = await Assert.ThrowsAsync<HostKeyMismatchException>(() => pinnedDriver.CommitAsync(null, ct));

        Assert.Equal(pinned, e.Pinned);
        Assert.Equal(_device.HostKey, e.Presented);
        var alarm = Assert.Single(_events.Changed);
        Assert.Equal("R1", alarm.Device);
        Assert.Equal(before, _device.RunningConfig);
    }

    [Fact]
    public async Task WrongPassword_AndUnknownHost_GiveClearErrors()
    {
        var ct = TestContext.Current.CancellationToken;
        var bad = _lab.TargetFor(_device) with { Credentials = new DeviceCredentials("lab", "Bad-Pa55") };
        await using var d1 = _lab.Drivers().Create(bad);
        var auth = await Assert.ThrowsAsync<DeviceAuthenticationException>(() => d1.GetFactsAsync(ct));
        Assert.Contains("refused the login for user 'lab'", auth.Message);
        Assert.DoesNotContain("Bad-Pa55", auth.Message);

        await using var d2 = _lab.Drivers().Create(_lab.TargetFor(_device) with { Host = "10.9.9.9" });
        var unknown = await Assert.ThrowsAsync<DeviceUnreachableException>(() => d2.GetFactsAsync(ct));
        Assert.Contains("unknown host '10.9.9.9'", unknown.Message);
    }

    [Fact]
    public void UnknownPlatform_AndBadTargets_AreRefused()
    {
        var target = _lab.TargetFor(_device);
        var e = Assert.Throws<ArgumentException>(() => _lab.Drivers().Create(target with { Platform = "junos" }));
        Assert.Contains("unknown platform 'junos'", e.Message);
        Assert.Throws<ArgumentException>(() => _lab.Drivers().Create(target with { Port = 0 }));
        Assert.Throws<ArgumentException>(() => _lab.Drivers().Create(target with { Host = "10.0.0.1\nshow" }));
        Assert.DoesNotContain("lab-secret", target.ToString());
    }

    [Theory]
    [InlineData("interface Loopback1\n description ok\r\n ip address 1.1.1.1 255.255.255.255\rhostname X")]
    [InlineData("interface Loopback1\n description evil\u0007")]
    [InlineData("hostname A\u2028reload")]
    [InlineData("\n\n!\n")]
    public async Task UnsafeOrEmptyCandidate_IsRefusedBeforeAnythingIsSent(string candidate)
    {
        await using var driver = Driver();
        var before = _device.RunningConfig;
        Assert.Throws<ArgumentException>(() => driver.LoadMergeCandidate(candidate));
        Assert.Equal(before, _device.RunningConfig);
    }
}

internal sealed class RecordingEvents : IDeviceEvents
{
    public List<(string Device, string Fingerprint)> FirstSeen { get; } = [];
    public List<(string Device, string Pinned, string Presented)> Changed { get; } = [];

    public ValueTask HostKeyFirstSeenAsync(DeviceTarget target, string fingerprint)
    {
        lock (this) FirstSeen.Add((target.Name, fingerprint));
        return ValueTask.CompletedTask;
    }

    public ValueTask HostKeyChangedAsync(DeviceTarget target, string pinned, string presented)
    {
        lock (this) Changed.Add((target.Name, pinned, presented));
        return ValueTask.CompletedTask;
    }
}
