using System.Text.RegularExpressions;
using NetAutomation.Devices.Cli;

namespace NetAutomation.Devices.Platforms.Frr;

/// <summary>
/// FRRouting's <c>vtysh</c>. A change is <c>configure terminal</c>, the lines, <c>end</c>, <c>write memory</c>.
/// vtysh has no configuration replace, so rollback works as <c>frr-reload.py</c> does: the running
/// configuration is compared with the snapshot as a tree, added lines are negated, removed lines re-added,
/// and the result is polled until it equals the snapshot (daemons apply asynchronously).
/// A confirm timer is not offered: vtysh cannot revert by itself.
/// </summary>
public sealed partial class FrrDriver(DeviceTarget target, IDeviceConnector connector, DeviceOptions options)
    : CliDriver(target, connector, options)
{
    /// <summary>The vtysh dialect.</summary>
    public static readonly CliDialect FrrDialect = new(PromptRegex(), QuestionRegex(), ErrorRegex());

    /// <inheritdoc />
    protected override CliDialect Dialect => FrrDialect;

    /// <inheritdoc />
    protected override IReadOnlyList<string> SessionSetup { get; } = ["terminal length 0"];

    /// <inheritdoc />
    public override async Task<DeviceFacts> GetFactsAsync(CancellationToken cancellationToken = default)
    {
        var version = await ExecAsync("show version", cancellationToken);
        var head = Regex.Match(version, @"FRRouting (\S+) \((\S+)\)");
        // show version names the host vtysh runs on; the router's own name is its configured hostname.
        var configured = Regex.Match(await GetRunningConfigAsync(cancellationToken), @"^hostname (\S+)$", RegexOptions.Multiline);
        var hostname = configured.Success ? configured.Groups[1].Value : head.Groups[2].Value;
        // vtysh prints no serial number, model or uptime: those stay empty rather than invented.
        return new DeviceFacts(hostname, "FRRouting", "FRRouting", head.Groups[1].Value, "", null);
    }

    /// <inheritdoc />
    protected override bool IsHeaderLine(string line) =>
        base.IsHeaderLine(line) || line.StartsWith("frr version", StringComparison.Ordinal) || line.StartsWith("frr defaults", StringComparison.Ordinal);

    /// <inheritdoc />
    protected override Task EnterConfigAsync(TimeSpan? confirmWithin, CancellationToken ct) => ExecAsync("configure terminal", ct);

    /// <inheritdoc />
    protected override string SaveCommand => "write memory";

    /// <inheritdoc />
    protected override async Task RestoreAsync(string snapshot, CancellationToken ct)
    {
        var current = await GetRunningConfigAsync(ct);
        var commands = ConfigNode.RestoreCommands(ConfigNode.Parse(current, IsHeaderLine), ConfigNode.Parse(snapshot, IsHeaderLine));
        if (commands.Count == 0) return;
        await ExecAsync("configure terminal", ct);
        foreach (var group in commands)
        {
            foreach (var line in group) await ExecAsync(line, ct);
            for (var i = 1; i < group.Length; i++) await ExecAsync("exit", ct);
        }
        await ExecAsync("end", ct);
    }

    [GeneratedRegex(@"^[\w.\-]{1,63}(\([\w.\-]+\))?[>#] ?$")]
    private static partial Regex PromptRegex();

    [GeneratedRegex(@"^.*\[(yes/no|y/n|confirm)\][:?]? ?$")]
    private static partial Regex QuestionRegex();

    [GeneratedRegex(@"^% ?\S.*$", RegexOptions.Multiline)]
    private static partial Regex ErrorRegex();
}
