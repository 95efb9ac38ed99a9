using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace NetAutomation.Testing;

/// <summary>
/// The portal as a real child process (the web project's own build output, run as <c>dotnet run</c> would run it),
/// on a loopback port of its own. For what one process cannot show: several instances (Hangfire and its logging
/// are process-wide), a production start, a process killed mid-work. Stopped by PID on dispose.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly bool _ownsData;

    public Uri Address { get; }
    public string DataDirectory { get; }
    public int Pid => _process.Id;

    private PortalProcess(Process process, StringBuilder output, Uri address, string dataDirectory, bool ownsData)
    {
        _process = process;
        _output = output;
        Address = address;
        DataDirectory = dataDirectory;
        _ownsData = ownsData;
    }

    /// <summary>What the process wrote so far (for failure messages).</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>
    /// Starts the portal and waits until it answers <c>/healthz</c>, or throws with its output. Its SQLite files go to a new
    /// temporary folder, deleted on dispose; or to <paramref name="dataDirectory"/>, which the caller owns (a restart on the
    /// same data).
    /// </summary>
    public static async Task<PortalProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null, string environment = "Development",
        string? dataDirectory = null)
    {
        var port = FreePort();
        var ownsData = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("natest-proc-").FullName;
        var web = RepositoryPath("src", "NetAutomation.Web");
        var dll = Path.Combine(web, "bin", BuildConfiguration(), "net10.0", "NetAutomation.Web.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"Build the solution first: {dll} is missing.");

        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = web,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Database__DataDirectory"] = dataDirectory;
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            start.Environment[key.Replace(":", "__")] = value;

        var output = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var portal = new PortalProcess(process, output, new Uri($"http://127.0.0.1:{port}/"), dataDirectory, ownsData);
        try
        {
            await portal.WaitHealthyAsync(TimeSpan.FromSeconds(90));
            return portal;
        }
        catch
        {
            await portal.DisposeAsync();
            throw;
        }
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The portal exited with code {_process.ExitCode} during start-up:\n{Output}");
            try
            {
                if ((await http.GetAsync("/healthz")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { /* not listening yet */ }
            catch (TaskCanceledException) { /* busy starting */ }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The portal did not become healthy within {timeout.TotalSeconds} s:\n{Output}");
    }

    /// <summary>
    /// Kills the process hard, by its PID, with SIGKILL: no shutdown, no hosted service stops, no lease given back (a crash,
    /// an OOM kill, a pulled plug). Returns the exit code once it is gone (128 + 9 on Linux).
    /// </summary>
    public async Task<int> KillHardAsync()
    {
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("KillHardAsync sends SIGKILL with kill(1); Linux only.");
        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-KILL", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
        {
            await kill.WaitForExitAsync();
            if (kill.ExitCode != 0 && !_process.HasExited) throw new InvalidOperationException($"kill -KILL {Pid} failed with exit code {kill.ExitCode}.");
        }
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        if (!_ownsData) return;
        try { Directory.Delete(DataDirectory, recursive: true); }
        catch (IOException) { /* left for the OS temp cleaner */ }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string BuildConfiguration() =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";

    /// <summary>A path inside the repository, found from the test's output folder.</summary>
    public static string RepositoryPath(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NetAutomation.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("NetAutomation.sln not found above the test folder.");
        return Path.Combine([dir.FullName, .. parts]);
    }
}
