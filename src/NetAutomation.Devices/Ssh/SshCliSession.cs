using System.Text;
using Renci.SshNet;

namespace NetAutomation.Devices.Ssh;

/// <summary>
/// An interactive shell over SSH, read without blocking threads: SSH.NET signals arriving data with an
/// event, and only bytes already buffered are read, so hundreds of sessions need no thread each.
/// </summary>
internal sealed class SshCliSession : IDeviceSession
{
    private readonly string _device;
    private readonly SshClient _client;
    private readonly ShellStream _shell;
    private readonly CliDialect _dialect;
    private readonly StringBuilder _pending = new();
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
    private readonly byte[] _bytes = new byte[16384];
    private readonly char[] _chars = new char[16384 + 4];
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _closed;

    public SshCliSession(string device, SshClient client, ShellStream shell, CliDialect dialect, string hostKey)
    {
        _device = device;
        _client = client;
        _shell = shell;
        _dialect = dialect;
        HostKey = hostKey;
        _shell.DataReceived += (_, _) => Signal();
        _shell.Closed += (_, _) => { _closed = true; Signal(); };
        _shell.ErrorOccurred += (_, _) => { _closed = true; Signal(); };
        _client.ErrorOccurred += (_, _) => { _closed = true; Signal(); };
    }

    public string Prompt { get; private set; } = "";

    public bool IsOpen => !_closed && _client.IsConnected;

    public string HostKey { get; }

