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
        var reply = await ReadReplyAsync("(login)", timeout, ct);
        if (reply.IsQuestion) throw new DeviceConnectionLostException(_device, $"{_device}: device asked '{reply.Prompt}' at login");
    }

    public async Task<CliReply> SendAsync(string line, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        CliText.EnsureSafe(line, "command");
        if (!IsOpen) throw new DeviceConnectionLostException(_device, $"{_device}: session is closed");
        try
        {
            var bytes = Encoding.UTF8.GetBytes(line + "\n");
            await _shell.WriteAsync(bytes, cancellationToken);
            _shell.Flush();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _closed = true;
            throw new DeviceConnectionLostException(_device, $"{_device}: connection lost while sending '{line}': {e.Message}", e);
        }
        var reply = await ReadReplyAsync(line, timeout, cancellationToken);
        return reply with { Output = StripEcho(reply.Output, line) };
    }

    private async Task<CliReply> ReadReplyAsync(string command, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var arrived = Volatile.Read(ref _arrived).Task;
            Drain();
            if (TryTakeReply(out var reply)) return reply;
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

    private bool TryTakeReply(out CliReply reply)
    {
        reply = null!;
        if (_pending.Length == 0) return false;
        var text = _pending.ToString();
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
