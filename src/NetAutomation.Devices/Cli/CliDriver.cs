namespace NetAutomation.Devices.Cli;

/// <summary>
/// What every CLI driver shares: one lazily opened session, error detection on every reply, and the
/// snapshot → apply → verify → restore flow of a commit. Platforms fill in their commands.
/// </summary>
/// <remarks>
/// A commit costs few round trips on a platform that reads typeahead (<see cref="AcceptsTypeahead"/>): the
/// snapshot and the rollback point go in one write (with the session setup, when the session is new),
/// <c>configure terminal</c> in its own (so that no line can run
/// outside configuration mode), the lines and <c>end</c> in one write per <see cref="DeviceOptions.PipelineLines"/>,
/// and the second snapshot (for the diff) with the save in one write. Every reply is still read and checked in
/// order, so a failing line is reported with its number and the device's message; the lines sent after it have run
/// too, which changes nothing for the outcome, because any failure restores the whole snapshot.
/// </remarks>
public abstract class CliDriver(DeviceTarget target, IDeviceConnector connector, DeviceOptions options) : IDeviceDriver
{
    private IDeviceSession? _session;
    private IReadOnlyList<string>? _candidate;
    private string? _snapshot;
    private bool _pendingConfirm;

    /// <inheritdoc />
    public DeviceTarget Target { get; } = target;

    /// <inheritdoc />
    public string? HostKey => _session?.HostKey;

    /// <summary>The timeouts and retry policy in use.</summary>
    protected DeviceOptions Options { get; } = options;

    /// <summary>The platform's prompts and error messages.</summary>
    protected abstract CliDialect Dialect { get; }

    /// <summary>Commands run once per session before anything else (paging off, width).</summary>
    protected abstract IReadOnlyList<string> SessionSetup { get; }

    /// <summary>
    /// Whether the CLI reads lines typed ahead of its prompt one by one, echoing each after the prompt it was read
    /// at (IOS does; the default is false, which sends one line at a time and waits for each reply).
    /// </summary>
    protected virtual bool AcceptsTypeahead => false;

    /// <summary>The command that prints the running configuration.</summary>
    protected virtual string RunningConfigCommand => "show running-config";

    /// <summary>The command that saves the running configuration to startup.</summary>
    protected abstract string SaveCommand { get; }

    /// <summary>Whether the device itself can revert a commit that is not confirmed in time.</summary>
    protected virtual bool SupportsCommitConfirm => false;

    /// <inheritdoc />
    public abstract Task<DeviceFacts> GetFactsAsync(CancellationToken cancellationToken = default);

    /// <inheritdoc />
    public Task<string> GetRunningConfigAsync(CancellationToken cancellationToken = default) =>
        ExecAsync(RunningConfigCommand, cancellationToken);

    /// <summary>
    /// Commands that make the device able to return to its current configuration by itself (IOS: a copy on
    /// flash), run with the snapshot before a change. An empty command answers the question before it with Enter.
    /// </summary>
    protected virtual IReadOnlyList<string> RollbackPointCommands => [];

    /// <summary>Enters configuration mode, arming the device's revert timer when <paramref name="confirmWithin"/> is set.</summary>
    protected abstract Task EnterConfigAsync(TimeSpan? confirmWithin, CancellationToken ct);

    /// <summary>Stops the device's revert timer, keeping the change.</summary>
    protected virtual Task ConfirmOnDeviceAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>Sends the platform's commands that bring the running configuration back to <paramref name="snapshot"/>.</summary>
    protected abstract Task RestoreAsync(string snapshot, CancellationToken ct);

    /// <summary>Removes lines that change without a configuration change (timestamps) before comparing configurations.</summary>
    protected virtual string Comparable(string runningConfig) => runningConfig;

    /// <summary>Lines of the running configuration that are not configuration (headers), skipped when parsed as a tree.</summary>
    protected virtual bool IsHeaderLine(string line) =>
        line.StartsWith("Building configuration", StringComparison.Ordinal) || line.StartsWith("Current configuration", StringComparison.Ordinal);