    private void Signal() => Interlocked.Exchange(ref _arrived, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Skips the banner and waits for the first prompt.</summary>
    public async Task WaitForFirstPromptAsync(TimeSpan timeout, CancellationToken ct)
    {
        var reply = await ReadReplyAsync("(login)", null, timeout, ct);
        if (reply.IsQuestion) throw new DeviceConnectionLostException(_device, $"{_device}: device asked '{reply.Prompt}' at login");
    }

    public async Task<CliReply> SendAsync(string line, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        CliText.EnsureSafe(line, "command");
        await WriteAsync(line + "\n", line, cancellationToken);
        var reply = await ReadReplyAsync(line, null, timeout, cancellationToken);
        return reply with { Output = StripEcho(reply.Output, line) };
    }

    /// <summary>
    /// Writes all lines at once, then splits what comes back into one reply per line. A device that reads
    /// typeahead (IOS, the simulator) prints, for each line, its output and then its next prompt followed by the
    /// echo of the next line, so reply <c>i</c> ends at the first line that is a prompt (or question) followed by
    /// the echo of line <c>i + 1</c>; the last reply ends at a bare prompt, as with <see cref="SendAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<CliReply>> SendBatchAsync(IReadOnlyList<string> lines, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (lines.Count == 0) return [];
        foreach (var line in lines) CliText.EnsureSafe(line, "command");
        await WriteAsync(string.Concat(lines.Select(l => l + "\n")), lines[0], cancellationToken);
        var replies = new List<CliReply>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            // Each reply gets the full timeout, counted from the previous one, as if its line had been sent alone.
            var reply = await ReadReplyAsync(lines[i], i + 1 < lines.Count ? lines[i + 1] : null, timeout, cancellationToken);
            // The first line's echo opens its output; every later line's echo was on the line that ended the reply before.
            replies.Add(reply with { Output = i == 0 ? StripEcho(reply.Output, lines[0]) : reply.Output.TrimEnd('\n') });
        }
        return replies;
    }

    private async Task WriteAsync(string text, string firstLine, CancellationToken cancellationToken)
    {
        if (!IsOpen) throw new DeviceConnectionLostException(_device, $"{_device}: session is closed");
        try
        {
            await _shell.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
            _shell.Flush();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _closed = true;
            throw new DeviceConnectionLostException(_device, $"{_device}: connection lost while sending '{firstLine}': {e.Message}", e);
        }
    }

    /// <summary>Reads up to the prompt that ends the reply to <paramref name="command"/>; see <see cref="TryTakeReply"/>.</summary>
    private async Task<CliReply> ReadReplyAsync(string command, string? nextLine, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var arrived = Volatile.Read(ref _arrived).Task;
            Drain();
            if (TryTakeReply(nextLine, out var reply)) return reply;
            if (_closed || !_client.IsConnected)
            {
                _closed = true;
                var tail = CliText.StripTerminal(_pending.ToString()).Trim();
                throw new DeviceConnectionLostException(_device,
                    $"{_device}: the device closed the session after '{command}'" + (tail.Length > 0 ? $": {tail}" : ""));
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new DeviceTimeoutException(_device, command, timeout);
            try
            {
                await arrived.WaitAsync(left, ct);
            }
            catch (TimeoutException)
            {
                // Loop once more: data may have come with the deadline.
            }
        }
    }

    private void Drain()
    {
        while (_shell.DataAvailable)
        {
            var n = _shell.Read(_bytes, 0, _bytes.Length);
            if (n <= 0) break;
            var c = _decoder.GetChars(_bytes, 0, n, _chars, 0);
            _pending.Append(_chars, 0, c);
        }
    }

    /// <summary>
    /// Takes one reply off the front of what has arrived. With <paramref name="nextLine"/> null the reply ends at
    /// a prompt or question that is the last thing received. Otherwise <paramref name="nextLine"/> was sent as
    /// typeahead, and the reply ends at the first whole line that is a prompt or question followed by its echo.
    /// </summary>
    private bool TryTakeReply(string? nextLine, out CliReply reply)
    {
        reply = null!;
        if (_pending.Length == 0) return false;
        var text = _pending.ToString();
        if (nextLine is not null) return TryTakeBeforeEcho(text, nextLine.Trim(), out reply);
        var lastBreak = text.LastIndexOf('\n');
        var last = CliText.StripTerminal(text[(lastBreak + 1)..]);
        var isPrompt = _dialect.Prompt.IsMatch(last);
        var isQuestion = !isPrompt && _dialect.Question.IsMatch(last);
        if (!isPrompt && !isQuestion) return false;
        _pending.Clear();
        var body = lastBreak < 0 ? "" : CliText.StripTerminal(text[..lastBreak]);
        Prompt = last.TrimEnd();
        reply = new CliReply(body, Prompt, isQuestion);
        return true;
    }

    private bool TryTakeBeforeEcho(string text, string echo, out CliReply reply)
    {
        reply = null!;
        for (var start = 0; ;)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0) return false;
            var line = CliText.StripTerminal(text[start..end]).TrimEnd();
            if (line.EndsWith(echo, StringComparison.Ordinal))
            {
                var prompt = line[..^echo.Length].TrimEnd();
                var isPrompt = _dialect.Prompt.IsMatch(prompt);
                if (isPrompt || _dialect.Question.IsMatch(prompt))
                {
                    // The body is everything before that line; the echo belongs to the next reply and is dropped here.
                    var body = start == 0 ? "" : CliText.StripTerminal(text[..(start - 1)]);
                    _pending.Remove(0, end + 1);
                    Prompt = prompt;
                    reply = new CliReply(body, prompt, !isPrompt);
                    return true;
                }
            }
            start = end + 1;
        }
    }

    private static string StripEcho(string output, string line)
    {
        // The device echoes the line it was sent; the first output line is that echo (possibly after a prompt).
        var firstBreak = output.IndexOf('\n');
        var first = firstBreak < 0 ? output : output[..firstBreak];
        if (first.TrimEnd().EndsWith(line.Trim(), StringComparison.Ordinal))
            output = firstBreak < 0 ? "" : output[(firstBreak + 1)..];
        return output.TrimEnd('\n');
    }

    public ValueTask DisposeAsync()
    {
        _closed = true;
        try { _shell.Dispose(); } catch (Exception) { /* already gone */ }
        try { _client.Dispose(); } catch (Exception) { /* already gone */ }
        return ValueTask.CompletedTask;
    }
}
