namespace NetAutomation.Devices;

/// <summary>Base of every error the device layer reports; <see cref="Device"/> names the device.</summary>
public class DeviceException(string device, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The inventory name of the device.</summary>
    public string Device { get; } = device;
}

/// <summary>No SSH conversation could be started (no route, refused, name not resolved, timed out) after the retries.</summary>
public sealed class DeviceUnreachableException(string device, string message, Exception? inner = null)
    : DeviceException(device, message, inner);

/// <summary>The device refused the login.</summary>
public sealed class DeviceAuthenticationException(string device, string message, Exception? inner = null)
    : DeviceException(device, message, inner);

/// <summary>The device presented a host key different from the pinned one; nothing was sent to it.</summary>
public sealed class HostKeyMismatchException(string device, string pinned, string presented)
    : DeviceException(device, $"{device}: host key changed (pinned {pinned}, presented {presented}); session refused")
{
    /// <summary>The fingerprint on record.</summary>
    public string Pinned { get; } = pinned;

    /// <summary>The fingerprint the device presented.</summary>
    public string Presented { get; } = presented;
}

/// <summary>The device did not answer a command with its prompt within the command timeout.</summary>
public sealed class DeviceTimeoutException(string device, string command, TimeSpan timeout)
    : DeviceException(device, $"{device}: no prompt within {timeout.TotalSeconds:0.###} s after '{command}'")
{
    /// <summary>The command that got no answer.</summary>
    public string Command { get; } = command;
}

/// <summary>The session ended while the device layer was talking to the device.</summary>
public sealed class DeviceConnectionLostException(string device, string message, Exception? inner = null)
    : DeviceException(device, message, inner);

/// <summary>
/// The device answered a command with its own error text (<c>% Invalid input ...</c>).
/// <see cref="LineNumber"/> is the 1-based line of the candidate when the command was a configuration line.
/// </summary>
public sealed class DeviceCommandException(string device, string command, string deviceMessage, int? lineNumber = null)
    : DeviceException(device, lineNumber is { } n
        ? $"{device}: line {n} '{command}' rejected: {deviceMessage}"
        : $"{device}: '{command}' rejected: {deviceMessage}")
{
    /// <summary>The command or configuration line the device refused.</summary>
    public string Command { get; } = command;

    /// <summary>The device's own error text.</summary>
    public string DeviceMessage { get; } = deviceMessage;

    /// <summary>The 1-based candidate line, when a configuration line was refused.</summary>
    public int? LineNumber { get; } = lineNumber;
}

/// <summary>
/// A commit failed. <see cref="RolledBack"/> tells whether the device was put back to its snapshot
/// (and verified equal); <see cref="Cause"/> holds the cause.
/// </summary>
public sealed class CommitFailedException(string device, bool rolledBack, DeviceException cause, string? rollbackError = null)
    : DeviceException(device,
        rolledBack
            ? $"{cause.Message} (change rolled back, running configuration equals the snapshot)"
            : $"{cause.Message} (ROLLBACK FAILED: {rollbackError})",
        cause)
{
    /// <summary>True when the running configuration was restored and verified equal to the snapshot.</summary>
    public bool RolledBack { get; } = rolledBack;

    /// <summary>The error that stopped the change.</summary>
    public DeviceException Cause { get; } = cause;
}

/// <summary>Rolling back did not bring the running configuration back to the snapshot.</summary>
public sealed class RollbackFailedException(string device, string message, Exception? inner = null)
    : DeviceException(device, message, inner);
