using System.Text.RegularExpressions;

namespace NetAutomation.Devices;

/// <summary>
/// One interactive CLI conversation with a device: send a line, get back what the device printed before its
/// next prompt. SSH (<c>SshConnector</c>) and the in-process simulator (tier 1) both implement it, so a driver
/// cannot tell them apart.
/// </summary>
public interface IDeviceSession : IAsyncDisposable
{
    /// <summary>The prompt the device printed last, e.g. <c>R1(config-if)#</c>.</summary>
    string Prompt { get; }

    /// <summary>False once the device or the network ended the session.</summary>
    bool IsOpen { get; }

    /// <summary>The SHA-256 fingerprint of the key the device presented, as <c>SHA256:base64</c>.</summary>
    string HostKey { get; }

    /// <summary>
    /// Sends one line and waits for the next prompt or question (e.g. <c>Destination filename [x]?</c>).
    /// Throws <see cref="DeviceTimeoutException"/> when neither comes within <paramref name="timeout"/> and
    /// <see cref="DeviceConnectionLostException"/> when the session ends first.
    /// </summary>
    /// <returns>The device output without the echoed line and without the prompt, lines joined by <c>\n</c>.</returns>
    Task<CliReply> SendAsync(string line, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends several lines as typeahead, without waiting for a prompt between them, and returns one reply per
    /// line, in order. The device reads and runs them one by one as if each had been typed at its prompt, so a
    /// line after a failing one still runs (the caller must undo the lot), and a line sent while the device asks
    /// a question is read as the answer. <paramref name="timeout"/> applies to each reply. The default sends the
    /// lines one at a time with <see cref="SendAsync"/>, which is what a device reading typeahead does with them.
    /// </summary>
    /// <returns>One reply per line; an exception (timeout, session lost) instead if any reply does not come.</returns>
    async Task<IReadOnlyList<CliReply>> SendBatchAsync(IReadOnlyList<string> lines, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var replies = new List<CliReply>(lines.Count);
        foreach (var line in lines) replies.Add(await SendAsync(line, timeout, cancellationToken));
        return replies;
    }
}

/// <summary>What the device printed after one line.</summary>
/// <param name="Output">Output between the echoed line and the prompt, lines joined by <c>\n</c>.</param>
/// <param name="Prompt">The prompt (or question) that ended the output.</param>
/// <param name="IsQuestion">True when the device is asking a question rather than showing its prompt.</param>
public sealed record CliReply(string Output, string Prompt, bool IsQuestion);

/// <summary>Opens sessions to devices. One per transport: SSH, or the in-process lab.</summary>
public interface IDeviceConnector
{
    /// <summary>
    /// Opens a session and waits for the first prompt. Applies host-key pinning and, for network transports,
    /// retries with backoff. Throws <see cref="DeviceUnreachableException"/>, <see cref="DeviceAuthenticationException"/>
    /// or <see cref="HostKeyMismatchException"/>.
    /// </summary>
    Task<IDeviceSession> OpenAsync(DeviceTarget target, CliDialect dialect, CancellationToken cancellationToken = default);
}

/// <summary>How a platform's CLI looks: its prompts, its questions and its error messages.</summary>
/// <param name="Prompt">Matches a whole prompt line (anchored).</param>
/// <param name="Question">Matches a whole question line the device waits on (anchored).</param>
/// <param name="Errors">Matches the device's error text anywhere in the output of a command.</param>
public sealed record CliDialect(Regex Prompt, Regex Question, Regex Errors);
