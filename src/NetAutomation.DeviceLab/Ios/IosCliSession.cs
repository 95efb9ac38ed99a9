using System.Globalization;
using System.Text;
using NetAutomation.DeviceLab.Ios;

namespace NetAutomation.DeviceLab;

/// <summary>What the device does after a line: print output, and possibly end the session.</summary>
/// <param name="Output">Text to print before the next prompt, lines ending in <c>\n</c>.</param>
/// <param name="Close">The user logged out: print the output and close.</param>
/// <param name="Drop">The connection breaks without any further output (fault or reload).</param>
public readonly record struct CliResult(string Output, bool Close = false, bool Drop = false);

/// <summary>
/// One login on a simulated IOS device: the exec and configuration modes, IOS's abbreviations, questions and
/// error messages. Sessions of one device share its state.
/// </summary>
public sealed class IosCliSession
{
    private enum Mode { Exec, Config, Interface, Block, Line }

    private readonly SimulatedDevice _d;
    private readonly int _generation;
    private Mode _mode = Mode.Exec;
    private IosInterface? _itf;
    private IosBlock? _block;
    private int _configLines;
    private Func<string, string>? _question;
    private string _questionText = "";

    internal IosCliSession(SimulatedDevice device)
    {
        _d = device;
        _generation = device.Generation;
    }

    /// <summary>The device this session is on.</summary>
    public SimulatedDevice Device => _d;

    /// <summary>The prompt to print now (or the pending question).</summary>
    public string Prompt
    {
        get
        {
            if (_question is not null) return _questionText;
            var h = _d.Hostname;
            return _mode switch
            {
                Mode.Exec => h + "#",
                Mode.Config => h + "(config)#",
                Mode.Interface => h + (_itf!.Name.Contains('.') ? "(config-subif)#" : "(config-if)#"),
                Mode.Block => h + "(" + _block!.Mode + ")#",
                _ => h + "(config-line)#",
            };
        }
    }

    /// <summary>True in configuration mode or one of its sub-modes (interface, block, line).</summary>
    public bool InConfigMode => _mode != Mode.Exec;

    /// <summary>True while the device waits for the answer to a question (<c>[confirm]</c>, <c>Destination filename</c>).</summary>
    public bool Asking => _question is not null;

    /// <summary>False once the device reloaded since this session logged in.</summary>
    public bool Alive => _d.Generation == _generation;

    /// <summary>The greeting printed at login, before the first prompt.</summary>
    public static string Banner => "\n";

    /// <summary>Runs one line as typed at the prompt.</summary>
    public CliResult Execute(string line)
    {
        lock (_d.Gate)
        {
            if (!Alive) return new CliResult("", Drop: true);
            if (_question is { } answer)
            {
                _question = null;
                return new CliResult(answer(line.Trim()));
            }
            var promptLength = Prompt.Length;
            var text = line.TrimEnd();
            if (text.Trim().Length == 0 || text.TrimStart().StartsWith('!')) return new CliResult("");
            try
            {
                if (_mode == Mode.Exec) return Exec(text.Trim());
                return Configure(text);
            }
            catch (IosError e)
            {
                var indent = text.Length - text.TrimStart().Length;
                var caret = e.Column is { } col ? new string(' ', promptLength + indent + col) + "^\n" : "";
                return new CliResult(caret + e.Message + "\n\n");
            }
        }
    }

    private static IosError Invalid(string line, int tokenIndex) => IosError.Invalid(line, tokenIndex);

    private static IosError Incomplete => IosError.Incomplete();

    private static List<(string Text, int Start)> Tokens(string line) => IosError.Tokens(line);

    private static string? Keyword(string token, params string[] keywords) => IosError.Keyword(token, keywords);

    // ---------------------------------------------------------------- exec mode

