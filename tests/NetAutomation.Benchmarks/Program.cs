// Push a 20-line change to N tier-2 devices three ways: the driver fan-out, Ansible ios_config (forks =
// parallelism), and a floor of bare SSH.NET sessions sending the same lines with no orchestration.
// The lab runs in its own process (lab up), so memory figures are the client's alone. Needs root.
// `orders` as the first argument runs the orders benchmark instead (OrdersBenchmark.cs).
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using NetAutomation.Devices;
using Renci.SshNet;

if (args.FirstOrDefault() == "orders") return await OrdersBenchmark.RunAsync(args[1..]);

var sizes = Arg("--sizes", "50,200,500").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
var parallel = int.Parse(Arg("--parallel", "50"), CultureInfo.InvariantCulture);
var outPath = Arg("--out", "benchmark-results.json");
var methods = Arg("--methods", "driver,floor,ansible").Split(',');
// The SSH key exchange the driver and the floor offer. Ansible's paramiko offers curve25519 first, so by default the
// SSH.NET methods offer that too and all three pay the same handshake; "ssh.net" keeps SSH.NET's own list, whose
// post-quantum hybrids the lab's OpenSSH also speaks (sntrup761x25519: about 60 ms more client CPU per login).
var kexArg = Arg("--kex", "curve25519-sha256");
string[]? kex = kexArg == "ssh.net" ? null : kexArg.Split(',');

var rows = new List<Row>();
var loadAtStart = LoadAverage();
using (var lab = LabProcess.Up(sizes.Max()))
{
    var (user, password) = (lab.Credentials.Username, lab.Credentials.Password);
    var labDir = lab.Directory;
    var all = lab.Targets();
    Console.WriteLine($"lab up: {all.Count} devices; parallelism {parallel}; 20-line change; key exchange {kexArg}");
    // Warm-up, untimed: each SSH.NET method pushes once to a few devices, so that neither timed row pays the process's
    // JIT and first-connection costs (whichever ran first used to look up to 1.6x slower than the same code run second).
    var warmUp = all.Take(Math.Min(20, all.Count)).ToList();
    foreach (var method in methods.Where(m => m is "driver" or "floor"))
        await (method == "driver" ? DriverAsync(warmUp, Change($"warm-{method}"), parallel, kex) : FloorAsync(warmUp, Change($"warm-{method}"), parallel, kex));
    var run = 0;
    foreach (var n in sizes)
    {
        var targets = all.Take(n).ToList();
        foreach (var method in methods)
        {
            var config = Change($"b{++run}");
            var (elapsed, peak, errors) = method switch
            {
                "driver" => await Measure(() => DriverAsync(targets, config, parallel, kex)),
                "ansible" => await MeasureAnsible(targets, config, parallel, labDir, user, password),
                "floor" => await Measure(() => FloorAsync(targets, config, parallel, kex)),
                _ => throw new ArgumentException($"unknown method {method}"),
            };
            var row = new Row(n, method, elapsed.TotalSeconds, n / elapsed.TotalSeconds, peak / 1048576.0, errors.Count, LoadAverage(), errors);
            rows.Add(row);
            Console.WriteLine($"  N={n,4} {method,-8} {row.Seconds,8:0.00} s {row.DevicesPerSecond,8:0.0} dev/s {row.PeakMemoryMiB,8:0.0} MiB  failed {row.Failed}  load {row.LoadAverage}");
            // The same cause usually hits many devices: print each distinct message once, with its count.
            foreach (var g in errors.GroupBy(e => e.Value).OrderByDescending(g => g.Count()))
                Console.Error.WriteLine($"    {g.Count()} x {g.First().Key}: {g.Key}");
            // Ansible's persistent-connection processes outlive the playbook by up to 30 s (its connect timeout) and
            // would share the CPU with whatever is timed next.
            if (method == "ansible") await Task.Delay(TimeSpan.FromSeconds(30));
        }
    }
}

