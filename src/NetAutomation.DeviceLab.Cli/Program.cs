// lab up / lab down: start and stop a tier-2 device lab (N simulated IOS devices behind one real sshd in a
// network namespace) and print the inventory it made. `up` starts a background `serve` process and returns
// once the lab answers; `down` stops it by its PID and removes everything the lab made.
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using NetAutomation.DeviceLab.Tier2;

var command = args.FirstOrDefault();
var options = ParseOptions(args.Skip(1).ToArray());
var statePath = options.GetValueOrDefault("state") ?? Path.Combine(Path.GetTempPath(), "netautomation-lab.json");
try
{
    return command switch
    {
        "up" => await UpAsync(),
        "serve" => await ServeAsync(),
        "down" => Down(),
        _ => Usage(),
    };
}
catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or IOException)
{
    Console.Error.WriteLine("lab: " + e.Message);
    return 1;
}

int Usage()
{
    Console.Error.WriteLine("""
        usage: lab up [--devices N] [--name PREFIX] [--state FILE] [--json]
               lab down [--state FILE]
        up    starts N simulated IOS devices (default 10) behind one sshd in a network namespace and prints the inventory
        down  stops that lab and removes its namespace, user, routes and files
        Needs root. The state file (default /tmp/netautomation-lab.json) records what up made.
        """);
    return 2;
}

async Task<int> UpAsync()
{
    if (File.Exists(statePath)) throw new InvalidOperationException($"a lab is already up (state file {statePath}); run `lab down` first.");
    var devices = int.Parse(options.GetValueOrDefault("devices") ?? "10", System.Globalization.CultureInfo.InvariantCulture);
    var name = options.GetValueOrDefault("name") ?? "nalab-" + LabHost.RandomSuffix();
    LabHost.RequireRoot("lab up");
    var self = Environment.ProcessPath!;
    // The server gets pipes of its own: inheriting ours would keep `lab up | ...` or $(lab up) waiting for it to exit.
    var psi = new ProcessStartInfo(self) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true };
    if (Path.GetFileNameWithoutExtension(self) == "dotnet") psi.ArgumentList.Add(typeof(LabState).Assembly.Location);
    foreach (var a in new[] { "serve", "--devices", devices.ToString(System.Globalization.CultureInfo.InvariantCulture), "--name", name, "--state", statePath })
        psi.ArgumentList.Add(a);
    using var server = Process.Start(psi)!;
    var errors = server.StandardError.ReadToEndAsync();
    var deadline = DateTime.UtcNow.AddMinutes(2);
    while (!File.Exists(statePath))
    {
        if (server.HasExited) throw new InvalidOperationException("the lab failed to start: " + await errors);
        if (DateTime.UtcNow > deadline) throw new InvalidOperationException("the lab did not come up within 2 minutes.");
        await Task.Delay(100);
    }
    var state = JsonSerializer.Deserialize<LabState>(await File.ReadAllTextAsync(statePath))!;
    if (options.ContainsKey("json")) Console.WriteLine(await File.ReadAllTextAsync(statePath));
    else
    {
        Console.WriteLine($"lab {state.Name}: {state.Devices.Count} ios devices, sshd pid {state.SshdPid}, server pid {state.ServerPid}");
        Console.WriteLine($"login {state.Username} / {state.Password}   host key {state.HostKey}");
        Console.WriteLine("name\taddress\tplatform");
        foreach (var d in state.Devices) Console.WriteLine($"{d.Name}\t{d.Address}\tios");
    }
    return 0;
}

async Task<int> ServeAsync()
{
    var devices = int.Parse(options["devices"], System.Globalization.CultureInfo.InvariantCulture);
    var stop = new TaskCompletionSource();
    using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
    using var intr = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult(); });
    await using var lab = await Tier2Lab.StartAsync(devices, options["name"]);
    var state = new LabState(lab.Prefix, Environment.ProcessId, lab.SshdPid, lab.Namespace, lab.Directory, lab.Credentials.Username,
        lab.Credentials.Password, lab.HostKey, [.. lab.Devices.Select(d => new LabDevice(d.Name, d.Address))]);
    var temp = statePath + ".tmp";
    await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(state, new JsonSerializerOptions { WriteIndented = true }));
    File.Move(temp, statePath);
    await stop.Task;
    File.Delete(statePath);
    return 0;
}

int Down()
{
    if (!File.Exists(statePath)) throw new InvalidOperationException($"no lab is up (no state file {statePath}).");
    var state = JsonSerializer.Deserialize<LabState>(File.ReadAllText(statePath))!;
    if (IsRunning(state.ServerPid))
    {
        LabHost.Run("/bin/kill", ["-TERM", state.ServerPid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        for (var i = 0; i < 150 && IsRunning(state.ServerPid); i++) Thread.Sleep(100);
    }
    if (File.Exists(statePath))
    {
        // The server died without cleaning up: remove what the state file says the lab made.
        if (IsRunning(state.SshdPid)) LabHost.TryRun("/bin/kill", "-KILL", state.SshdPid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        LabHost.TryRun("/usr/sbin/ip", "netns", "del", state.Namespace);
        var octet = state.Devices.FirstOrDefault()?.Address.Split('.')[1];
        if (octet is not null) LabHost.TryRun("/usr/sbin/ip", "route", "del", $"10.{octet}.0.0/17");
        LabHost.TryRun("/usr/sbin/userdel", state.Username);
        if (Directory.Exists(state.Directory)) Directory.Delete(state.Directory, recursive: true);
        File.Delete(statePath);
    }
    Console.WriteLine($"lab {state.Name} is down.");
    return 0;
}

static bool IsRunning(int pid)
{
    try { return !Process.GetProcessById(pid).HasExited; }
    catch (ArgumentException) { return false; }
}

static Dictionary<string, string> ParseOptions(string[] a)
{
    var result = new Dictionary<string, string>();
    for (var i = 0; i < a.Length; i++)
    {
        if (!a[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected argument '{a[i]}'");
        var key = a[i][2..];
        result[key] = i + 1 < a.Length && !a[i + 1].StartsWith("--", StringComparison.Ordinal) ? a[++i] : "true";
    }
    return result;
}

/// <summary>What `lab up` made, so `lab down` (and scripts) can find it.</summary>
internal sealed record LabState(string Name, int ServerPid, int SshdPid, string Namespace, string Directory, string Username,
    string Password, string HostKey, List<LabDevice> Devices);

/// <summary>One device of the inventory.</summary>
internal sealed record LabDevice(string Name, string Address);
