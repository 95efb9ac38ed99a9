using System.Security.Cryptography;
using NetAutomation.DeviceLab.Ios;

namespace NetAutomation.DeviceLab;

/// <summary>
/// Faults a test can switch on a simulated device at run time. Zero or false means off.
/// </summary>
public sealed class DeviceFaults
{
    private long _replyDelayTicks;
    private long _configReplyDelayTicks;

    /// <summary>Connections to the device fail as if there were no route to it.</summary>
    public volatile bool Unreachable;

    /// <summary>The k-th configuration line of each configuration session is refused with IOS's invalid-input error.</summary>
    public volatile int RejectConfigLine;

    /// <summary>The session is dropped right after the k-th configuration line (that line is applied).</summary>
    public volatile int DropAfterConfigLines;

    /// <summary>The device reloads right after the k-th configuration line, losing everything not saved to startup.</summary>
    public volatile int ReloadAfterConfigLines;

    /// <summary>Every reply is delayed by this much.</summary>
    public TimeSpan ReplyDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _replyDelayTicks));
        set => Interlocked.Exchange(ref _replyDelayTicks, value.Ticks);
    }

    /// <summary>
    /// The reply to every line typed in configuration mode (after <c>configure terminal</c>, up to and including <c>end</c>) is
    /// delayed by this much, on top of <see cref="ReplyDelay"/>: a device slow to take a change. Each line is applied before its
    /// late answer, so a client that dies while waiting leaves the device part-way through the change.
    /// </summary>
    public TimeSpan ConfigReplyDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _configReplyDelayTicks));
        set => Interlocked.Exchange(ref _configReplyDelayTicks, value.Ticks);
    }

    /// <summary>How late the answer to a line is, given whether the session was in configuration mode when the line came.</summary>
    public TimeSpan DelayFor(bool inConfigMode) => inConfigMode ? ReplyDelay + ConfigReplyDelay : ReplyDelay;

    /// <summary>Switches every fault off.</summary>
    public void Clear()
    {
        Unreachable = false;
        RejectConfigLine = 0;
        DropAfterConfigLines = 0;
        ReloadAfterConfigLines = 0;
        ReplyDelay = TimeSpan.Zero;
        ConfigReplyDelay = TimeSpan.Zero;
    }
}

/// <summary>
/// A stateful IOS-style router: hostname, interfaces and their state, running and startup configuration,
/// files on flash, a revert timer, an SSH host key, and faults. Thread-safe: commands from all sessions
/// are applied one at a time.
/// </summary>
public sealed class SimulatedDevice
{
    internal readonly Lock Gate = new();
    private ITimer? _revertTimer;
    private IosConfig? _revertTo;

    /// <summary>Creates a device with factory configuration; <paramref name="managementAddress"/> is put on GigabitEthernet0/0.</summary>
    public SimulatedDevice(string name, string managementAddress, TimeProvider? clock = null, int physicalPorts = 4)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(managementAddress);
        Name = name;
        Address = managementAddress;
        Clock = clock ?? TimeProvider.System;
        PhysicalPorts = physicalPorts;
        SerialNumber = "9" + Convert.ToHexString(RandomNumberGenerator.GetBytes(5));
        RotateHostKey();
        Running = IosConfig.Factory(name, physicalPorts);
        var mgmt = Running.Interfaces[0];
        mgmt.Shutdown = false;
        mgmt.Description = "management";
        if (IosConfig.TryParseIpv4(managementAddress, out _)) mgmt.Address = managementAddress + " 255.255.0.0";
        Startup = Running.Clone();
        BootTime = Clock.GetUtcNow();
    }

    /// <summary>The inventory name (also the initial hostname).</summary>
    public string Name { get; }

    /// <summary>The management address the device answers on.</summary>
    public string Address { get; }

    /// <summary>The clock the device's uptime and revert timer run on.</summary>
    public TimeProvider Clock { get; }

    /// <summary>Faults switchable at run time.</summary>
    public DeviceFaults Faults { get; } = new();

    /// <summary>The SHA-256 fingerprint of the device's current SSH host key (<c>SHA256:base64</c>).</summary>
    /// <remarks>In tier 2 it is the key of the real sshd that answers for the device (set by <c>Tier2Lab</c>).</remarks>
    public string HostKey { get; internal set; } = "";

    /// <summary>The serial number <c>show version</c> prints.</summary>
    public string SerialNumber { get; }

    /// <summary>Number of GigabitEthernet ports.</summary>
    public int PhysicalPorts { get; }

    internal int Order { get; init; }

    /// <summary>Bumped on every reload; sessions opened before it are dead.</summary>
    public int Generation { get; private set; }

    internal IosConfig Running { get; set; }
    internal IosConfig Startup { get; set; }
    internal Dictionary<string, string> Flash { get; } = new(StringComparer.Ordinal);
    internal DateTimeOffset BootTime { get; private set; }
    internal HashSet<string> LinksDown { get; } = new(StringComparer.Ordinal);

    /// <summary>The running configuration exactly as <c>show running-config</c> prints it (lines end with <c>\n</c>).</summary>
    public string RunningConfig
    {
        get { lock (Gate) return Running.RenderRunning(); }
    }

    /// <summary>The startup configuration body.</summary>
    public string StartupConfig
    {
        get { lock (Gate) return Startup.RenderBody(); }
    }

    /// <summary>The hostname currently configured.</summary>
    public string Hostname
    {
        get { lock (Gate) return Running.Hostname; }
    }

    /// <summary>True while a <c>configure terminal revert timer</c> is waiting for <c>configure confirm</c>.</summary>
    public bool RevertPending
    {
        get { lock (Gate) return _revertTo is not null; }
    }

    /// <summary>
    /// Presents a new SSH host key from now on (the "new host key" fault) in tier 1. In tier 2 the key is the
    /// sshd's: use <c>Tier2Lab.RotateHostKeyAsync</c>.
    /// </summary>
    public void RotateHostKey() => HostKey = "SHA256:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=');

    /// <summary>Cables a port up or down (line protocol follows); used for fault scenarios.</summary>
    public void SetLink(string interfaceName, bool up)
    {
        lock (Gate)
        {
            if (Running.FindInterface(interfaceName) is not { Physical: true })
                throw new ArgumentException($"{Name} has no physical interface '{interfaceName}'.");
            if (up) LinksDown.Remove(interfaceName); else LinksDown.Add(interfaceName);
        }
    }

    /// <summary>Power-cycles the device: running configuration becomes the startup configuration, sessions drop.</summary>
    public void Reload()
    {
        lock (Gate)
        {
            CancelRevert();
            Running = Startup.Clone();
            BootTime = Clock.GetUtcNow();
            Generation++;
        }
    }

    internal void ArmRevert(TimeSpan after)
    {
        CancelRevert();
        _revertTo = Running.Clone();
        _revertTimer = Clock.CreateTimer(_ => FireRevert(), null, after, Timeout.InfiniteTimeSpan);
    }

    internal bool ConfirmRevert()
    {
        var pending = _revertTo is not null;
        CancelRevert();
        return pending;
    }

    internal void CancelRevert()
    {
        _revertTimer?.Dispose();
        _revertTimer = null;
        _revertTo = null;
    }

    private void FireRevert()
    {
        lock (Gate)
        {
            if (_revertTo is null) return;
            Running = _revertTo;
            _revertTo = null;
            _revertTimer?.Dispose();
            _revertTimer = null;
        }
    }

    /// <summary>Opens a CLI conversation, as a login does (privileged mode).</summary>
    public IosCliSession OpenCli() => new(this);
}
