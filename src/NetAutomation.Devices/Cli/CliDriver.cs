namespace NetAutomation.Devices.Cli;

/// <summary>
/// What every CLI driver shares: one lazily opened session, error detection on every reply, and the
/// snapshot → apply → verify → restore flow of a commit. Platforms fill in their commands.
/// </summary>
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

    /// <summary>Whether the device itself can revert a commit that is not confirmed in time.</summary>
    protected virtual bool SupportsCommitConfirm => false;

    /// <inheritdoc />
    public abstract Task<DeviceFacts> GetFactsAsync(CancellationToken cancellationToken = default);

    /// <inheritdoc />
    public virtual Task<string> GetRunningConfigAsync(CancellationToken cancellationToken = default) =>
        ExecAsync("show running-config", cancellationToken);

    /// <summary>Makes the device able to return to its current configuration by itself (IOS: a copy on flash).</summary>
    protected virtual Task PrepareRollbackPointAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>Enters configuration mode, arming the device's revert timer when <paramref name="confirmWithin"/> is set.</summary>
    protected abstract Task EnterConfigAsync(TimeSpan? confirmWithin, CancellationToken ct);

    /// <summary>Saves the running configuration to startup.</summary>
    protected abstract Task SaveAsync(CancellationToken ct);

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

        var before = await GetRunningConfigAsync(cancellationToken);
        _snapshot = before;
        await PrepareRollbackPointAsync(cancellationToken);
        try
        {
            await EnterConfigAsync(confirmWithin, cancellationToken);
            for (var i = 0; i < lines.Count; i++)
            {
                var reply = await SendAsync(lines[i], cancellationToken);
                Check(lines[i].Trim(), reply, i + 1);
            }
            await ExecAsync("end", cancellationToken);
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

        var after = await GetRunningConfigAsync(cancellationToken);
        if (confirmWithin is null) await SaveAsync(cancellationToken);
        else _pendingConfirm = true;
        _candidate = null;
        return new CommitResult(Comparable(after) != Comparable(before), CliText.Diff(before, after), before, _pendingConfirm);
    }

    /// <inheritdoc />
    public async Task ConfirmCommitAsync(CancellationToken cancellationToken = default)
    {
        if (!_pendingConfirm) throw new InvalidOperationException($"{Target.Name}: no commit is waiting for confirmation.");
        await ConfirmOnDeviceAsync(cancellationToken);
        await SaveAsync(cancellationToken);
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
        await SaveAsync(cancellationToken);
        _pendingConfirm = false;
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

    /// <summary>Sends a line on the session, opening (or reopening) it first.</summary>
    protected async Task<CliReply> SendAsync(string line, CancellationToken ct)
    {
        var session = await SessionAsync(ct);
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

    private async Task<IDeviceSession> SessionAsync(CancellationToken ct)
    {
        if (_session is { IsOpen: true }) return _session;
        await DropSessionAsync();
        var session = await connector.OpenAsync(Target, Dialect, ct);
        _session = session;
        try
        {
            foreach (var command in SessionSetup)
            {
                var reply = await session.SendAsync(command, Options.CommandTimeout, ct);
                Check(command, reply, null);
            }
        }
        catch
        {
            await DropSessionAsync();
            throw;
        }
        return session;
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
