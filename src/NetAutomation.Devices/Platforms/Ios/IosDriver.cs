using System.Text.RegularExpressions;
using NetAutomation.Devices.Cli;

namespace NetAutomation.Devices.Platforms.Ios;

/// <summary>
/// Cisco IOS-style CLI. A change is <c>configure terminal</c>, the lines, <c>end</c>, <c>write memory</c>.
/// Rollback uses IOS's own configuration replace: before each change the running configuration is copied to
/// <see cref="RollbackFile"/> on flash, and <c>configure replace flash:... force</c> puts it back in full
/// (added lines removed, removed lines restored). A commit with a confirm timer uses
/// <c>configure terminal revert timer N</c> (whole minutes, rounded up; real IOS needs an <c>archive</c>
/// path configured): the device reverts by itself unless <c>configure confirm</c> follows.
/// IOS reads lines typed ahead of its prompt one by one and echoes each after the prompt it reads it at, so
/// the driver sends a change's lines in one write and splits the replies by those echoes
/// (<see cref="DeviceOptions.PipelineLines"/>; 1 turns this off).
/// </summary>
public sealed partial class IosDriver(DeviceTarget target, IDeviceConnector connector, DeviceOptions options)
    : CliDriver(target, connector, options)
{
    /// <summary>The flash file holding the configuration a rollback returns to.</summary>
    public const string RollbackFile = "flash:netautomation-rollback.cfg";

    /// <summary>The IOS dialect: prompts like <c>R1#</c>, <c>R1(config-if)#</c>, questions like <c>[confirm]</c>.</summary>
    public static readonly CliDialect IosDialect = new(
        PromptRegex(), QuestionRegex(), ErrorRegex());

    /// <inheritdoc />
    protected override CliDialect Dialect => IosDialect;

    /// <inheritdoc />
    protected override IReadOnlyList<string> SessionSetup { get; } = ["terminal length 0", "terminal width 0"];

    /// <inheritdoc />
    protected override bool SupportsCommitConfirm => true;

    /// <inheritdoc />
    public override async Task<DeviceFacts> GetFactsAsync(CancellationToken cancellationToken = default)
    {
        var version = await ExecAsync("show version", cancellationToken);
        return ParseFacts(version);
    }

    /// <summary>Reads the facts from <c>show version</c> output.</summary>
    internal static DeviceFacts ParseFacts(string showVersion)
    {
        var hostname = Regex.Match(showVersion, @"^(\S+) uptime is (.+)$", RegexOptions.Multiline);
        return new DeviceFacts(
            Hostname: hostname.Success ? hostname.Groups[1].Value : "",
            Vendor: "Cisco",
            Model: Regex.Match(showVersion, @"^[Cc]isco (\S+) .*(processor|bytes of memory)", RegexOptions.Multiline).Groups[1].Value,
            OsVersion: Regex.Match(showVersion, @"Version ([^,\s]+)").Groups[1].Value,
            SerialNumber: Regex.Match(showVersion, @"Processor board ID (\S+)").Groups[1].Value,
            Uptime: hostname.Success ? ParseUptime(hostname.Groups[2].Value) : null);
    }

    /// <summary>Parses IOS uptime text such as <c>1 week, 2 days, 3 hours, 4 minutes</c>.</summary>
    internal static TimeSpan ParseUptime(string text)
    {
        var total = TimeSpan.Zero;
        foreach (Match m in Regex.Matches(text, @"(\d+)\s+(year|week|day|hour|minute|second)s?"))
        {
            var n = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            total += m.Groups[2].Value switch
            {
                "year" => TimeSpan.FromDays(365 * n),
                "week" => TimeSpan.FromDays(7 * n),
                "day" => TimeSpan.FromDays(n),
                "hour" => TimeSpan.FromHours(n),
                "minute" => TimeSpan.FromMinutes(n),
                _ => TimeSpan.FromSeconds(n),
            };
        }
        return total;
    }

    /// <inheritdoc />
    protected override bool AcceptsTypeahead => true;

    /// <summary>
    /// <c>copy running-config flash:...</c> and an Enter for its <c>Destination filename [...]?</c> question, sent in
    /// the same write. A device that asks nothing reads the Enter as an empty line; one that asks more (overwrite?
    /// <c>[confirm]</c>) is answered with Enter afterwards.
    /// </summary>
    protected override IReadOnlyList<string> RollbackPointCommands { get; } = [$"copy running-config {RollbackFile}", ""];

    /// <inheritdoc />
    protected override Task EnterConfigAsync(TimeSpan? confirmWithin, CancellationToken ct) =>
        ExecAsync(confirmWithin is { } t
            ? $"configure terminal revert timer {Math.Clamp((int)Math.Ceiling(t.TotalMinutes), 1, 120)}"
            : "configure terminal", ct);

    /// <inheritdoc />
    protected override string SaveCommand => "write memory";

    /// <inheritdoc />
    protected override Task ConfirmOnDeviceAsync(CancellationToken ct) => ExecAsync("configure confirm", ct);

    /// <inheritdoc />
    protected override Task RestoreAsync(string snapshot, CancellationToken ct) =>
        ExecAsync($"configure replace {RollbackFile} force", ct);

    /// <inheritdoc />
    protected override string Comparable(string runningConfig) =>
        // Real IOS stamps these on every change; they are not configuration.
        string.Join('\n', runningConfig.Split('\n').Where(l =>
            !l.StartsWith("! Last configuration change", StringComparison.Ordinal) &&
            !l.StartsWith("! NVRAM config last updated", StringComparison.Ordinal)));

    [GeneratedRegex(@"^[\w.\-@/:+]{1,63}(\([\w.\-]+\))?[>#] ?$")]
    private static partial Regex PromptRegex();

    [GeneratedRegex(@"^.*(\[confirm\]|\]\?|\[yes/no\]:?|\(yes/no\)\??) ?$")]
    private static partial Regex QuestionRegex();

    [GeneratedRegex(@"^% ?(Invalid input.*|Incomplete command.*|Ambiguous command.*|Error.*|Bad .*|Unknown command.*|Unrecognized .*|.* overlaps with .*|.*not found.*|Not allowed.*|Cannot .*|Rollback aborted.*)$", RegexOptions.Multiline)]
    private static partial Regex ErrorRegex();
}
