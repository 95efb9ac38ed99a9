using System.Diagnostics;
using NetAutomation.Devices.Ssh;

namespace NetAutomation.Devices.Tests;

/// <summary>The IOS driver over real TCP, real OpenSSH and real PTYs against tier-2 simulated devices.</summary>
public class Tier2SshTests(Tier2Fixture fixture)
{
    private const string Change = """
        interface Loopback30
         description tier2-service
         ip address 192.0.2.30 255.255.255.255
        ip route 198.51.100.0 255.255.255.0 192.0.2.254
        ntp server 192.0.2.123
        """;

    private static readonly DeviceOptions Options = new() { CommandTimeout = TimeSpan.FromSeconds(20), ConnectTimeout = TimeSpan.FromSeconds(15), ConnectAttempts = 6 };

    [Fact]
    public async Task TwoHundredDevices_InParallel_AllSucceed()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = await fixture.LabAsync();
        var devices = lab.Devices.Take(200).ToList();
        var fanOut = new DeviceFanOut(DeviceDriverFactory.Ssh(Options), maxParallelism: 50);
        var sw = Stopwatch.StartNew();

        var results = await fanOut.PushAsync(devices.Select(d => (lab.TargetFor(d), Change)), ct);

        TestContext.Current.SendDiagnosticMessage($"200 devices pushed over sshd in {sw.Elapsed.TotalSeconds:0.0} s");
        Assert.All(results, r => Assert.False(r.Failed, r.Error));
        Assert.All(results, r => Assert.True(r.Changed));
        Assert.All(devices, d => Assert.Contains("interface Loopback30\n description tier2-service\n", d.RunningConfig));
        Assert.All(devices, d => Assert.Contains("ntp server 192.0.2.123", d.StartupConfig));
    }

    [Fact]
    public async Task FactsAndRunningConfig_ComeThroughSshUnchanged()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = await fixture.LabAsync();
        var device = (await fixture.TakeAsync(1))[0];
        await using var driver = DeviceDriverFactory.Ssh(Options).Create(lab.TargetFor(device));
        var facts = await driver.GetFactsAsync(ct);
        Assert.Equal(device.Name, facts.Hostname);
        Assert.Equal(device.SerialNumber, facts.SerialNumber);
        Assert.Equal(device.RunningConfig, await driver.GetRunningConfigAsync(ct) + "\n");
        Assert.Equal(lab.HostKey, driver.HostKey);
        Assert.True(await driver.IsReachableAsync(ct));
    }

    [Fact]
    public async Task RejectedLine_LeavesTheDeviceUnchanged()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = await fixture.LabAsync();
        var device = (await fixture.TakeAsync(1))[0];
        var before = device.RunningConfig;
        device.Faults.RejectConfigLine = 3;
        await using var driver = DeviceDriverFactory.Ssh(Options).Create(lab.TargetFor(device));
        driver.LoadMergeCandidate(Change);

        var e = await Assert.ThrowsAsync<CommitFailedException>(() => driver.CommitAsync(null, ct));

        var refused = Assert.IsType<DeviceCommandException>(e.Cause);
        Assert.Equal(3, refused.LineNumber);
        Assert.Equal("% Invalid input detected at '^' marker.", refused.DeviceMessage);
        Assert.True(e.RolledBack);
        Assert.Equal(before, device.RunningConfig);
    }

    [Fact]
    public async Task PipelinedLines_InSeveralWrites_ReportTheRejectedLine_AndRollBack()
    {
        // Two lines per write: the rejected fourth line is in the second write, and the third write is never made.
        var ct = TestContext.Current.CancellationToken;
        var lab = await fixture.LabAsync();
        var device = (await fixture.TakeAsync(1))[0];
        var before = device.RunningConfig;
        device.Faults.RejectConfigLine = 4;
        var options = new DeviceOptions { CommandTimeout = Options.CommandTimeout, ConnectTimeout = Options.ConnectTimeout, ConnectAttempts = Options.ConnectAttempts, PipelineLines = 2 };
        await using var driver = DeviceDriverFactory.Ssh(options).Create(lab.TargetFor(device));
        driver.LoadMergeCandidate(Change);

        var e = await Assert.ThrowsAsync<CommitFailedException>(() => driver.CommitAsync(null, ct));

        var refused = Assert.IsType<DeviceCommandException>(e.Cause);
        Assert.Equal(4, refused.LineNumber);
        Assert.Equal("% Invalid input detected at '^' marker.", refused.DeviceMessage);
        Assert.True(e.RolledBack);
        Assert.Equal(before, device.RunningConfig);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(50)]
    public async Task Commit_WithAnyPipelineDepth_AppliesDiffsAndSaves(int pipelineLines)
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = await fixture.LabAsync();
        var device = (await fixture.TakeAsync(1))[0];
        var before = device.RunningConfig;
        var options = new DeviceOptions { CommandTimeout = Options.CommandTimeout, ConnectTimeout = Options.ConnectTimeout, ConnectAttempts = Options.ConnectAttempts, PipelineLines = pipelineLines };
        await using var driver = DeviceDriverFactory.Ssh(options).Create(lab.TargetFor(device));
        driver.LoadMergeCandidate(Change);

        var result = await driver.CommitAsync(null, ct);

        Assert.True(result.Changed);
        Assert.Equal(before, result.Snapshot + "\n");
        Assert.Contains("+interface Loopback30\n+ description tier2-service\n", result.Diff);
        Assert.Contains("+ntp server 192.0.2.123\n", result.Diff);
        Assert.Contains("ntp server 192.0.2.123", device.StartupConfig);
        // The rollback point on flash holds the configuration from before the change: rolling back restores it.
        await driver.RollbackAsync(ct);
        Assert.Equal(before, device.RunningConfig);
    }

    [Fact]
    public async Task DroppedConnection_IsRolledBackOverANewSession()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = await fixture.LabAsync();
        var device = (await fixture.TakeAsync(1))[0];
        var before = device.RunningConfig;
        device.Faults.DropAfterConfigLines = 2;
        await using var driver = DeviceDriverFactory.Ssh(Options).Create(lab.TargetFor(device));
        driver.LoadMergeCandidate(Change);

        var e = await Assert.ThrowsAsync<CommitFailedException>(() => driver.CommitAsync(null, ct));

        Assert.IsType<DeviceConnectionLostException>(e.Cause);
        Assert.True(e.RolledBack, e.Message);
        Assert.Equal(before, device.RunningConfig);
    }

    [Fact]
    public async Task WrongPassword_IsAClearAuthenticationError()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = await fixture.LabAsync();
        var device = (await fixture.TakeAsync(1))[0];
        var target = lab.TargetFor(device) with { Credentials = lab.Credentials with { Password = "not-the-password" } };
        await using var driver = DeviceDriverFactory.Ssh(Options).Create(target);
        var e = await Assert.ThrowsAsync<DeviceAuthenticationException>(() => driver.GetFactsAsync(ct));
        Assert.Contains($"refused the login for user '{lab.Credentials.Username}'", e.Message);
    }

    [Fact]
    public async Task KeyExchange_IsLimitedToTheConfiguredAlgorithms()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = await fixture.LabAsync();
        var device = (await fixture.TakeAsync(1))[0];
        var options = (string[] kex) => new DeviceOptions { ConnectAttempts = 1, ConnectTimeout = TimeSpan.FromSeconds(15), KeyExchangeAlgorithms = kex };

        await using (var driver = DeviceDriverFactory.Ssh(options(["curve25519-sha256"])).Create(lab.TargetFor(device)))
            Assert.Equal(device.Name, (await driver.GetFactsAsync(ct)).Hostname);

        // The lab's OpenSSH no longer accepts group1: if the limit were ignored, SSH.NET's own list would agree on another.
        await using (var driver = DeviceDriverFactory.Ssh(options(["diffie-hellman-group1-sha1"])).Create(lab.TargetFor(device)))
        {
            var e = await Assert.ThrowsAsync<DeviceUnreachableException>(() => driver.GetFactsAsync(ct));
            Assert.Contains("No matching key exchange algorithm", e.Message);
        }

        await using (var driver = DeviceDriverFactory.Ssh(options(["curve25519-sha256", "no-such-kex"])).Create(lab.TargetFor(device)))
        {
            var e = await Assert.ThrowsAsync<ArgumentException>(() => driver.GetFactsAsync(ct));
            Assert.Contains("Unknown SSH key exchange algorithm(s) no-such-kex", e.Message);
        }
    }

    [Fact]
    public async Task UnknownHost_AndUnreachableAddress_AreClearErrors()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = await fixture.LabAsync();
        var device = (await fixture.TakeAsync(1))[0];
        var fast = new DeviceOptions { ConnectAttempts = 2, ConnectTimeout = TimeSpan.FromSeconds(3), RetryBaseDelay = TimeSpan.FromMilliseconds(50) };
        await using (var driver = DeviceDriverFactory.Ssh(fast).Create(lab.TargetFor(device) with { Host = "no-such-router.invalid" }))
        {
            var e = await Assert.ThrowsAsync<DeviceUnreachableException>(() => driver.GetFactsAsync(ct));
            Assert.Contains("unknown host 'no-such-router.invalid'", e.Message);
        }
        lab.SetUnreachable(device, true);
        try
        {
            await using var driver = DeviceDriverFactory.Ssh(fast).Create(lab.TargetFor(device));
            var e = await Assert.ThrowsAsync<DeviceUnreachableException>(() => driver.GetFactsAsync(ct));
            Assert.Contains($"cannot reach {device.Address}:22", e.Message);
            Assert.False(await driver.IsReachableAsync(ct));
        }
        finally
        {
            lab.SetUnreachable(device, false);
        }
    }

    [Fact]
    public async Task HostKey_FirstUseIsPinned_ThenARotatedKeyIsRefusedWithAnAlarm()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = await fixture.LabAsync();
        var devices = await fixture.TakeAsync(2);
        var (device, neighbour) = (devices[0], devices[1]);
        var events = new RecordingEvents();
        var connector = new SshConnector(Options, events);

        await using (var first = DevicePlatforms.CreateDriver(lab.TargetFor(device, pin: false), connector, Options))
            await first.GetFactsAsync(ct);
        var pinned = Assert.Single(events.FirstSeen).Fingerprint;
        Assert.Equal(lab.HostKey, pinned);
        var before = device.RunningConfig;

        await lab.RotateHostKeyAsync(device, ct);
        var sshdPid = lab.RotatedKeySshdPids[device];
        Assert.NotEqual(pinned, device.HostKey);
        Assert.Contains(lab.Prefix, await File.ReadAllTextAsync($"/proc/{sshdPid}/cmdline", ct));

        await using (var driver = DevicePlatforms.CreateDriver(lab.TargetFor(device) with { PinnedHostKey = pinned }, connector, Options))
        {
            driver.LoadMergeCandidate(Change);
            var e = await Assert.ThrowsAsync<HostKeyMismatchException>(() => driver.CommitAsync(null, ct));
            Assert.Equal((pinned, device.HostKey), (e.Pinned, e.Presented));
        }
        Assert.Equal((device.Name, pinned, device.HostKey), Assert.Single(events.Changed));
        Assert.Equal(before, device.RunningConfig);

        // The new key is the device's own: pinned, it reaches the same device; the neighbour keeps the shared key.
        await using (var repinned = DevicePlatforms.CreateDriver(lab.TargetFor(device), connector, Options))
            Assert.Equal(device.SerialNumber, (await repinned.GetFactsAsync(ct)).SerialNumber);
        await using (var other = DevicePlatforms.CreateDriver(lab.TargetFor(neighbour) with { PinnedHostKey = pinned }, connector, Options))
            Assert.Equal(neighbour.Name, (await other.GetFactsAsync(ct)).Hostname);
        Assert.Single(events.Changed);

        // Rotating again replaces the device's sshd: the old one is stopped by its PID, the old key is refused.
        var previous = device.HostKey;
        await lab.RotateHostKeyAsync(device, ct);
        Assert.False(Directory.Exists($"/proc/{sshdPid}"), $"sshd {sshdPid} still runs after the second rotation");
        await using (var stale = DevicePlatforms.CreateDriver(lab.TargetFor(device) with { PinnedHostKey = previous }, connector, Options))
            await Assert.ThrowsAsync<HostKeyMismatchException>(() => stale.GetFactsAsync(ct));
        Assert.Equal(2, events.Changed.Count);
        Assert.Equal(before, device.RunningConfig);
    }
}
