using NetAutomation.Devices;

namespace NetAutomation.DeviceLab.Tier2;

/// <summary>
/// Tier 2: N simulated IOS devices, each with its own management address, behind ONE real OpenSSH server in
/// a network namespace. The client dials 10.X.Y.Z:22 over real TCP; sshd's ForceCommand wrapper reads the
/// dialled address from <c>$SSH_CONNECTION</c> and joins the session to that device's socket.
/// All devices share that sshd's host key until <see cref="RotateHostKeyAsync"/> gives one its own: the device's
/// address is then diverted to a side namespace where a second sshd, with a new key, answers for it alone.
/// Needs root. Everything it makes is named with <see cref="Prefix"/> and removed on dispose.
/// </summary>
public sealed class Tier2Lab : IAsyncDisposable
{
    private LabNamespace? _ns;
    private LabSshd? _sshd;
    private SocketCliServer? _server;
    private readonly Dictionary<SimulatedDevice, LabSshd> _ownKeys = [];
    private readonly SemaphoreSlim _rotating = new(1, 1);

    private Tier2Lab(string prefix, string directory, IReadOnlyList<SimulatedDevice> devices)
    {
        Prefix = prefix;
        Directory = directory;
        Devices = devices;
    }

    /// <summary>The name prefix of everything this lab made (namespace, user, directory).</summary>
    public string Prefix { get; }

    /// <summary>The lab's working directory.</summary>
    public string Directory { get; }

    /// <summary>The simulated devices, in address order.</summary>
    public IReadOnlyList<SimulatedDevice> Devices { get; }

    /// <summary>The login every device accepts.</summary>
    public DeviceCredentials Credentials => new(_sshd!.User, _sshd.Password);

    /// <summary>The host key of the shared sshd, which every device presents until its key is rotated.</summary>
    public string HostKey => _sshd!.HostKey;

    /// <summary>The namespace name.</summary>
    public string Namespace => _ns!.Name;

    /// <summary>The shared sshd's PID.</summary>
    public int SshdPid => _sshd!.Pid;

    /// <summary>The PIDs of the sshds serving devices whose key was rotated, by device.</summary>
    public IReadOnlyDictionary<SimulatedDevice, int> RotatedKeySshdPids
    {
        get { lock (_ownKeys) return _ownKeys.ToDictionary(p => p.Key, p => p.Value.Pid); }
    }

