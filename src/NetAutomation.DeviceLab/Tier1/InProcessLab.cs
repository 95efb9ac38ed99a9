using System.Collections.Concurrent;
using NetAutomation.Devices;

namespace NetAutomation.DeviceLab;

/// <summary>
/// Tier 1: simulated devices in this process behind the same <see cref="IDeviceConnector"/> as SSH, so
/// drivers, fan-out and everything above run unchanged. Fast and deterministic, with faults.
/// Used by unit tests and by the portal's embedded demo network.
/// </summary>
public sealed class InProcessLab(IDeviceEvents? events = null, TimeProvider? clock = null) : IDeviceConnector
{
    private readonly ConcurrentDictionary<string, SimulatedDevice> _byAddress = new(StringComparer.OrdinalIgnoreCase);
    private readonly IDeviceEvents _events = events ?? NoDeviceEvents.Instance;

    /// <summary>The login every lab device accepts.</summary>
    public DeviceCredentials Credentials { get; } = new("lab", "lab-secret");

    /// <summary>The clock the devices run on (a fake one lets tests run revert timers instantly).</summary>
    public TimeProvider Clock { get; } = clock ?? TimeProvider.System;

    /// <summary>All devices, in the order they were added.</summary>
    public IReadOnlyList<SimulatedDevice> Devices => [.. _byAddress.Values.OrderBy(d => d.Order)];

    /// <summary>Adds a device answering on <paramref name="address"/>.</summary>
    public SimulatedDevice Add(string name, string address)
    {
        var device = new SimulatedDevice(name, address, Clock) { Order = _byAddress.Count };
        if (!_byAddress.TryAdd(address, device)) throw new ArgumentException($"The lab already has a device at {address}.");
        return device;
    }

    /// <summary>Adds <paramref name="count"/> devices named <c>{prefix}1..N</c> at 10.0.x.y.</summary>
    public IReadOnlyList<SimulatedDevice> AddMany(int count, string prefix = "R") =>
        [.. Enumerable.Range(0, count).Select(i => Add($"{prefix}{i + 1}", $"10.0.{i / 250}.{i % 250 + 1}"))];

    /// <summary>The device at an address, or null.</summary>
    public SimulatedDevice? Find(string address) => _byAddress.GetValueOrDefault(address);

    /// <summary>A driver target for a device, optionally with its key pinned.</summary>
    public DeviceTarget TargetFor(SimulatedDevice device, bool pinHostKey = true) =>
        new(device.Name, DevicePlatforms.Ios, device.Address, 22, Credentials, pinHostKey ? device.HostKey : null);

    /// <summary>A driver factory whose drivers talk to this lab.</summary>
    public DeviceDriverFactory Drivers(DeviceOptions? options = null) => new(this, options ?? new DeviceOptions());

    /// <inheritdoc />
    public async Task<IDeviceSession> OpenAsync(DeviceTarget target, CliDialect dialect, CancellationToken cancellationToken = default)
    {
        target.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        if (target.Platform != DevicePlatforms.Ios)
            throw new DeviceUnreachableException(target.Name, $"{target.Name}: the in-process lab simulates ios devices only, not '{target.Platform}'");
        var device = Find(target.Host)
            ?? throw new DeviceUnreachableException(target.Name, $"{target.Name}: unknown host '{target.Host}' (no lab device there)");
        if (device.Faults.Unreachable)
            throw new DeviceUnreachableException(target.Name, $"{target.Name}: cannot reach {target.Host}:{target.Port} (HostUnreachable)");
        var presented = device.HostKey;
        if (!await HostKeyPolicy.CheckAsync(target, presented, _events))
            throw new HostKeyMismatchException(target.Name, HostKeyPolicy.Normalize(target.PinnedHostKey!), presented);
        if (target.Credentials.Username != Credentials.Username || target.Credentials.Password != Credentials.Password)
            throw new DeviceAuthenticationException(target.Name, $"{target.Name}: {target.Host} refused the login for user '{target.Credentials.Username}' (wrong username or password)");
        return new InProcessSession(target.Name, device.OpenCli(), presented);
    }

    private sealed class InProcessSession(string name, IosCliSession cli, string hostKey) : IDeviceSession
    {
        private bool _open = true;

        public string Prompt => cli.Prompt;

        public bool IsOpen => _open && cli.Alive;

        public string HostKey => hostKey;

        public async Task<CliReply> SendAsync(string line, TimeSpan timeout, CancellationToken cancellationToken = default)
        {
            CliText.EnsureSafe(line, "command");
            if (!IsOpen) throw new DeviceConnectionLostException(name, $"{name}: session is closed");
            var configuring = cli.InConfigMode;
            var result = cli.Execute(line);
            var delay = cli.Device.Faults.DelayFor(configuring);
            if (delay > TimeSpan.Zero)
            {
                // The device did the work; only its answer is late, as with a slow real device.
                if (delay >= timeout)
                {
                    await Task.Delay(timeout, cancellationToken);
                    _open = false;
                    throw new DeviceTimeoutException(name, line, timeout);
                }
                await Task.Delay(delay, cancellationToken);
            }
            if (result.Drop)
            {
                _open = false;
                throw new DeviceConnectionLostException(name, $"{name}: the device closed the session after '{line}'");
            }
            if (result.Close) _open = false;
            return new CliReply(result.Output.TrimEnd('\n'), cli.Prompt, cli.Asking);
        }

        public ValueTask DisposeAsync()
        {
            _open = false;
            return ValueTask.CompletedTask;
        }
    }
}
