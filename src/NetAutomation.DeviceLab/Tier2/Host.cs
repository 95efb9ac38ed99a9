using System.Diagnostics;

namespace NetAutomation.DeviceLab.Tier2;

/// <summary>Runs the host tools a lab needs (ip, useradd, ssh-keygen) and says clearly when it cannot.</summary>
public static class LabHost
{
    /// <summary>True when running as root (effective uid 0, read from /proc so no native call is needed).</summary>
    public static bool IsRoot => OperatingSystem.IsLinux() &&
        File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?.Split('\t', StringSplitOptions.RemoveEmptyEntries)[2] == "0";

    /// <summary>Sets a file's Unix permissions.</summary>
    public static void Chmod(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("The device lab runs on Linux.");
        File.SetUnixFileMode(path, mode);
    }

    /// <summary>Throws a clear error unless the process is root on Linux and the tools exist.</summary>
    public static void RequireRoot(string what, params string[] tools)
    {
        if (!IsRoot)
            throw new InvalidOperationException($"{what} needs root on Linux (network namespaces, sshd, a lab user). Run the tests as root, e.g. through tests/run.sh.");
        foreach (var tool in tools)
            if (!File.Exists(tool)) throw new InvalidOperationException($"{what} needs {tool}; install its Debian package (tests/run.sh does).");
    }

    /// <summary>Runs a program and returns its standard output; a non-zero exit throws with its error output.</summary>
    public static string Run(string file, IEnumerable<string> args, string? stdin = null, bool check = true)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file}");
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
        }
        var stdoutTask = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        var stdout = stdoutTask.GetAwaiter().GetResult();
        if (check && p.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', psi.ArgumentList)} failed ({p.ExitCode}): {stderr.Trim()}");
        return stdout;
    }

    /// <summary>Runs a cleanup step, ignoring failure (the thing may already be gone).</summary>
    public static void TryRun(string file, params string[] args)
    {
        try { Run(file, args, check: false); }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception) { }
    }

    /// <summary>A short random suffix for names the lab owns.</summary>
    public static string RandomSuffix() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3)).ToLowerInvariant();

    /// <summary>Stops a process the lab started, and its children, by PID.</summary>
    public static void Stop(Process? p)
    {
        if (p is null) return;
        try
        {
            if (!p.HasExited)
            {
                p.Kill(entireProcessTree: true);
                p.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException) { }
        p.Dispose();
    }
}

/// <summary>
/// A network namespace joined to the host by a veth pair, with a /17 of addresses routed into it.
/// Inside, the whole /17 is local (<c>route add local</c>), so one listener answers every address; single
/// addresses can be diverted to a side namespace where another listener answers them.
/// </summary>
public sealed class LabNamespace : IDisposable
{
    private readonly HashSet<string> _diverted = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private bool _sideCreated;

    private LabNamespace(string name, int octet, string hostIf)
    {
        Name = name;
        Octet = octet;
        HostInterface = hostIf;
    }

    /// <summary>The namespace name.</summary>
    public string Name { get; }

    /// <summary>The second octet: the lab owns 10.X.0.0/17 and 10.X.255.252/30.</summary>
    public int Octet { get; }

    /// <summary>The host side of the veth pair.</summary>
    public string HostInterface { get; }

    /// <summary>The namespace side address of the veth link.</summary>
    public string InnerAddress => $"10.{Octet}.255.254";

    /// <summary>The i-th (0-based) device address inside the namespace.</summary>
    public string DeviceAddress(int i) => $"10.{Octet}.{i / 250}.{i % 250 + 1}";

    /// <summary>Creates the namespace; picks a 10.X range no route on this host uses yet.</summary>
    public static LabNamespace Create(string name, bool routeDeviceRange = true)
    {
        var routes = LabHost.Run("/usr/sbin/ip", ["-4", "route", "show", "table", "all"]);
        var free = Enumerable.Range(200, 50).OrderBy(_ => Random.Shared.Next()).FirstOrDefault(o => !routes.Contains($"10.{o}.", StringComparison.Ordinal));
        if (free == 0) throw new InvalidOperationException("No free 10.200-249.x.x range for a lab namespace.");
        var suffix = LabHost.RandomSuffix();
        var ns = new LabNamespace(name, free, "nah" + suffix);
        var inner = "nan" + suffix;
        try
        {
            LabHost.Run("/usr/sbin/ip", ["netns", "add", name]);
            LabHost.Run("/usr/sbin/ip", ["link", "add", ns.HostInterface, "type", "veth", "peer", "name", inner]);
            LabHost.Run("/usr/sbin/ip", ["link", "set", inner, "netns", name]);
            LabHost.Run("/usr/sbin/ip", ["addr", "add", $"10.{free}.255.253/30", "dev", ns.HostInterface]);
            LabHost.Run("/usr/sbin/ip", ["link", "set", ns.HostInterface, "up"]);
            LabHost.Run("/usr/sbin/ip", ["-n", name, "addr", "add", $"10.{free}.255.254/30", "dev", inner]);
            LabHost.Run("/usr/sbin/ip", ["-n", name, "link", "set", inner, "up"]);
            LabHost.Run("/usr/sbin/ip", ["-n", name, "link", "set", "lo", "up"]);
            if (routeDeviceRange)
            {
                LabHost.Run("/usr/sbin/ip", ["-n", name, "route", "add", "local", $"10.{free}.0.0/17", "dev", "lo"]);
                LabHost.Run("/usr/sbin/ip", ["route", "add", $"10.{free}.0.0/17", "via", ns.InnerAddress]);
            }
        }
        catch
        {
            ns.Dispose();
            throw;
        }
        return ns;
    }