    /// <summary>Starts a lab of <paramref name="deviceCount"/> devices. <paramref name="prefix"/> defaults to <c>natest-XXXXXX</c>.</summary>
    public static async Task<Tier2Lab> StartAsync(int deviceCount, string? prefix = null, CancellationToken ct = default)
    {
        if (deviceCount is < 1 or > 30000) throw new ArgumentOutOfRangeException(nameof(deviceCount), "A tier-2 lab has 1 to 30000 devices.");
        LabHost.RequireRoot("The tier-2 device lab", "/usr/sbin/sshd", "/usr/bin/socat", "/usr/sbin/ip", "/usr/bin/ssh-keygen", "/usr/sbin/useradd");
        prefix ??= "natest-" + LabHost.RandomSuffix();
        if (prefix.Length > 24 || !System.Text.RegularExpressions.Regex.IsMatch(prefix, "^[a-z][a-z0-9-]*$"))
            throw new ArgumentException("The lab prefix must be lowercase letters, digits and dashes, at most 24 characters.");
        var directory = Path.Combine(Path.GetTempPath(), prefix);
        System.IO.Directory.CreateDirectory(directory);
        // sshd runs the wrapper as the lab user, who must be able to reach the sockets.
        LabHost.Chmod(directory, (UnixFileMode)0b111_101_101);
        var lab = new Tier2Lab(prefix, directory, []);
        try
        {
            lab._ns = LabNamespace.Create(prefix);
            var devices = Enumerable.Range(0, deviceCount)
                .Select(i => new SimulatedDevice($"{prefix}-r{i + 1}", lab._ns.DeviceAddress(i))).ToList();
            lab = new Tier2Lab(prefix, directory, devices) { _ns = lab._ns };
            lab._server = new SocketCliServer(directory, devices);
            var wrapper = Path.Combine(directory, "device-shell.sh");
            await File.WriteAllTextAsync(wrapper, $$"""
                #!/bin/sh
                # ForceCommand of the tier-2 lab: join this SSH session to the device that owns the dialled address.
                # Every login of every client runs this, so it starts no process but socat, which replaces the shell:
                # the shell itself splits $SSH_CONNECTION (the dialled address is its third field) and socat sets the
                # terminal raw. A one-shot command goes to the device's .exec socket and ends the session there.
                set -f
                set -- $SSH_CONNECTION
                ip=$3
                dir={{directory}}
                if [ ! -S "$dir/$ip.sock" ]; then echo "% No device at $ip"; exit 1; fi
                if [ -n "$SSH_ORIGINAL_COMMAND" ]; then
                  exec socat - "UNIX-CONNECT:$dir/$ip.exec" <<EOF
                $SSH_ORIGINAL_COMMAND
                EOF
                fi
                # Raw terminal: the device echoes and edits the line itself, as a router does.
                [ -t 0 ] && exec socat STDIO,cfmakeraw "UNIX-CONNECT:$dir/$ip.sock"
                exec socat - "UNIX-CONNECT:$dir/$ip.sock"

                """, ct);
            LabHost.Chmod(wrapper, (UnixFileMode)0b111_101_101);
            lab._sshd = await LabSshd.StartAsync(lab._ns, Path.Combine(directory, "sshd"), prefix.Replace("-", ""), wrapper,
                probeAddress: devices[0].Address, ct: ct);
            foreach (var d in devices) d.HostKey = lab._sshd.HostKey;
            return lab;
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }
    }

    /// <summary>A driver target for a device; the key it presents now is pinned unless <paramref name="pin"/> is false.</summary>
    public DeviceTarget TargetFor(SimulatedDevice device, bool pin = true) =>
        new(device.Name, DevicePlatforms.Ios, device.Address, 22, Credentials, pin ? device.HostKey : null);

    /// <summary>
    /// The "new host key" fault over real SSH: from now on the device is answered by an sshd of its own with a
    /// freshly generated key (<see cref="SimulatedDevice.HostKey"/> then holds its fingerprint). The device, its
    /// sockets and its configuration stay the same. Rotating again replaces that sshd with one with another key.
    /// </summary>
    public async Task RotateHostKeyAsync(SimulatedDevice device, CancellationToken ct = default)
    {
        if (!Devices.Contains(device)) throw new ArgumentException($"{device.Name} is not a device of lab {Prefix}.", nameof(device));
        await _rotating.WaitAsync(ct);
        try
        {
            LabSshd? old;
            lock (_ownKeys) _ownKeys.Remove(device, out old);
            // The old sshd must free the address before the new one binds it.
            old?.Dispose();
            _ns!.Divert(device.Address);
            var sshd = await _sshd!.StartSiblingAsync(_ns.SideName, Path.Combine(Directory, "keys", device.Address), device.Address, ct);
            lock (_ownKeys) _ownKeys[device] = sshd;
            device.HostKey = sshd.HostKey;
        }
        finally
        {
            _rotating.Release();
        }
    }

    /// <summary>Makes a device unreachable at the network level (its address answers ICMP prohibited).</summary>
    public void SetUnreachable(SimulatedDevice device, bool unreachable) => _ns!.SetUnreachable(device.Address, unreachable);

    /// <summary>Stops every sshd and the sockets, deletes the user, namespaces, routes and files.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_ownKeys)
        {
            foreach (var sshd in _ownKeys.Values) sshd.Dispose();
            _ownKeys.Clear();
        }
        _sshd?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        _ns?.Dispose();
        _rotating.Dispose();
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
    }
}
