namespace NetAutomation.Devices;

/// <summary>
/// Everything needed to reach one device: which CLI it speaks, where it listens, how to log in and
/// which SSH host key it is known by.
/// </summary>
/// <param name="Name">The inventory name, used in results, errors and alarms.</param>
/// <param name="Platform">The platform key, e.g. <c>ios</c> or <c>frr</c> (see <see cref="DevicePlatforms"/>).</param>
/// <param name="Host">The management address or host name.</param>
/// <param name="Port">The SSH port.</param>
/// <param name="Credentials">The login, already decrypted; it lives only in memory.</param>
/// <param name="PinnedHostKey">
/// The SHA-256 fingerprint recorded at first contact (<c>SHA256:base64</c>), or <c>null</c> when the device
/// has never been reached; a different key is refused.
/// </param>
public sealed record DeviceTarget(
    string Name,
    string Platform,
    string Host,
    int Port,
    DeviceCredentials Credentials,
    string? PinnedHostKey = null)
{
    /// <summary>Checks the fields a connector relies on and throws <see cref="ArgumentException"/> with a clear message.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name)) throw new ArgumentException("A device target needs a name.");
        if (string.IsNullOrWhiteSpace(Host)) throw new ArgumentException($"Device '{Name}' has no management address.");
        if (Port is < 1 or > 65535) throw new ArgumentException($"Device '{Name}' has an invalid SSH port {Port}.");
        if (string.IsNullOrEmpty(Credentials.Username)) throw new ArgumentException($"Device '{Name}' has no username.");
        CliText.EnsureSafe(Host, "management address");
    }
}

/// <summary>A username and password. <see cref="ToString"/> never prints the password.</summary>
public sealed record DeviceCredentials(string Username, string Password)
{
    /// <inheritdoc />
    public override string ToString() => $"{Username}/****";
}