    private CliResult Exec(string line)
    {
        var pipe = line.IndexOf(" | ", StringComparison.Ordinal);
        string? filter = null;
        if (pipe >= 0)
        {
            filter = line[(pipe + 3)..].Trim();
            line = line[..pipe];
        }
        var t = Tokens(line);
        var w = t.Select(x => x.Text).ToList();
        var cmd = Keyword(w[0], "show", "configure", "copy", "write", "terminal", "reload", "enable", "disable", "exit", "logout", "quit", "end", "dir", "ping", "delete");
        string output;
        switch (cmd)
        {
            case "show": output = Show(line, w); break;
            case "configure": return ConfigureCommand(line, w);
            case "copy": return Copy(line, w);
            case "write":
                if (w.Count > 1 && Keyword(w[1], "memory", "terminal") is null) throw Invalid(line, 1);
                if (w.Count > 1 && Keyword(w[1], "memory", "terminal") == "terminal") { output = _d.Running.RenderRunning(); break; }
                _d.Startup = _d.Running.Clone();
                return new CliResult("Building configuration...\n[OK]\n");
            case "terminal":
                if (w.Count < 2) throw Incomplete;
                if (Keyword(w[1], "length", "width", "monitor", "no") is null) throw Invalid(line, 1);
                if (Keyword(w[1], "length", "width", "monitor", "no") is "length" or "width")
                {
                    if (w.Count < 3) throw Incomplete;
                    if (!int.TryParse(w[2], out var n) || n < 0 || n > 512) throw Invalid(line, 2);
                }
                return new CliResult("");
            case "reload":
                _question = answer =>
                {
                    if (answer.Length == 0 || answer.StartsWith('y') || answer.StartsWith('Y')) _d.Reload();
                    return "";
                };
                _questionText = "Proceed with reload? [confirm]";
                return new CliResult(_d.Running.RenderBody() != _d.Startup.RenderBody() ? "\nSystem configuration has been modified. Save? [yes/no]: no\n" : "");
            case "enable": case "end": return new CliResult("");
            case "disable": throw Invalid(line, 0);
            case "exit": case "logout": case "quit": return new CliResult("", Close: true);
            case "dir": output = Dir(); break;
            case "delete":
                if (w.Count < 2) throw Incomplete;
                if (!_d.Flash.Remove(FlashName(w[^1]) ?? throw Invalid(line, w.Count - 1))) return new CliResult($"%Error deleting {w[^1]} (No such file or directory)\n");
                return new CliResult("");
            case "ping":
                if (w.Count < 2) throw Incomplete;
                output = "Type escape sequence to abort.\nSending 5, 100-byte ICMP Echos to " + w[1] + ", timeout is 2 seconds:\n!!!!!\nSuccess rate is 100 percent (5/5), round-trip min/avg/max = 1/1/2 ms\n";
                break;
            default: throw Invalid(line, 0);
        }
        return new CliResult(Filter(output, filter, line));
    }

    private static string Filter(string output, string? filter, string line)
    {
        if (filter is null) return output;
        var f = Tokens(filter);
        if (f.Count < 2) throw Incomplete;
        var kind = Keyword(f[0].Text, "include", "exclude", "begin", "section") ?? throw new IosError("% Invalid input detected at '^' marker.", line.Length);
        var pattern = filter[f[1].Start..];
        var regex = new System.Text.RegularExpressions.Regex(pattern);
        var lines = output.Split('\n');
        IEnumerable<string> kept = kind switch
        {
            "include" => lines.Where(l => regex.IsMatch(l)),
            "exclude" => lines.Where(l => !regex.IsMatch(l)),
            "begin" => lines.SkipWhile(l => !regex.IsMatch(l)),
            _ => Section(lines, regex),
        };
        var text = string.Join('\n', kept.Where(l => l.Length > 0));
        return text.Length == 0 ? "" : text + "\n";

        static IEnumerable<string> Section(string[] lines, System.Text.RegularExpressions.Regex regex)
        {
            var inside = false;
            foreach (var l in lines)
            {
                if (!l.StartsWith(' ')) inside = regex.IsMatch(l);
                if (inside) yield return l;
            }
        }
    }

