namespace NetAutomation.Devices;

/// <summary>
/// Receives what the device layer observes that the rest of the portal must record or alarm on.
/// Core implements it (store the first key on the device, raise an alarm event on a changed one).
/// </summary>
public interface IDeviceEvents
{
    /// <summary>A device without a pinned key presented this one; the caller should record it as the pin.</summary>
    ValueTask HostKeyFirstSeenAsync(DeviceTarget target, string fingerprint);

    /// <summary>A device presented a key different from its pin; the session was refused. This is an alarm.</summary>
    ValueTask HostKeyChangedAsync(DeviceTarget target, string pinned, string presented);
}

/// <summary>Events that go nowhere, for callers that pin keys themselves.</summary>
public sealed class NoDeviceEvents : IDeviceEvents
{
    /// <summary>The shared instance.</summary>
    public static readonly NoDeviceEvents Instance = new();

    /// <inheritdoc />
    public ValueTask HostKeyFirstSeenAsync(DeviceTarget target, string fingerprint) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public ValueTask HostKeyChangedAsync(DeviceTarget target, string pinned, string presented) => ValueTask.CompletedTask;
}

/// <summary>
/// Trust on first use, then pinning: the one rule every connector applies to the key a device presents.
/// </summary>
public static class HostKeyPolicy
{
    /// <summary>Puts a fingerprint in the one form we store: <c>SHA256:</c> and unpadded base64.</summary>
    public static string Normalize(string fingerprint)
    {
        var fp = fingerprint.Trim();
        if (fp.StartsWith("SHA256:", StringComparison.Ordinal)) fp = fp[7..];
        return "SHA256:" + fp.TrimEnd('=');
    }

    /// <summary>
    /// Returns true when the presented key may be used. A first key is reported for recording; a changed key
    /// raises the alarm and returns false (the connector then throws <see cref="HostKeyMismatchException"/>).
    /// </summary>
    public static async ValueTask<bool> CheckAsync(DeviceTarget target, string presented, IDeviceEvents events)
    {
        presented = Normalize(presented);
        if (target.PinnedHostKey is null)
        {
            await events.HostKeyFirstSeenAsync(target, presented);
            return true;
        }
        var pinned = Normalize(target.PinnedHostKey);
        if (string.Equals(pinned, presented, StringComparison.Ordinal)) return true;
        await events.HostKeyChangedAsync(target, pinned, presented);
        return false;
    }
}
