using System.Net.Sockets;
using System.Text;

namespace NetAutomation.DeviceLab.Tier2;

/// <summary>
/// Serves simulated devices on Unix sockets, one interactive socket (<c>ADDRESS.sock</c>) and one one-shot
/// command socket (<c>ADDRESS.exec</c>) per device. sshd's ForceCommand wrapper connects a session to the
/// socket of the address the client dialled. It behaves like a device on a raw terminal: it echoes what is
/// typed, handles backspace, ends lines with CR LF and prints the prompt.
/// </summary>
public sealed class SocketCliServer : IAsyncDisposable
{
    private readonly List<Socket> _listeners = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];

    /// <summary>Starts listening for every device in <paramref name="directory"/>.</summary>
    public SocketCliServer(string directory, IEnumerable<SimulatedDevice> devices)
    {
        Directory = directory;
        foreach (var d in devices)
        {
            _loops.Add(Listen(Path.Combine(directory, d.Address + ".sock"), d, ServeShellAsync));
            _loops.Add(Listen(Path.Combine(directory, d.Address + ".exec"), d, ServeExecAsync));
        }
    }

    /// <summary>Where the sockets are.</summary>
    public string Directory { get; }

    private Task Listen(string path, SimulatedDevice device, Func<Socket, SimulatedDevice, CancellationToken, Task> serve)
    {
        File.Delete(path);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(512);
        // The lab user (not root) connects through socat.
        LabHost.Chmod(path, (UnixFileMode)0b110_110_110);
        _listeners.Add(listener);
        return Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Socket client;
                try { client = await listener.AcceptAsync(_stop.Token); }
                catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
                _ = Task.Run(async () =>
                {
                    using (client)
                    {
                        try { await serve(client, device, _stop.Token); }
                        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException) { }
                    }
                });
            }
        });
    }

    private static async Task ServeShellAsync(Socket socket, SimulatedDevice device, CancellationToken ct)
    {
        if (device.Faults.Unreachable) return;
        var cli = device.OpenCli();
        var output = new StringBuilder();
        output.Append(IosCliSession.Banner).Append(cli.Prompt);
        await SendAsync(socket, output, ct);
        var line = new StringBuilder();
        var buffer = new byte[4096];
        var chars = new char[4096];
        var decoder = Encoding.UTF8.GetDecoder();
        var lastWasCr = false;
        while (true)
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None, ct);
            if (n == 0) return;
            var count = decoder.GetChars(buffer, 0, n, chars, 0);
            for (var i = 0; i < count; i++)
            {
                var ch = chars[i];
                if (ch == '\n' && lastWasCr) { lastWasCr = false; continue; }
                lastWasCr = ch == '\r';
                if (ch is '\r' or '\n' or '\u001a')
                {
                    output.Append("\r\n");
                    var configuring = cli.InConfigMode;
                    var result = cli.Execute(ch == '\u001a' ? "end" : line.ToString());
                    line.Clear();
                    var delay = device.Faults.DelayFor(configuring);
                    if (delay > TimeSpan.Zero)
                    {
                        await SendAsync(socket, output, ct);
                        await Task.Delay(delay, ct);
                    }
                    if (result.Drop) return;
                    output.Append(result.Output.Replace("\n", "\r\n"));
                    if (result.Close)
                    {
                        await SendAsync(socket, output, ct);
                        return;
                    }
                    output.Append(cli.Prompt);
                }
                else if (ch is '\u007f' or '\b')
                {
                    if (line.Length > 0)
                    {
                        line.Length--;
                        output.Append("\b \b");
                    }
                }
                else if (ch == '\u0003')
                {
                    line.Clear();
                    output.Append("\r\n").Append(cli.Prompt);
                }
                else if (!char.IsControl(ch))
                {
                    line.Append(ch);
                    output.Append(ch);
                }
            }
            await SendAsync(socket, output, ct);
        }
    }

    private static async Task ServeExecAsync(Socket socket, SimulatedDevice device, CancellationToken ct)
    {
        if (device.Faults.Unreachable) return;
        var received = new StringBuilder();
        var buffer = new byte[4096];
        while (!received.ToString().Contains('\n'))
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None, ct);
            if (n == 0) break;
            received.Append(Encoding.UTF8.GetString(buffer, 0, n));
        }
        var command = received.ToString().Split('\n')[0].TrimEnd('\r');
        var result = device.OpenCli().Execute(command);
        if (device.Faults.ReplyDelay > TimeSpan.Zero) await Task.Delay(device.Faults.ReplyDelay, ct);
        var output = new StringBuilder(result.Output);
        await SendAsync(socket, output, ct);
    }

    private static async Task SendAsync(Socket socket, StringBuilder text, CancellationToken ct)
    {
        if (text.Length == 0) return;
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        text.Clear();
        var sent = 0;
        while (sent < bytes.Length) sent += await socket.SendAsync(bytes.AsMemory(sent), SocketFlags.None, ct);
    }

    /// <summary>Stops listening and removes the socket files.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var l in _listeners) l.Dispose();
        try { await Task.WhenAll(_loops); } catch (OperationCanceledException) { }
        foreach (var f in System.IO.Directory.Exists(Directory) ? System.IO.Directory.GetFiles(Directory, "*.sock").Concat(System.IO.Directory.GetFiles(Directory, "*.exec")) : [])
            File.Delete(f);
        _stop.Dispose();
    }
}
