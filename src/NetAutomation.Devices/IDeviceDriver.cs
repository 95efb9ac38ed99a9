namespace NetAutomation.Devices;

/// <summary>
/// The driver contract, in the spirit of NAPALM: one instance talks to one device over one session
/// (opened on first use, reopened when lost). A change follows load → compare → commit (optionally with a
/// confirm timer) → confirm, and can be undone with <see cref="RollbackAsync"/>.
/// Every method throws a <see cref="DeviceException"/> subtype with the device's name and, where the device
/// refused something, its own error text. Instances are not thread-safe: one operation at a time.
/// </summary>
public interface IDeviceDriver : IAsyncDisposable
{
    /// <summary>The device this driver talks to.</summary>
    DeviceTarget Target { get; }

    /// <summary>The fingerprint the device presented on the current session, once connected.</summary>
    string? HostKey { get; }

    /// <summary>Opens (or checks) the session; true when the device answers with its prompt.</summary>
    /// <remarks>Unlike the other methods it does not throw for an unreachable device: it returns false.</remarks>
    Task<bool> IsReachableAsync(CancellationToken cancellationToken = default);

    /// <summary>Hostname, model, OS version, serial number and uptime, parsed from the device's own output.</summary>
    Task<DeviceFacts> GetFactsAsync(CancellationToken cancellationToken = default);

    /// <summary>The running configuration exactly as the device prints it (lines joined by <c>\n</c>).</summary>
    Task<string> GetRunningConfigAsync(CancellationToken cancellationToken = default);

    /// <summary>Runs one show (exec) command and returns its output; a device error throws <see cref="DeviceCommandException"/>.</summary>
    /// <exception cref="ArgumentException">The command contains a line break or control character.</exception>
    Task<string> RunShowAsync(string command, CancellationToken cancellationToken = default);

    /// <summary>
    /// Loads a merge candidate: configuration lines in the device's own syntax, sub-mode lines indented
    /// under their parent (<c>interface X</c> then <c> description Y</c>). Nothing is sent to the device yet.
    /// </summary>
    /// <exception cref="ArgumentException">A line contains a control character, or the candidate is empty.</exception>
    void LoadMergeCandidate(string configuration);

    /// <summary>
    /// The diff the loaded candidate would apply to the current running configuration: lines it adds
    /// (<c>+</c>) and lines it removes (<c>-</c>), under their parent. Empty when the merge changes nothing.
    /// </summary>
    Task<string> CompareConfigAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes a snapshot, applies the candidate line by line and stops at the first error. On any error the
    /// device is put back to the snapshot and <see cref="CommitFailedException"/> says whether that worked.
    /// Without <paramref name="confirmWithin"/> the change is saved to startup. With it, the device itself
    /// reverts after that time unless <see cref="ConfirmCommitAsync"/> is called (platforms that cannot do this
    /// throw <see cref="NotSupportedException"/>).
    /// </summary>
    Task<CommitResult> CommitAsync(TimeSpan? confirmWithin = null, CancellationToken cancellationToken = default);

    /// <summary>Confirms a commit made with a confirm timer and saves it.</summary>
    Task ConfirmCommitAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Disarms a revert timer that an earlier session armed and never confirmed (it died): the device keeps its
    /// running configuration as it is now. Does nothing on platforms without revert timers.
    /// </summary>
    Task DisarmRevertAsync(CancellationToken cancellationToken = default);

    /// <summary>Forgets the loaded candidate. Nothing on the device changes.</summary>
    void DiscardConfig();

    /// <summary>
    /// Puts the running configuration back to the snapshot taken by the last <see cref="CommitAsync"/>,
    /// verifies it is identical and saves it. Throws <see cref="RollbackFailedException"/> if it is not.
    /// </summary>
    Task RollbackAsync(CancellationToken cancellationToken = default);
}

/// <summary>Basic facts about a device, as NAPALM's <c>get_facts</c>.</summary>
public sealed record DeviceFacts(string Hostname, string Vendor, string Model, string OsVersion, string SerialNumber, TimeSpan? Uptime);

/// <summary>The outcome of a successful commit.</summary>
/// <param name="Changed">True when the running configuration differs from the snapshot.</param>
/// <param name="Diff">The running configuration diff, <c>-</c>/<c>+</c> lines.</param>
/// <param name="Snapshot">The running configuration before the change (what a rollback restores).</param>
/// <param name="PendingConfirm">True when the device will revert unless the commit is confirmed.</param>
public sealed record CommitResult(bool Changed, string Diff, string Snapshot, bool PendingConfirm);

/// <summary>Timeouts and retry policy shared by drivers and connectors.</summary>
public sealed class DeviceOptions
{
    /// <summary>How long one command may take before the device is considered stuck.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>TCP connect plus SSH handshake timeout, per attempt.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many times a connection is attempted (a busy sshd drops connections at start-up).</summary>
    public int ConnectAttempts { get; set; } = 5;

    /// <summary>The first backoff delay; it doubles each attempt, with random jitter of up to the same amount.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest backoff delay.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long rollback verification polls for the running configuration to settle.</summary>
    public TimeSpan SettleTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many configuration lines a commit sends in one write, without waiting for the prompt after each, on a
    /// platform whose CLI reads typeahead (IOS). Every reply is still checked and attributed to its line. 1 sends
    /// one line at a time and waits for each reply (for a device that loses or misechoes typed-ahead input).
    /// </summary>
    public int PipelineLines { get; set; } = 50;

    /// <summary>
    /// The SSH key exchange algorithms offered, most preferred first (e.g. <c>curve25519-sha256</c>); null or empty
    /// offers SSH.NET's own list. That list starts with post-quantum hybrids (<c>mlkem768x25519-sha256</c>,
    /// <c>sntrup761x25519-sha512</c>), which cost about 60 ms more client CPU per login than
    /// <c>curve25519-sha256</c> when the device supports them; most network devices do not. A name SSH.NET does not
    /// know is refused with <see cref="ArgumentException"/>.
    /// </summary>
    public IList<string>? KeyExchangeAlgorithms { get; set; }
}
