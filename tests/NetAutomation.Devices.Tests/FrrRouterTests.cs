using NetAutomation.DeviceLab.Tier2;

namespace NetAutomation.Devices.Tests;

/// <summary>
/// A real FRRouting router (zebra + staticd from the Debian frr package) in its own namespace, reached
/// through a real sshd whose ForceCommand is vtysh, driven by the frr driver.
/// </summary>
public sealed class FrrRouterTests : IAsyncLifetime
{
    private readonly string _prefix = "natest-frr" + LabHost.RandomSuffix();
    private LabNamespace? _ns;
    private LabSshd? _sshd;
    private string _dir = "";
    private readonly List<string> _pidFiles = [];

    public async ValueTask InitializeAsync()
    {
        LabHost.RequireRoot("The FRR router test", "/usr/lib/frr/zebra", "/usr/lib/frr/staticd", "/usr/bin/vtysh", "/usr/sbin/sshd", "/usr/bin/unshare");
        var ct = TestContext.Current.CancellationToken;
        _dir = Path.Combine(Path.GetTempPath(), _prefix);
        foreach (var sub in new[] { "etc", "run", "log" }) Directory.CreateDirectory(Path.Combine(_dir, sub));
        await File.WriteAllTextAsync(Path.Combine(_dir, "etc", "zebra.conf"), $"hostname {_prefix}\n", ct);
        await File.WriteAllTextAsync(Path.Combine(_dir, "etc", "staticd.conf"), "", ct);
        await File.WriteAllTextAsync(Path.Combine(_dir, "etc", "vtysh.conf"), "", ct);
        LabHost.Chmod(_dir, (UnixFileMode)0b111_101_101);
        LabHost.Run("/usr/bin/chown", ["-R", "frr:frr", Path.Combine(_dir, "etc"), Path.Combine(_dir, "run"), Path.Combine(_dir, "log")]);
        _ns = LabNamespace.Create(_prefix, routeDeviceRange: false);
        foreach (var daemon in new[] { "zebra", "staticd" })
        {
            var pid = Path.Combine(_dir, "run", daemon + ".pid");
            _pidFiles.Add(pid);
            // Private paths instead of -N (which writes under /etc/frr); unshare --uts so the router has its own hostname.
            var extra = daemon == "zebra" ? " -z " + Path.Combine(_dir, "run", "zserv.api") : " -z " + Path.Combine(_dir, "run", "zserv.api");
            LabHost.Run("/usr/sbin/ip", ["netns", "exec", _ns.Name, "/usr/bin/unshare", "--uts", "/bin/sh", "-c",
                $"hostname {_prefix}; exec /usr/lib/frr/{daemon} -d -P 0 -A 127.0.0.1 --vty_socket {_dir}/run{extra} -i {pid} -f {_dir}/etc/{daemon}.conf --log file:{_dir}/log/frr.log"]);
        }
        var wrapper = Path.Combine(_dir, "vtysh.sh");
        await File.WriteAllTextAsync(wrapper, $"#!/bin/sh\nexec /usr/bin/vtysh --vty_socket {_dir}/run --config_dir {_dir}/etc\n", ct);
        LabHost.Chmod(wrapper, (UnixFileMode)0b111_101_101);
        _sshd = await LabSshd.StartAsync(_ns, Path.Combine(_dir, "sshd"), _prefix.Replace("-", ""), wrapper, groups: ["frrvty", "frr"], ct: ct);
    }

    public async ValueTask DisposeAsync()
    {
        _sshd?.Dispose();
        foreach (var pidFile in _pidFiles)
        {
            if (File.Exists(pidFile) && int.TryParse((await File.ReadAllTextAsync(pidFile)).Trim(), out var pid))
            {
                try { System.Diagnostics.Process.GetProcessById(pid).Kill(); }
                catch (ArgumentException) { /* already gone */ }
            }
        }
        _ns?.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private DeviceTarget Target => new(_prefix, DevicePlatforms.Frr, _ns!.InnerAddress, 22, new DeviceCredentials(_sshd!.User, _sshd.Password), _sshd.HostKey);

    private string KernelRoute(string prefix) => LabHost.Run("/usr/sbin/ip", ["-n", _ns!.Name, "route", "show", prefix]).Trim();

    private async Task<string> WaitForKernelRouteAsync(string prefix, bool present)
    {
        // staticd installs routes asynchronously: poll, do not read once.
        for (var i = 0; i < 50; i++)
        {
            var route = KernelRoute(prefix);
            if ((route.Length > 0) == present) return route;
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        return KernelRoute(prefix);
    }

    [Fact]
    public async Task FrrDriver_ReadsFacts_AddsAndRemovesAStaticRoute_AndRollsBack()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new DeviceOptions { CommandTimeout = TimeSpan.FromSeconds(15) };
        await using var driver = DeviceDriverFactory.Ssh(options).Create(Target);

        var facts = await driver.GetFactsAsync(ct);
        Assert.Equal("FRRouting", facts.Vendor);
        Assert.StartsWith("8.", facts.OsVersion);
        Assert.Equal(_prefix, facts.Hostname);
        var original = await driver.GetRunningConfigAsync(ct);
        Assert.Contains($"hostname {_prefix}", original);

        var nextHop = $"10.{_ns!.Octet}.255.253";
        driver.LoadMergeCandidate($"ip route 192.0.2.0/24 Null0\nip route 198.51.100.0/24 {nextHop}");
        Assert.Contains("+ip route 198.51.100.0/24 " + nextHop, await driver.CompareConfigAsync(ct));
        var added = await driver.CommitAsync(null, ct);
        Assert.True(added.Changed);
        Assert.Contains("+ip route 192.0.2.0/24 Null0", added.Diff);
        Assert.Contains($"via {nextHop}", await WaitForKernelRouteAsync("198.51.100.0/24", present: true));

        driver.LoadMergeCandidate($"no ip route 198.51.100.0/24 {nextHop}");
        var removed = await driver.CommitAsync(null, ct);
        Assert.Contains("-ip route 198.51.100.0/24 " + nextHop, removed.Diff);
        Assert.Equal("", await WaitForKernelRouteAsync("198.51.100.0/24", present: false));

        // Roll back the removal: the route is back, byte for byte.
        await driver.RollbackAsync(ct);
        Assert.Equal(removed.Snapshot, await driver.GetRunningConfigAsync(ct));
        Assert.Contains($"via {nextHop}", await WaitForKernelRouteAsync("198.51.100.0/24", present: true));

        // A line FRR refuses stops the change and leaves the router as it was.
        var before = await driver.GetRunningConfigAsync(ct);
        driver.LoadMergeCandidate("ip route 203.0.113.0/24 Null0\nip route 203.0.113.0/33 Null0");
        var e = await Assert.ThrowsAsync<CommitFailedException>(() => driver.CommitAsync(null, ct));
        Assert.Equal(2, Assert.IsType<DeviceCommandException>(e.Cause).LineNumber);
        Assert.True(e.RolledBack, e.Message);
        Assert.Equal(before, await driver.GetRunningConfigAsync(ct));
        Assert.Equal("", await WaitForKernelRouteAsync("203.0.113.0/24", present: false));

        await Assert.ThrowsAsync<NotSupportedException>(() => { driver.LoadMergeCandidate("ip route 192.0.2.0/25 Null0"); return driver.CommitAsync(TimeSpan.FromMinutes(1), ct); });
    }
}