var table = new StringBuilder();
table.AppendLine("| N | method | wall time (s) | devices/s | peak memory (MiB) | failed | vs driver |");
table.AppendLine("|---:|---|---:|---:|---:|---:|---:|");
foreach (var r in rows)
{
    var driver = rows.FirstOrDefault(x => x.N == r.N && x.Method == "driver");
    var ratio = driver is null ? "" : (r.Seconds / driver.Seconds).ToString("0.00", CultureInfo.InvariantCulture) + "x";
    table.AppendLine(CultureInfo.InvariantCulture, $"| {r.N} | {r.Method} | {r.Seconds:0.00} | {r.DevicesPerSecond:0.0} | {r.PeakMemoryMiB:0.0} | {r.Failed} | {ratio} |");
}
Console.WriteLine();
Console.Write(table);
foreach (var n in sizes)
{
    var d = rows.FirstOrDefault(r => r.N == n && r.Method == "driver");
    var a = rows.FirstOrDefault(r => r.N == n && r.Method == "ansible");
    var f = rows.FirstOrDefault(r => r.N == n && r.Method == "floor");
    if (d is not null && a is not null) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"N={n}: driver is {a.Seconds / d.Seconds:0.0}x faster than Ansible"));
    if (d is not null && f is not null) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"N={n}: driver takes {d.Seconds / f.Seconds:0.00}x the floor's time"));
}
File.WriteAllText(outPath, JsonSerializer.Serialize(new { parallel, lines = 20, keyExchange = kexArg, cores = Environment.ProcessorCount, loadAverageAtStart = loadAtStart, loadAverageAtEnd = LoadAverage(), rows },
    new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"JSON written to {Path.GetFullPath(outPath)}");
return rows.Any(r => r.Failed > 0) ? 1 : 0;

string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

static string LoadAverage() => LabProcess.LoadAverage();

static string Change(string token)
{
    // 20 lines, all new on every run, so every method pushes every line.
    var sb = new StringBuilder();
    for (var i = 0; i < 10; i++) sb.Append(CultureInfo.InvariantCulture, $"interface Loopback{900 + i}\n description bench {token} service {i}\n");
    return sb.ToString();
}

// Each method returns its per-device errors (device name -> message); a device not in the map succeeded.
static async Task<Dictionary<string, string>> DriverAsync(List<DeviceTarget> targets, string config, int parallel, string[]? kex)
{
    var fanOut = new DeviceFanOut(DeviceDriverFactory.Ssh(new DeviceOptions { ConnectAttempts = 8, KeyExchangeAlgorithms = kex }), parallel);
    var results = await fanOut.PushAsync(targets.Select(t => (t, config)));
    return results.Where(r => r.Failed || !r.Changed).ToDictionary(r => r.Device, r => r.Error ?? "the driver reported no change");
}

static async Task<Dictionary<string, string>> FloorAsync(List<DeviceTarget> targets, string config, int parallel, string[]? kex)
{
    var lines = new[] { "configure terminal" }.Concat(config.TrimEnd('\n').Split('\n')).Append("end").ToArray();
    var prompt = new Regex(@"[\w.\-]+(\([\w\-]+\))?# ?$");
    var errors = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
    await Parallel.ForEachAsync(targets, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (t, ct) =>
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var info = new PasswordConnectionInfo(t.Host, t.Port, t.Credentials.Username, t.Credentials.Password);
                if (kex is not null)
                {
                    // The same offer as the driver's (DeviceOptions.KeyExchangeAlgorithms), in the same order.
                    var offered = kex.Select(k => (k, info.KeyExchangeAlgorithms[k])).ToList();
                    info.KeyExchangeAlgorithms.Clear();
                    foreach (var (name, factory) in offered) info.KeyExchangeAlgorithms.Add(name, factory);
                }
                using var client = new SshClient(info);
                await client.ConnectAsync(ct);
                using var shell = client.CreateShellStream("vt100", 511, 200, 0, 0, 1 << 16);
                var signal = new SemaphoreSlim(0);
                shell.DataReceived += (_, _) => signal.Release();
                var buffer = new StringBuilder();
                var bytes = new byte[16384];
                async Task WaitPrompt()
                {
                    while (true)
                    {
                        while (shell.DataAvailable) buffer.Append(Encoding.UTF8.GetString(bytes, 0, shell.Read(bytes, 0, bytes.Length)));
                        if (prompt.IsMatch(buffer.ToString())) { buffer.Clear(); return; }
                        if (!await signal.WaitAsync(TimeSpan.FromSeconds(30), ct)) throw new TimeoutException("no prompt");
                    }
                }
                await WaitPrompt();
                foreach (var line in lines)
                {
                    await shell.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), ct);
                    shell.Flush();
                    await WaitPrompt();
                }
                return;
            }
            catch (Exception e) when (e is Renci.SshNet.Common.SshConnectionException or System.Net.Sockets.SocketException && attempt < 8)
            {
                await Task.Delay(200 * attempt, ct);
            }
            catch (Exception e)
            {
                errors[t.Name] = e.Message;
                return;
            }
        }
    });
    return new Dictionary<string, string>(errors);
}

static async Task<(TimeSpan, long, Dictionary<string, string>)> Measure(Func<Task<Dictionary<string, string>>> body)
{
    GC.Collect();
    using var self = Process.GetCurrentProcess();
    long peak = 0;
    using var stop = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        while (!stop.IsCancellationRequested)
        {
            self.Refresh();
            peak = Math.Max(peak, self.WorkingSet64);
            try { await Task.Delay(50, stop.Token); } catch (OperationCanceledException) { }
        }
    });
    var sw = Stopwatch.StartNew();
    var errors = await body();
    sw.Stop();
    await stop.CancelAsync();
    await sampler;
    return (sw.Elapsed, peak, errors);
}