    private string Show(string line, List<string> w)
    {
        if (w.Count < 2) throw Incomplete;
        var what = Keyword(w[1], "version", "running-config", "startup-config", "ip", "interfaces", "clock", "flash:", "vlan", "archive", "users");
        switch (what)
        {
            case "version": return ShowVersion();
            case "running-config":
                if (w.Count > 2) throw Invalid(line, 2);
                return _d.Running.RenderRunning();
            case "startup-config":
                var body = _d.Startup.RenderBody();
                return $"Using {Encoding.UTF8.GetByteCount(body)} out of 262144 bytes\n{body}";
            case "ip":
                if (w.Count < 3) throw Incomplete;
                var sub = Keyword(w[2], "interface", "route");
                if (sub == "interface")
                {
                    if (w.Count < 4) throw Incomplete;
                    if (Keyword(w[3], "brief") is null) throw Invalid(line, 3);
                    return ShowIpInterfaceBrief();
                }
                if (sub == "route") return ShowIpRoute();
                throw Invalid(line, 2);
            case "interfaces":
                if (w.Count > 2)
                {
                    var name = IosApply.ResolveInterfaceName(string.Join("", w.Skip(2))) ?? throw Invalid(line, 2);
                    var itf = _d.Running.FindInterface(name) ?? throw Invalid(line, 2);
                    return ShowInterface(itf);
                }
                return string.Concat(_d.Running.Interfaces.Select(ShowInterface));
            case "clock":
                return _d.Clock.GetUtcNow().ToString("'*'HH:mm:ss.fff 'UTC' ddd MMM d yyyy", CultureInfo.InvariantCulture) + "\n";
            case "flash:": return Dir();
            case "users": return "    Line       User       Host(s)              Idle       Location\n*  2 vty 0     lab        idle                 00:00:00\n";
            default:
                // show vlan and the like do not exist on a router: Ansible relies on this error to tell a router.
                throw Invalid(line, 1);
        }
    }

    private string ShowVersion()
    {
        var c = _d.Running;
        return
            "Cisco IOS Software, IOSv Software (VIOS-ADVENTERPRISEK9-M), Version 15.6(2)T, RELEASE SOFTWARE (fc2)\n" +
            "Technical Support: http://www.cisco.com/techsupport\n" +
            "Copyright (c) 1986-2016 by Cisco Systems, Inc.\n" +
            "Compiled Tue 22-Mar-16 16:19 by prod_rel_team\n\n\n" +
            "ROM: Bootstrap program is IOSv\n\n" +
            $"{c.Hostname} uptime is {Uptime()}\n" +
            "System returned to ROM by reload\n" +
            "System image file is \"flash0:/vios-adventerprisek9-m\"\n" +
            "Last reload reason: Unknown reason\n\n\n" +
            "cisco IOSv (revision 1.0) with  with 460017K/62464K bytes of memory.\n" +
            $"Processor board ID {_d.SerialNumber}\n" +
            $"{_d.PhysicalPorts} Gigabit Ethernet interfaces\n" +
            "DRAM configuration is 72 bits wide with parity disabled.\n" +
            "256K bytes of non-volatile configuration memory.\n" +
            "2097152K bytes of ATA System CompactFlash 0 (Read/Write)\n\n" +
            "Configuration register is 0x0\n";
    }

    private string Uptime()
    {
        var up = _d.Clock.GetUtcNow() - _d.BootTime;
        var parts = new List<string>();
        void P(int n, string unit) { if (n > 0 || (unit == "minute" && parts.Count == 0)) parts.Add($"{n} {unit}{(n == 1 ? "" : "s")}"); }
        P(up.Days / 7, "week"); P(up.Days % 7, "day"); P(up.Hours, "hour"); P(up.Minutes, "minute");
        return string.Join(", ", parts);
    }

    private (string Status, string Protocol) State(IosInterface itf)
    {
        if (itf.Shutdown) return ("administratively down", "down");
        var port = itf.Name.Split('.')[0];
        return _d.LinksDown.Contains(port) ? ("down", "down") : ("up", "up");
    }

    private string ShowIpInterfaceBrief()
    {
        var sb = new StringBuilder();
        sb.Append("Interface                  IP-Address      OK? Method Status                Protocol\n");
        foreach (var itf in _d.Running.Interfaces)
        {
            var (status, proto) = State(itf);
            var ip = itf.Address?.Split(' ')[0] ?? "unassigned";
            sb.Append(CultureInfo.InvariantCulture, $"{itf.Name,-27}{ip,-16}YES {(itf.Address is null ? "unset " : "manual"),-7}{status,-22}{proto}\n");
        }
        return sb.ToString();
    }

