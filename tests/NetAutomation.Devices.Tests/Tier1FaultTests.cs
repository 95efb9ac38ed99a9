using NetAutomation.DeviceLab;

namespace NetAutomation.Devices.Tests;

/// <summary>Every simulator fault: the change is refused or rolled back, and the running configuration is byte-identical afterwards.</summary>
public class Tier1FaultTests
{
    private const string Change = """
        interface Loopback20
         description fault-test
         ip address 203.0.113.1 255.255.255.255
        interface GigabitEthernet0/1
         description uplink
         ip address 10.20.0.1 255.255.255.252
         no shutdown
        ip route 203.0.113.128 255.255.255.128 10.20.0.2
        logging buffered 16384
        """;

    private readonly InProcessLab _lab = new();
    private readonly SimulatedDevice _device;
    private readonly string _before;

    public Tier1FaultTests()
    {
        _device = _lab.Add("R1", "10.0.0.1");
        _before = _device.RunningConfig;
    }

    private async Task<Exception> CommitExpectingFailure(DeviceOptions? options = null)
    {
        await using var driver = _lab.Drivers(options).Create(_lab.TargetFor(_device));
        driver.LoadMergeCandidate(Change);
        return await Assert.ThrowsAnyAsync<DeviceException>(() => driver.CommitAsync(null, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Unreachable_RefusesTheChange()
    {
        _device.Faults.Unreachable = true;
        var e = await CommitExpectingFailure();
        Assert.IsType<DeviceUnreachableException>(e);
        Assert.Equal(_before, _device.RunningConfig);
    }

    [Fact]
    public async Task SlowReplies_TimeOut_AndRefuseTheChange()
    {
        _device.Faults.ReplyDelay = TimeSpan.FromMilliseconds(400);
        var e = await CommitExpectingFailure(new DeviceOptions { CommandTimeout = TimeSpan.FromMilliseconds(150) });
        Assert.IsType<DeviceTimeoutException>(e);
        _device.Faults.Clear();
        Assert.Equal(_before, _device.RunningConfig);
    }

    [Fact]
    public async Task SlowButWithinTimeout_Succeeds()
    {
        _device.Faults.ReplyDelay = TimeSpan.FromMilliseconds(20);
        await using var driver = _lab.Drivers(new DeviceOptions { CommandTimeout = TimeSpan.FromSeconds(2) }).Create(_lab.TargetFor(_device));
        driver.LoadMergeCandidate(Change);
        var result = await driver.CommitAsync(null, TestContext.Current.CancellationToken);
        Assert.True(result.Changed);
    }

    [Fact]
    public async Task SlowConfigReplies_LeaveShowCommandsOnTime_AndAChangeThatTimesOutIsRolledBack()
    {
        _device.Faults.ConfigReplyDelay = TimeSpan.FromSeconds(3);
        var options = new DeviceOptions { CommandTimeout = TimeSpan.FromSeconds(1) };
        await using (var reader = _lab.Drivers(options).Create(_lab.TargetFor(_device)))
            Assert.Contains("hostname R1", await reader.GetRunningConfigAsync(TestContext.Current.CancellationToken)); // exec mode: on time

        var e = Assert.IsType<CommitFailedException>(await CommitExpectingFailure(options));
        Assert.IsType<DeviceTimeoutException>(e.Cause);
        Assert.True(e.RolledBack);
        _device.Faults.Clear();
        Assert.Equal(_before, _device.RunningConfig);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(9)]
    public async Task RejectedLine_IsReportedWithTheDeviceMessage_AndRolledBack(int k)
    {
        _device.Faults.RejectConfigLine = k;
        var e = Assert.IsType<CommitFailedException>(await CommitExpectingFailure());
        Assert.True(e.RolledBack);
        var refused = Assert.IsType<DeviceCommandException>(e.Cause);
        Assert.Equal(k, refused.LineNumber);
        Assert.Equal("% Invalid input detected at '^' marker.", refused.DeviceMessage);
        Assert.Equal(_before, _device.RunningConfig);
    }

    [Fact]
    public async Task InvalidLine_IsRefusedByTheDevice_AndRolledBack()
    {
        await using var driver = _lab.Drivers().Create(_lab.TargetFor(_device));
        driver.LoadMergeCandidate("interface Loopback5\n description half-done\n ip address 10.1.1.300 255.255.255.0");
        var e = await Assert.ThrowsAsync<CommitFailedException>(() => driver.CommitAsync(null, TestContext.Current.CancellationToken));
        var refused = Assert.IsType<DeviceCommandException>(e.Cause);
        Assert.Equal(3, refused.LineNumber);
        Assert.Contains("line 3 'ip address 10.1.1.300 255.255.255.0' rejected: % Invalid input", e.Message);
        Assert.True(e.RolledBack);
        Assert.Equal(_before, _device.RunningConfig);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    public async Task DroppedConnection_MidChange_IsRolledBack(int k)
    {
        _device.Faults.DropAfterConfigLines = k;
        var e = Assert.IsType<CommitFailedException>(await CommitExpectingFailure());
        Assert.IsType<DeviceConnectionLostException>(e.Cause);
        Assert.True(e.RolledBack, e.Message);
        Assert.Equal(_before, _device.RunningConfig);
    }

    [Fact]
    public async Task Reload_MidChange_LosesUnsavedConfig_AndIsRestoredFromTheSnapshot()
    {
        // An unsaved change made by someone else before ours: the reload loses it too, the snapshot brings it back.
        await using (var other = _lab.Drivers().Create(_lab.TargetFor(_device)))
            await other.RunShowAsync("show clock", TestContext.Current.CancellationToken);
        var cli = _device.OpenCli();
        cli.Execute("configure terminal");
        cli.Execute("ntp server 192.0.2.77");
        cli.Execute("end");
        var before = _device.RunningConfig;
        Assert.DoesNotContain("192.0.2.77", _device.StartupConfig);
        _device.Faults.ReloadAfterConfigLines = 4;

        var e = Assert.IsType<CommitFailedException>(await CommitExpectingFailure());

        Assert.True(e.RolledBack, e.Message);
        Assert.Equal(before, _device.RunningConfig);
    }

    [Fact]
    public async Task NewHostKey_RefusesTheSession()
    {
        _device.RotateHostKey();
        await using var driver = _lab.Drivers().Create(_lab.TargetFor(_device) with { PinnedHostKey = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" });
        driver.LoadMergeCandidate(Change);
        await Assert.ThrowsAsync<HostKeyMismatchException>(() => driver.CommitAsync(null, TestContext.Current.CancellationToken));
        Assert.Equal(_before, _device.RunningConfig);
    }

    [Fact]
    public async Task FanOut_ReturnsOneResultPerDevice_AndIsolatesFaults()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = new InProcessLab();
        var devices = lab.AddMany(40);
        var before = devices.ToDictionary(d => d.Name, d => d.RunningConfig);
        devices[3].Faults.RejectConfigLine = 2;
        devices[7].Faults.Unreachable = true;
        devices[11].Faults.DropAfterConfigLines = 3;
        var fanOut = new DeviceFanOut(lab.Drivers(), maxParallelism: 8);

        var results = await fanOut.PushAsync(devices.Select(d => (lab.TargetFor(d), Change)), ct);

        Assert.Equal(devices.Select(d => d.Name), results.Select(r => r.Device));
        Assert.Equal(37, results.Count(r => r.Changed && !r.Failed));
        var rejected = results[3];
        Assert.True(rejected.Failed);
        Assert.True(rejected.RolledBack);
        Assert.Equal(2, rejected.FailedLine);
        Assert.Equal("% Invalid input detected at '^' marker.", rejected.DeviceMessage);
        Assert.Contains("cannot reach", results[7].Error);
        Assert.True(results[11].RolledBack);
        foreach (var i in new[] { 3, 7, 11 }) Assert.Equal(before[devices[i].Name], devices[i].RunningConfig);
        Assert.All(results.Where(r => !r.Failed), r => Assert.Contains("+ description fault-test", r.Diff));
    }
}
