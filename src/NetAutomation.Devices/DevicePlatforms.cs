using NetAutomation.Devices.Platforms.Frr;
using NetAutomation.Devices.Platforms.Ios;
using NetAutomation.Devices.Ssh;

namespace NetAutomation.Devices;

/// <summary>The platform keys the device layer knows, and the one place a driver is made from a target.</summary>
public static class DevicePlatforms
{
    /// <summary>Cisco IOS-style CLI.</summary>
    public const string Ios = "ios";

    /// <summary>FRRouting's vtysh.</summary>
    public const string Frr = "frr";

    /// <summary>Every supported platform key.</summary>
    public static IReadOnlyList<string> All { get; } = [Ios, Frr];

    /// <summary>Makes the driver for <paramref name="target"/>'s platform; an unknown key is a clear error.</summary>
    public static IDeviceDriver CreateDriver(DeviceTarget target, IDeviceConnector connector, DeviceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Validate();
        options ??= new DeviceOptions();
        return target.Platform switch
        {
            Ios => new IosDriver(target, connector, options),
            Frr => new FrrDriver(target, connector, options),
            _ => throw new ArgumentException($"Device '{target.Name}' has unknown platform '{target.Platform}'; known platforms: {string.Join(", ", All)}."),
        };
    }
}

/// <summary>Makes drivers over one connector (SSH in production, the in-process lab in tests and the demo).</summary>
public sealed class DeviceDriverFactory(IDeviceConnector connector, DeviceOptions options)
{
    /// <summary>A factory over SSH.</summary>
    public static DeviceDriverFactory Ssh(DeviceOptions? options = null, IDeviceEvents? events = null)
    {
        options ??= new DeviceOptions();
        return new DeviceDriverFactory(new SshConnector(options, events ?? NoDeviceEvents.Instance), options);
    }

    /// <summary>The options drivers are made with.</summary>
    public DeviceOptions Options => options;

    /// <summary>The driver for one device.</summary>
    public IDeviceDriver Create(DeviceTarget target) => DevicePlatforms.CreateDriver(target, connector, options);
}
