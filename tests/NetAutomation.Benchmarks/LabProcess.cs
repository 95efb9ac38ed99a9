using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NetAutomation.Devices;

/// <summary>
/// A tier-2 lab (simulated IOS devices behind one real sshd in a network namespace) in a process of its own, started with
/// <c>lab up</c> and always taken down with <c>lab down</c>, so what the benchmark measures of itself is the client's alone.
/// </summary>
internal sealed class LabProcess : IDisposable
{
    private readonly string _cli;
    private readonly string _statePath;

    private LabProcess(string cli, string statePath)
    {
        _cli = cli;
        _statePath = statePath;
        using var state = JsonDocument.Parse(File.ReadAllText(statePath));
        var root = state.RootElement;
        Credentials = new DeviceCredentials(root.GetProperty("Username").GetString()!, root.GetProperty("Password").GetString()!);
        HostKey = root.GetProperty("HostKey").GetString()!;
        Directory = root.GetProperty("Directory").GetString()!;
        Devices = [.. root.GetProperty("Devices").EnumerateArray().Select(d => (d.GetProperty("Name").GetString()!, d.GetProperty("Address").GetString()!))];
    }

    /// <summary>The login every device accepts.</summary>
    public DeviceCredentials Credentials { get; }

    /// <summary>The host key the lab's sshd presents for every device.</summary>
    public string HostKey { get; }

    /// <summary>The lab's working directory.</summary>
    public string Directory { get; }

    /// <summary>The devices, each with its own management address.</summary>
    public IReadOnlyList<(string Name, string Address)> Devices { get; }

    /// <summary>Driver targets for the devices, their host key pinned.</summary>
    public List<DeviceTarget> Targets() => [.. Devices.Select(d => new DeviceTarget(d.Name, DevicePlatforms.Ios, d.Address, 22, Credentials, HostKey))];

    public static LabProcess Up(int devices)
    {
        var statePath = Path.Combine(Path.GetTempPath(), $"natest-bench-{Guid.NewGuid():N}.json");
        var cli = Path.Combine(AppContext.BaseDirectory, "NetAutomation.DeviceLab.Cli.dll");
        Run("dotnet", cli, "up", "--devices", devices.ToString(CultureInfo.InvariantCulture), "--name", "natest-bench" + Guid.NewGuid().ToString("N")[..4], "--state", statePath);
        try
        {
            return new LabProcess(cli, statePath);
        }
        catch
        {
            Run("dotnet", cli, "down", "--state", statePath);
            throw;
        }
    }

    public void Dispose() => Run("dotnet", _cli, "down", "--state", _statePath);

    /// <summary>The 1, 5 and 15 minute load averages, as uptime prints them.</summary>
    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static void Run(string file, params string[] arguments)
    {
        var psi = new ProcessStartInfo(file) { UseShellExecute = false };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({p.ExitCode})");
    }
}