    private string ShowInterface(IosInterface itf)
    {
        var (status, proto) = State(itf);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{itf.Name} is {status}, line protocol is {proto}\n");
        sb.Append(itf.Physical ? "  Hardware is iGbE, address is 5254.0000.0001 (bia 5254.0000.0001)\n" : "  Hardware is " + (itf.Name.StartsWith("Loopback", StringComparison.Ordinal) ? "Loopback" : "Virtual") + "\n");
        if (itf.Description is not null) sb.Append("  Description: ").Append(itf.Description).Append('\n');
        if (itf.Address is not null)
        {
            var p = itf.Address.Split(' ');
            sb.Append(CultureInfo.InvariantCulture, $"  Internet address is {p[0]}/{IosConfig.PrefixLength(p[1])}\n");
        }
        sb.Append(CultureInfo.InvariantCulture, $"  MTU {itf.Mtu ?? 1500} bytes, BW 1000000 Kbit/sec, DLY 10 usec,\n");
        sb.Append("     reliability 255/255, txload 1/255, rxload 1/255\n");
        sb.Append("  Encapsulation ARPA, loopback not set\n");
        sb.Append("  5 minute input rate 0 bits/sec, 0 packets/sec\n");
        sb.Append("  5 minute output rate 0 bits/sec, 0 packets/sec\n");
        return sb.ToString();
    }

    private string ShowIpRoute()
    {
        var sb = new StringBuilder("Codes: L - local, C - connected, S - static\n\nGateway of last resort is not set\n\n");
        foreach (var itf in _d.Running.Interfaces.Where(i => i.Address is not null && State(i).Protocol == "up"))
        {
            var p = itf.Address!.Split(' ');
            sb.Append(CultureInfo.InvariantCulture, $"C        {p[0]}/{IosConfig.PrefixLength(p[1])} is directly connected, {itf.Name}\n");
        }
        foreach (var r in _d.Running.Routes)
        {
            var p = r.Split(' ');
            sb.Append(CultureInfo.InvariantCulture, $"S        {p[2]}/{IosConfig.PrefixLength(p[3])} [1/0] via {p[4]}\n");
        }
        return sb.ToString();
    }

    private string Dir()
    {
        var sb = new StringBuilder("Directory of flash0:/\n\n");
        var i = 1;
        foreach (var (name, text) in _d.Flash.OrderBy(f => f.Key, StringComparer.Ordinal))
            sb.Append(CultureInfo.InvariantCulture, $"{i++,4}  -rw-  {Encoding.UTF8.GetByteCount(text),10}  {name}\n");
        sb.Append("\n2142715904 bytes total (2000000000 bytes free)\n");
        return sb.ToString();
    }

    private static string? FlashName(string url)
    {
        foreach (var prefix in new[] { "flash:/", "flash0:/", "flash:", "flash0:" })
            if (url.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && url.Length > prefix.Length)
                return url[prefix.Length..];
        return null;
    }

    private CliResult Copy(string line, List<string> w)
    {
        if (w.Count < 3) throw Incomplete;
        var source = Keyword(w[1], "running-config", "startup-config") is { } s ? s : w[1];
        var destination = Keyword(w[2], "running-config", "startup-config") is { } d ? d : w[2];
        string? text = source switch
        {
            "running-config" => _d.Running.RenderBody(),
            "startup-config" => _d.Startup.RenderBody(),
            _ => FlashName(source) is { } f ? (_d.Flash.TryGetValue(f, out var content) ? content : null) : throw Invalid(line, 1),
        };
        if (text is null) return new CliResult($"%Error opening {source} (No such file or directory)\n");
        var defaultName = destination == "running-config" || destination == "startup-config" ? destination : FlashName(destination) ?? throw Invalid(line, 2);
        _questionText = $"Destination filename [{defaultName}]? ";
        _question = answer =>
        {
            var name = answer.Length == 0 ? defaultName : answer;
            switch (name)
            {
                case "startup-config":
                    _d.Startup = IosReplay.Load(_d, text);
                    return "Building configuration...\n[OK]\n";
                case "running-config":
                    IosReplay.Merge(_d, text);
                    return $"{Encoding.UTF8.GetByteCount(text)} bytes copied in 0.012 secs\n";
                default:
                    _d.Flash[FlashName(name) ?? name] = text;
                    return $"{Encoding.UTF8.GetByteCount(text)} bytes copied in 0.021 secs ({Encoding.UTF8.GetByteCount(text)} bytes/sec)\n";
            }
        };
        return new CliResult("");
    }

