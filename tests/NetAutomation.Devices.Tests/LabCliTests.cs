using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using NetAutomation.DeviceLab.Tier2;

namespace NetAutomation.Devices.Tests;

/// <summary>
/// <c>lab up</c> / <c>lab down</c> run as a user runs them (separate processes): the printed inventory is enough
/// for a driver to log in over real sshd, and after <c>down</c> nothing the lab made is left.
/// </summary>
public class LabCliTests
{
    [Fact]
    public async Task Up_PrintsAnInventoryADriverCanLogInTo_AndDown_RemovesEverything()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = "natest-cli" + LabHost.RandomSuffix();
        var statePath = Path.Combine(Path.GetTempPath(), name + ".json");
        int serverPid = 0, sshdPid = 0;
        string ns = "", directory = "", user = "";
        (int ExitCode, string Output) down;
        try
        {
            var up = await LabCliAsync(ct, "up", "--devices", "3", "--name", name, "--state", statePath);
            Assert.True(up.ExitCode == 0, $"lab up failed ({up.ExitCode}): {up.Output}");

            var header = Regex.Match(up.Output, @"^lab (\S+): 3 ios devices, sshd pid (\d+), server pid (\d+)$", RegexOptions.Multiline);
            var login = Regex.Match(up.Output, @"^login (\S+) / (\S+)\s+host key (\S+)$", RegexOptions.Multiline);
            Assert.True(header.Success && login.Success, "unexpected lab up output:\n" + up.Output);
            Assert.Equal(name, header.Groups[1].Value);
            (sshdPid, serverPid, user) = (int.Parse(header.Groups[2].Value), int.Parse(header.Groups[3].Value), login.Groups[1].Value);
            var rows = up.Output.Split('\n').SkipWhile(l => l != "name\taddress\tplatform").Skip(1)
                .Where(l => l.Length > 0).Select(l => l.Split('\t')).ToList();
            Assert.Equal([$"{name}-r1", $"{name}-r2", $"{name}-r3"], rows.Select(r => r[0]));
            Assert.All(rows, r => Assert.Equal("ios", r[2]));
            Assert.Equal(3, rows.Select(r => r[1]).Distinct().Count());

            using (var state = JsonDocument.Parse(await File.ReadAllTextAsync(statePath, ct)))
                (ns, directory) = (state.RootElement.GetProperty("Namespace").GetString()!, state.RootElement.GetProperty("Directory").GetString()!);
            Assert.Contains(ns, NamespaceNames());
            Assert.True(IsRunning(serverPid) && IsRunning(sshdPid), "the lab's server or sshd is not running");

            var target = new DeviceTarget(rows[1][0], DevicePlatforms.Ios, rows[1][1], 22,
                new DeviceCredentials(login.Groups[1].Value, login.Groups[2].Value), login.Groups[3].Value);
            await using var driver = DeviceDriverFactory.Ssh(new DeviceOptions { ConnectAttempts = 4 }).Create(target);
            var facts = await driver.GetFactsAsync(ct);
            Assert.Equal(rows[1][0], facts.Hostname);
            Assert.Equal(login.Groups[3].Value, driver.HostKey);
        }
        finally
        {
            down = File.Exists(statePath) ? await LabCliAsync(ct, "down", "--state", statePath) : (-1, "no state file: lab up made nothing to take down");
        }

        Assert.True(down.ExitCode == 0, $"lab down failed ({down.ExitCode}): {down.Output}");
        Assert.Contains($"lab {name} is down.", down.Output);
        Assert.False(IsRunning(serverPid), $"lab server {serverPid} still runs");
        Assert.False(IsRunning(sshdPid), $"sshd {sshdPid} still runs");
        Assert.DoesNotContain(ns, NamespaceNames());
        Assert.False(Directory.Exists(directory), $"{directory} is left");
        Assert.False(File.Exists(statePath), $"{statePath} is left");
        Assert.DoesNotContain(File.ReadLines("/etc/passwd"), l => l.StartsWith(user + ":", StringComparison.Ordinal));
    }

    private static List<string> NamespaceNames() =>
        [.. LabHost.Run("/usr/sbin/ip", ["netns", "list"]).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0])];

    private static bool IsRunning(int pid) => Directory.Exists($"/proc/{pid}");

    /// <summary>Runs the lab CLI with dotnet; its standard output and error, together.</summary>
    private static async Task<(int ExitCode, string Output)> LabCliAsync(CancellationToken ct, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "NetAutomation.DeviceLab.Cli.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        try
        {
            // Output ends when lab up itself exits: the server it leaves running must not hold our pipes.
            await Task.WhenAll(stdout, stderr, p.WaitForExitAsync(ct)).WaitAsync(TimeSpan.FromMinutes(3), ct);
        }
        finally
        {
            if (!p.HasExited) p.Kill(entireProcessTree: true);
        }
        return (p.ExitCode, await stdout + await stderr);
    }
}