    /// <inheritdoc />
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await SendAsync("", cancellationToken);
            return true;
        }
        catch (Exception e) when (e is DeviceUnreachableException or DeviceTimeoutException or DeviceConnectionLostException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<string> RunShowAsync(string command, CancellationToken cancellationToken = default)
    {
        CliText.EnsureSafe(command, "show command");
        var trimmed = command.Trim();
        // Only show commands: anything else could change the device or ask a question the caller cannot answer.
        if (!(trimmed.StartsWith("show ", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("sh ", StringComparison.OrdinalIgnoreCase)))
            throw new ArgumentException($"Only show commands may be run this way, not '{trimmed}'.");
        return await ExecAsync(trimmed, cancellationToken);
    }

    /// <inheritdoc />
    public void LoadMergeCandidate(string configuration)
    {
        var lines = CliText.SplitConfig(configuration);
        if (lines.Count == 0) throw new ArgumentException("The candidate configuration has no lines.");
        _candidate = lines;
    }

    /// <inheritdoc />
    public void DiscardConfig() => _candidate = null;

    /// <inheritdoc />
    public async Task<string> CompareConfigAsync(CancellationToken cancellationToken = default)
    {
        var candidate = _candidate ?? throw new InvalidOperationException($"{Target.Name}: no candidate loaded; call LoadMergeCandidate first.");
        var running = await GetRunningConfigAsync(cancellationToken);
        return ConfigNode.PredictMerge(ConfigNode.Parse(running, IsHeaderLine), ConfigNode.Parse(string.Join('\n', candidate)));
    }

    /// <inheritdoc />
    public async Task<CommitResult> CommitAsync(TimeSpan? confirmWithin = null, CancellationToken cancellationToken = default)
    {
        var lines = _candidate ?? throw new InvalidOperationException($"{Target.Name}: no candidate loaded; call LoadMergeCandidate first.");
        if (confirmWithin is { } c && (c <= TimeSpan.Zero || !SupportsCommitConfirm))
            throw c <= TimeSpan.Zero
                ? new ArgumentOutOfRangeException(nameof(confirmWithin), "The confirm time must be positive.")
                : new NotSupportedException($"{Target.Name}: platform '{Target.Platform}' cannot revert a commit by itself; commit without a confirm timer.");
        if (_pendingConfirm) throw new InvalidOperationException($"{Target.Name}: the previous commit is waiting for confirmation.");

        // The snapshot and the rollback point in one write: both only read the running configuration.
        var before = (await ExecBatchAsync([RunningConfigCommand, .. RollbackPointCommands], cancellationToken))[0];
        _snapshot = before;
        try
        {
            await EnterConfigAsync(confirmWithin, cancellationToken);
            await SendConfigLinesAsync(lines, cancellationToken);
        }
        catch (Exception e) when (e is DeviceException and not HostKeyMismatchException || e is OperationCanceledException)
        {
            // Whatever stopped the change, the device must end up as it was: restore, verify, and report both.
            var cause = e as DeviceException ?? new DeviceConnectionLostException(Target.Name, $"{Target.Name}: change cancelled", e);
            try
            {
                await LeaveConfigQuietlyAsync();
                await RestoreAndVerifyAsync(before, CancellationToken.None);
            }
            catch (Exception rollbackError)
            {
                throw new CommitFailedException(Target.Name, rolledBack: false, cause, rollbackError.Message);
            }
            if (e is OperationCanceledException) throw;
            throw new CommitFailedException(Target.Name, rolledBack: true, cause);
        }

        // The device's real configuration after the change, for the diff, and the save (unless a confirm is pending) in one write.
        var after = (await ExecBatchAsync(confirmWithin is null ? [RunningConfigCommand, SaveCommand] : [RunningConfigCommand], cancellationToken))[0];
        if (confirmWithin is not null) _pendingConfirm = true;
        _candidate = null;
        return new CommitResult(Comparable(after) != Comparable(before), CliText.Diff(before, after), before, _pendingConfirm);
    }

    /// <inheritdoc />
    public async Task ConfirmCommitAsync(CancellationToken cancellationToken = default)
    {
        if (!_pendingConfirm) throw new InvalidOperationException($"{Target.Name}: no commit is waiting for confirmation.");
        await ConfirmOnDeviceAsync(cancellationToken);
        await ExecAsync(SaveCommand, cancellationToken);
        _pendingConfirm = false;
    }

    /// <inheritdoc />
    public async Task DisarmRevertAsync(CancellationToken cancellationToken = default)
    {
        if (SupportsCommitConfirm) await ConfirmOnDeviceAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task RollbackAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = _snapshot ?? throw new InvalidOperationException($"{Target.Name}: nothing to roll back; no commit was made by this driver.");
        await RestoreAndVerifyAsync(snapshot, cancellationToken);
        await ExecAsync(SaveCommand, cancellationToken);
        _pendingConfirm = false;
    }

    /// <summary>
    /// Sends the candidate's lines and then <c>end</c>, up to <see cref="DeviceOptions.PipelineLines"/> lines per write,
    /// and checks every reply in order: the first line the device refused (or that made it ask a question) is
    /// reported with its number and the device's message. No further write is made after a failing batch.
    /// </summary>
    private async Task SendConfigLinesAsync(IReadOnlyList<string> lines, CancellationToken ct)
    {
        var size = Math.Max(1, Options.PipelineLines);
        for (var start = 0; start < lines.Count; start += size)
        {
            List<string> batch = [.. lines.Skip(start).Take(size)];
            var last = start + size >= lines.Count;
            if (last) batch.Add("end");
            var replies = await SendBatchAsync(batch, inConfigMode: true, ct);
            for (var i = 0; i < replies.Count; i++)
            {
                if (start + i < lines.Count) Check(lines[start + i].Trim(), replies[i], start + i + 1);
                else Check("end", replies[i], null);
            }
            if (last && replies[^1].IsQuestion)
                throw new DeviceCommandException(Target.Name, "end", $"device asked a question: {replies[^1].Prompt}");
        }
    }

    /// <summary>Restores the snapshot and polls until the running configuration equals it (some daemons apply asynchronously).</summary>
    private async Task RestoreAndVerifyAsync(string snapshot, CancellationToken ct)
    {
        await RestoreAsync(snapshot, ct);
        var deadline = DateTime.UtcNow + Options.SettleTimeout;
        while (true)
        {
            var now = await GetRunningConfigAsync(ct);
            if (Comparable(now) == Comparable(snapshot)) return;
            if (DateTime.UtcNow >= deadline)
                throw new RollbackFailedException(Target.Name,
                    $"{Target.Name}: running configuration differs from the snapshot after rollback:\n{CliText.Diff(snapshot, now)}");
            await Task.Delay(200, ct);
        }
    }

    private async Task LeaveConfigQuietlyAsync()
    {
        if (_session is not { IsOpen: true }) return;
        try { await _session.SendAsync("end", Options.CommandTimeout, CancellationToken.None); }
        catch (DeviceException) { /* the restore reconnects if it must */ }
    }

    /// <summary>Runs a command, answers the device's confirmation questions with Enter, and throws on device errors.</summary>
    protected async Task<string> ExecAsync(string command, CancellationToken ct)
    {
        var reply = await SendAsync(command, ct);
        var output = reply.Output;
        for (var i = 0; reply.IsQuestion && i < 3; i++)
        {
            reply = await SendAsync("", ct);
            output = output.Length == 0 ? reply.Output : output + "\n" + reply.Output;
        }
        var final = reply with { Output = output };
        if (reply.IsQuestion) throw new DeviceCommandException(Target.Name, command, $"device still asking: {reply.Prompt}");
        Check(command, final, null);
        return output;
    }

    /// <summary>
    /// Runs commands as <see cref="ExecAsync"/> runs one, but in one write where the platform reads typeahead, and
    /// returns each command's output. An empty command answers the question of the command before it with Enter
    /// (its output is that answer's); a question at the end is answered with Enter as <see cref="ExecAsync"/> does.
    /// </summary>
    protected async Task<IReadOnlyList<string>> ExecBatchAsync(IReadOnlyList<string> commands, CancellationToken ct)
    {
        // An empty command is the answer to the question of the one before: report errors under that one's name.
        string Name(int i) => commands[i].Length == 0 && i > 0 ? commands[i - 1] : commands[i];
        var replies = await SendBatchAsync(commands, inConfigMode: false, ct);
        var outputs = new List<string>(commands.Count);
        for (var i = 0; i < replies.Count; i++)
        {
            Check(Name(i), replies[i], null);
            // A question answered by anything but the Enter we meant: the device took our next command as the answer.
            if (replies[i].IsQuestion && i + 1 < commands.Count && commands[i + 1].Length != 0)
                throw new DeviceCommandException(Target.Name, commands[i], $"device asked a question: {replies[i].Prompt}");
            outputs.Add(replies[i].Output);
        }
        var reply = replies[^1];
        for (var i = 0; reply.IsQuestion && i < 3; i++)
        {
            reply = await SendAsync("", ct);
            Check(Name(replies.Count - 1), reply, null);
            outputs[^1] = outputs[^1].Length == 0 ? reply.Output : outputs[^1] + "\n" + reply.Output;
        }
        if (reply.IsQuestion) throw new DeviceCommandException(Target.Name, Name(replies.Count - 1), $"device still asking: {reply.Prompt}");
        return outputs;
    }

    /// <summary>
    /// Sends lines on the session, opening (or reopening) it first: in one write where the platform reads typeahead,
    /// otherwise one at a time, stopping after the first reply that is an error or a question not answered by the
    /// next line (so a platform without typeahead never gets a line after a failing one). Replies are in line order.
    /// </summary>
    /// <param name="lines">The lines, in order.</param>
    /// <param name="inConfigMode">The lines are configuration lines: they must go on the session that entered
    /// configuration mode, never on a new one (which would be in exec mode).</param>
    /// <param name="ct">Cancels the wait.</param>
    protected async Task<IReadOnlyList<CliReply>> SendBatchAsync(IReadOnlyList<string> lines, bool inConfigMode, CancellationToken ct)
    {
        if (lines.Count == 0) throw new ArgumentException("No lines to send.", nameof(lines));
        if (inConfigMode && _session is not { IsOpen: true })
            throw new DeviceConnectionLostException(Target.Name, $"{Target.Name}: the session closed in configuration mode");
        if (AcceptsTypeahead)
        {
            // A new session's setup goes in the same write as these lines.
            var (session, withSetup) = await SessionAsync(lines, ct);
            try
            {
                return withSetup ?? await session.SendBatchAsync(lines, Options.CommandTimeout, ct);
            }
            catch (DeviceTimeoutException)
            {
                await DropSessionAsync();
                throw;
            }
        }
        var replies = new List<CliReply>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var reply = await SendAsync(lines[i], ct);
            replies.Add(reply);
            if (Dialect.Errors.IsMatch(reply.Output) || (reply.IsQuestion && i + 1 < lines.Count && lines[i + 1].Length != 0)) break;
        }
        return replies;
    }

    /// <summary>Sends a line on the session, opening (or reopening) it first.</summary>
    protected async Task<CliReply> SendAsync(string line, CancellationToken ct)
    {
        var (session, _) = await SessionAsync(null, ct);
        try
        {
            return await session.SendAsync(line, Options.CommandTimeout, ct);
        }
        catch (DeviceTimeoutException)
        {
            // A late reply would be read as the answer to the next command: never reuse a session after a timeout.
            await DropSessionAsync();
            throw;
        }
    }

    private void Check(string command, CliReply reply, int? lineNumber)
    {
        var match = Dialect.Errors.Match(reply.Output);
        if (match.Success) throw new DeviceCommandException(Target.Name, command, match.Value.Trim(), lineNumber);
        if (reply.IsQuestion && lineNumber is not null)
            throw new DeviceCommandException(Target.Name, command, $"device asked a question: {reply.Prompt}", lineNumber);
    }

    /// <summary>
    /// Returns the open session, or opens one and runs the session setup. Where the platform reads typeahead the
    /// setup goes in one write, together with <paramref name="first"/> (the caller's lines) when given, whose
    /// replies are then returned too; otherwise the replies are null and the caller sends its lines itself.
    /// </summary>
    private async Task<(IDeviceSession Session, IReadOnlyList<CliReply>? Replies)> SessionAsync(IReadOnlyList<string>? first, CancellationToken ct)
    {
        if (_session is { IsOpen: true }) return (_session, null);
        await DropSessionAsync();
        var session = await connector.OpenAsync(Target, Dialect, ct);
        _session = session;
        try
        {
            if (AcceptsTypeahead)
            {
                var replies = await session.SendBatchAsync([.. SessionSetup, .. first ?? []], Options.CommandTimeout, ct);
                for (var i = 0; i < SessionSetup.Count; i++) Check(SessionSetup[i], replies[i], null);
                return (session, first is null ? null : [.. replies.Skip(SessionSetup.Count)]);
            }
            foreach (var command in SessionSetup) Check(command, await session.SendAsync(command, Options.CommandTimeout, ct), null);
            return (session, null);
        }
        catch
        {
            await DropSessionAsync();
            throw;
        }
    }

    private async Task DropSessionAsync()
    {
        var s = _session;
        _session = null;
        if (s is not null) await s.DisposeAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await DropSessionAsync();
        GC.SuppressFinalize(this);
    }
}