static async Task<(TimeSpan, long, Dictionary<string, string>)> MeasureAnsible(List<DeviceTarget> targets, string config, int forks, string labDir, string user, string password)
{
    var work = Path.Combine(labDir, "bench-ansible-" + Guid.NewGuid().ToString("N")[..6]);
    Directory.CreateDirectory(work);
    var inventory = Path.Combine(work, "hosts.ini");
    File.WriteAllText(inventory, "[routers]\n" + string.Concat(targets.Select(t => $"{t.Name} ansible_host={t.Host}\n")) +
        "[routers:vars]\nansible_connection=ansible.netcommon.network_cli\nansible_network_os=cisco.ios.ios\n" +
        $"ansible_user={user}\nansible_password={password}\nansible_network_cli_ssh_type=paramiko\n");
    File.WriteAllText(Path.Combine(work, "change.cfg"), config);
    var playbook = Path.Combine(work, "push.yml");
    File.WriteAllText(playbook, $"- hosts: routers\n  gather_facts: false\n  tasks:\n    - cisco.ios.ios_config:\n        src: {Path.Combine(work, "change.cfg")}\n");
    var psi = new ProcessStartInfo("/usr/bin/ansible-playbook") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = work };
    foreach (var a in new[] { "-i", inventory, "-f", forks.ToString(CultureInfo.InvariantCulture), playbook }) psi.ArgumentList.Add(a);
    psi.Environment["ANSIBLE_STDOUT_CALLBACK"] = "json";
    psi.Environment["ANSIBLE_HOST_KEY_CHECKING"] = "False";
    psi.Environment["ANSIBLE_HOME"] = Path.Combine(work, "home");
    psi.Environment["ANSIBLE_LOCAL_TEMP"] = Path.Combine(work, "tmp");
    psi.Environment["ANSIBLE_PERSISTENT_CONTROL_PATH_DIR"] = Path.Combine(work, "pc");
    psi.Environment["ANSIBLE_RETRY_FILES_ENABLED"] = "False";
    var sw = Stopwatch.StartNew();
    using var p = Process.Start(psi)!;
    var stdout = p.StandardOutput.ReadToEndAsync();
    var stderr = p.StandardError.ReadToEndAsync();
    long peak = 0;
    while (!p.HasExited)
    {
        peak = Math.Max(peak, TreeRss(p.Id));
        await Task.Delay(200);
    }
    await p.WaitForExitAsync();
    sw.Stop();
    var json = await stdout;
    Dictionary<string, string> errors;
    try
    {
        errors = AnsibleErrors(JsonDocument.Parse(json[json.IndexOf('{')..]).RootElement, targets);
    }
    catch (Exception e) when (e is JsonException or ArgumentOutOfRangeException or KeyNotFoundException or InvalidOperationException)
    {
        var why = $"ansible output unreadable (exit {p.ExitCode}): {(await stderr).Trim()}";
        errors = targets.ToDictionary(t => t.Name, _ => why);
    }
    Directory.Delete(work, recursive: true);
    return (sw.Elapsed, peak, errors);
}

// Per-host errors from the json callback: the stats say who failed, the task results say why.
static Dictionary<string, string> AnsibleErrors(JsonElement root, List<DeviceTarget> targets)
{
    var stats = root.GetProperty("stats");
    var messages = new Dictionary<string, string>();
    foreach (var task in root.GetProperty("plays").EnumerateArray().SelectMany(p => p.GetProperty("tasks").EnumerateArray()))
    {
        foreach (var host in task.GetProperty("hosts").EnumerateObject())
        {
            var r = host.Value;
            var bad = r.TryGetProperty("failed", out var f) && f.ValueKind == JsonValueKind.True
                || r.TryGetProperty("unreachable", out var u) && u.ValueKind == JsonValueKind.True;
            if (bad) messages[host.Name] = (r.TryGetProperty("unreachable", out var un) && un.ValueKind == JsonValueKind.True ? "unreachable: " : "failed: ")
                + (r.TryGetProperty("msg", out var m) ? m.ToString() : r.GetRawText());
        }
    }
    var errors = new Dictionary<string, string>();
    foreach (var t in targets)
    {
        if (!stats.TryGetProperty(t.Name, out var s)) errors[t.Name] = "no result in ansible's output";
        else if (s.GetProperty("failures").GetInt32() + s.GetProperty("unreachable").GetInt32() > 0)
            errors[t.Name] = messages.GetValueOrDefault(t.Name, "failed, without a message");
        else if (s.GetProperty("changed").GetInt32() == 0) errors[t.Name] = "ansible reported no change";
    }
    return errors;
}

// Resident memory of a process and all its descendants, from /proc.
static long TreeRss(int root)
{
    var parents = new Dictionary<int, int>();
    foreach (var dir in Directory.GetDirectories("/proc"))
    {
        if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
        try
        {
            var stat = File.ReadAllText(Path.Combine(dir, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (IOException) { }
    }
    var tree = new HashSet<int> { root };
    bool grew;
    do
    {
        grew = false;
        foreach (var (pid, ppid) in parents)
            if (tree.Contains(ppid) && tree.Add(pid)) grew = true;
    } while (grew);
    long total = 0;
    foreach (var pid in tree)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            if (line is not null) total += long.Parse(Regex.Match(line, @"\d+").Value, CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException) { }
    }
    return total;
}

/// <summary>One measured method at one size; <paramref name="Errors"/> maps each failed device to its error.</summary>
internal sealed record Row(int N, string Method, double Seconds, double DevicesPerSecond, double PeakMemoryMiB, int Failed, string LoadAverage,
    IReadOnlyDictionary<string, string> Errors);