    /// <summary>
    /// The side namespace that diverted addresses live in (see <see cref="Divert"/>), joined to this one by a
    /// veth pair on 10.X.255.248/30; created on first use.
    /// </summary>
    public string SideName => Name + "-side";

    private string SideAddress => $"10.{Octet}.255.250";

    /// <summary>
    /// Moves one device address out of this namespace into <see cref="SideName"/>: from then on packets for it
    /// are routed there, so a listener in the side namespace answers it and one here (on 0.0.0.0) no longer
    /// sees it. A second listener on the same port in this namespace is not possible: Linux refuses to bind a
    /// specific address while a wildcard socket listens on that port.
    /// </summary>
    public void Divert(string address)
    {
        lock (_gate)
        {
            if (!_sideCreated)
            {
                var suffix = LabHost.RandomSuffix();
                string inner = "nas" + suffix, outer = "nat" + suffix;
                LabHost.Run("/usr/sbin/ip", ["netns", "add", SideName]);
                try
                {
                    LabHost.Run("/usr/sbin/ip", ["-n", Name, "link", "add", inner, "type", "veth", "peer", "name", outer]);
                    LabHost.Run("/usr/sbin/ip", ["-n", Name, "link", "set", outer, "netns", SideName]);
                    LabHost.Run("/usr/sbin/ip", ["-n", Name, "addr", "add", $"10.{Octet}.255.249/30", "dev", inner]);
                    LabHost.Run("/usr/sbin/ip", ["-n", Name, "link", "set", inner, "up"]);
                    LabHost.Run("/usr/sbin/ip", ["-n", SideName, "addr", "add", SideAddress + "/30", "dev", outer]);
                    LabHost.Run("/usr/sbin/ip", ["-n", SideName, "link", "set", outer, "up"]);
                    LabHost.Run("/usr/sbin/ip", ["-n", SideName, "link", "set", "lo", "up"]);
                    LabHost.Run("/usr/sbin/ip", ["-n", SideName, "route", "add", "default", "via", $"10.{Octet}.255.249"]);
                    LabHost.Run("/usr/sbin/ip", ["netns", "exec", Name, "/usr/sbin/sysctl", "-qw", "net.ipv4.ip_forward=1"]);
                }
                catch
                {
                    LabHost.TryRun("/usr/sbin/ip", "netns", "del", SideName);
                    throw;
                }
                _sideCreated = true;
            }
            if (_diverted.Contains(address)) return;
            LabHost.Run("/usr/sbin/ip", ["-n", SideName, "addr", "add", address + "/32", "dev", "lo"]);
            // A /32 in the local table beats the /17 "local" route: the address stops being local here.
            LabHost.Run("/usr/sbin/ip", ["-n", Name, "route", "add", address + "/32", "via", SideAddress, "table", "local"]);
            _diverted.Add(address);
        }
    }

    /// <summary>Makes one device address unreachable (ICMP prohibited) or reachable again.</summary>
    public void SetUnreachable(string address, bool unreachable)
    {
        lock (_gate)
        {
            // A diverted address already has a /32 in the local table: swap it for the prohibit route and back.
            if (_diverted.Contains(address))
                LabHost.Run("/usr/sbin/ip", ["-n", Name, "route", "replace", .. unreachable ? new[] { "prohibit", address + "/32" } : [address + "/32", "via", SideAddress], "table", "local"]);
            else
                LabHost.Run("/usr/sbin/ip", ["-n", Name, "route", unreachable ? "add" : "del", "prohibit", address + "/32", "table", "local"]);
        }
    }

    /// <summary>Removes the route, the veth pairs and the namespaces.</summary>
    public void Dispose()
    {
        if (_sideCreated) LabHost.TryRun("/usr/sbin/ip", "netns", "del", SideName);
        LabHost.TryRun("/usr/sbin/ip", "route", "del", $"10.{Octet}.0.0/17");
        LabHost.TryRun("/usr/sbin/ip", "link", "del", HostInterface);
        LabHost.TryRun("/usr/sbin/ip", "netns", "del", Name);
    }
}