    private CliResult ConfigureCommand(string line, List<string> w)
    {
        if (w.Count == 1)
        {
            // Bare "configure" asks where from; the terminal is the only answer we take.
            _questionText = "Configuring from terminal, memory, or network [terminal]? ";
            _question = answer =>
            {
                if (answer.Length > 0 && Keyword(answer, "terminal") is null) return "?Must be \"terminal\", \"memory\" or \"network\"\n";
                EnterConfig();
                return "Enter configuration commands, one per line.  End with CNTL/Z.\n";
            };
            return new CliResult("");
        }
        switch (Keyword(w[1], "terminal", "confirm", "replace", "revert"))
        {
            case "terminal":
                if (w.Count > 2)
                {
                    // configure terminal revert timer <1-120>: the device rolls back by itself unless confirmed.
                    if (Keyword(w[2], "revert") is null) throw Invalid(line, 2);
                    if (w.Count < 4 || Keyword(w[3], "timer") is null) throw w.Count < 4 ? Incomplete : Invalid(line, 3);
                    if (w.Count < 5) throw Incomplete;
                    if (!int.TryParse(w[4], out var minutes) || minutes < 1 || minutes > 120) throw Invalid(line, 4);
                    _d.ArmRevert(TimeSpan.FromMinutes(minutes));
                }
                EnterConfig();
                return new CliResult("Enter configuration commands, one per line.  End with CNTL/Z.\n");
            case "confirm":
                _d.ConfirmRevert();
                return new CliResult("");
            case "replace":
                if (w.Count < 3) throw Incomplete;
                var name = FlashName(w[2]) ?? throw Invalid(line, 2);
                var force = false;
                for (var i = 3; i < w.Count; i++)
                {
                    if (Keyword(w[i], "force", "list") is null) throw Invalid(line, i);
                    force |= Keyword(w[i], "force", "list") == "force";
                }
                if (!_d.Flash.TryGetValue(name, out var text)) return new CliResult($"%Error opening {w[2]} (No such file or directory)\n");
                if (force) return new CliResult(Replace(text));
                _questionText = "Enter Y if you are sure you want to proceed. ? [no]: ";
                _question = answer => answer.StartsWith('y') || answer.StartsWith('Y') ? Replace(text) : "";
                return new CliResult("This will apply all necessary additions and deletions\nto replace the current running configuration with the\ncontents of the specified configuration file, which is\nassumed to be a complete configuration, not a partial\nconfiguration.\n");
            case "revert":
                _d.CancelRevert();
                return new CliResult("");
            default: throw Invalid(line, 1);
        }
    }

    private string Replace(string text)
    {
        _d.CancelRevert();
        _d.Running = IosReplay.Load(_d, text);
        return "Total number of passes: 1\nRollback Done\n";
    }

    private void EnterConfig()
    {
        _mode = Mode.Config;
        _configLines = 0;
    }

    // ---------------------------------------------------------------- configuration mode

    private CliResult Configure(string line)
    {
        var trimmed = line.Trim();
        var words = Tokens(trimmed);
        var first = words[0].Text;
        if (first == "end" || first == "\u001a")
        {
            _mode = Mode.Exec;
            return new CliResult("");
        }
        if (first == "exit")
        {
            _mode = _mode == Mode.Config ? Mode.Exec : Mode.Config;
            _itf = null;
            _block = null;
            return new CliResult("");
        }
        if (Keyword(first, "do") == "do" && words.Count > 1) return Exec(trimmed[words[1].Start..]);

        _configLines++;
        var faults = _d.Faults;
        if (faults.RejectConfigLine > 0 && _configLines == faults.RejectConfigLine) throw Invalid(trimmed, 0);

        IosApply.Line(_d.Running, trimmed, ref _itf, ref _block, out var newMode);
        _mode = newMode switch
        {
            IosApply.Mode.Interface => Mode.Interface,
            IosApply.Mode.Block => Mode.Block,
            IosApply.Mode.Line => Mode.Line,
            _ => Mode.Config,
        };

        if (faults.ReloadAfterConfigLines > 0 && _configLines == faults.ReloadAfterConfigLines)
        {
            _d.Reload();
            return new CliResult("", Drop: true);
        }
        if (faults.DropAfterConfigLines > 0 && _configLines == faults.DropAfterConfigLines) return new CliResult("", Drop: true);
        return new CliResult("");
    }
}
