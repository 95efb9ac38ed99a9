using System.Globalization;
using System.Net;
using System.Text;

namespace NetAutomation.DeviceLab.Ios;

/// <summary>One interface of a simulated IOS device.</summary>
internal sealed class IosInterface(string name, bool physical)
{
    public string Name { get; } = name;
    public bool Physical { get; } = physical;
    public string? Description { get; set; }
    public string? Address { get; set; }
    public List<string> Secondary { get; } = [];
    public bool Shutdown { get; set; }
    public int? Mtu { get; set; }
    public string? Encapsulation { get; set; }
    /// <summary>Other lines (ip ospf ..., bandwidth ...) keyed by their setting name so a new value replaces the old.</summary>
    public List<KeyValuePair<string, string>> Other { get; } = [];
    public string Duplex { get; set; } = "auto";
    public string Speed { get; set; } = "auto";

    public IosInterface Clone()
    {
        var c = new IosInterface(Name, Physical)
        {
            Description = Description, Address = Address, Shutdown = Shutdown, Mtu = Mtu, Encapsulation = Encapsulation,
            Duplex = Duplex, Speed = Speed,
        };
        c.Secondary.AddRange(Secondary);
        c.Other.AddRange(Other);
        return c;
    }

    /// <summary>Factory state: IOS ships physical ports shut down with no address.</summary>
    public void ResetPhysical(bool shutdown)
    {
        Description = null; Address = null; Secondary.Clear(); Mtu = null; Encapsulation = null; Other.Clear();
        Duplex = "auto"; Speed = "auto"; Shutdown = shutdown;
    }

    public IEnumerable<string> Render()
    {
        yield return "interface " + Name;
        if (Description is not null) yield return " description " + Description;
        if (Mtu is { } mtu) yield return " mtu " + mtu.ToString(CultureInfo.InvariantCulture);
        if (Encapsulation is not null) yield return " encapsulation " + Encapsulation;
        yield return Address is null ? " no ip address" : " ip address " + Address;
        foreach (var s in Secondary) yield return " ip address " + s + " secondary";
        foreach (var o in Other) yield return " " + o.Value;
        if (Shutdown) yield return " shutdown";
        if (Physical && !Name.Contains('.'))
        {
            yield return " duplex " + Duplex;
            yield return " speed " + Speed;
            yield return " media-type rj45";
        }
    }
}

/// <summary>A block such as <c>router ospf 1</c> or <c>line vty 0 4</c>: a header and keyed child lines.</summary>
internal sealed class IosBlock(string header, string mode)
{
    public string Header { get; } = header;
    public string Mode { get; } = mode;
    public List<KeyValuePair<string, string>> Lines { get; } = [];

    public IosBlock Clone()
    {
        var c = new IosBlock(Header, Mode);
        c.Lines.AddRange(Lines);
        return c;
    }
}

/// <summary>
/// The whole configuration state of a simulated IOS device, printed the way IOS prints it. Generic settings
/// are kept as lines with a key (the words that name the setting), so a new value replaces the old one and
/// <c>no</c> removes it, as on IOS.
/// </summary>
internal sealed class IosConfig
{
    public string Hostname { get; set; } = "Router";
    public bool DomainLookup { get; set; } = true;
    public bool HttpServer { get; set; }
    public List<KeyValuePair<string, string>> HeadGlobals { get; } = [];
    public List<KeyValuePair<string, string>> TailGlobals { get; } = [];
    public List<string> Routes { get; } = [];
    public List<IosInterface> Interfaces { get; } = [];
    public List<IosBlock> Blocks { get; } = [];
    public List<IosBlock> LineBlocks { get; } = [];

    public static IosConfig Factory(string hostname, int physicalPorts)
    {
        var c = new IosConfig { Hostname = hostname };
        for (var i = 0; i < physicalPorts; i++)
        {
            var itf = new IosInterface($"GigabitEthernet0/{i}", physical: true);
            itf.ResetPhysical(shutdown: true);
            c.Interfaces.Add(itf);
        }
        var con = new IosBlock("line con 0", "config-line");
        var vty = new IosBlock("line vty 0 4", "config-line");
        vty.Lines.Add(new("login", "login local"));
        vty.Lines.Add(new("transport input", "transport input ssh"));
        c.LineBlocks.Add(con);
        c.LineBlocks.Add(vty);
        return c;
    }

    public IosConfig Clone()
    {
        var c = new IosConfig { Hostname = Hostname, DomainLookup = DomainLookup, HttpServer = HttpServer };
        c.HeadGlobals.AddRange(HeadGlobals);
        c.TailGlobals.AddRange(TailGlobals);
        c.Routes.AddRange(Routes);
        c.Interfaces.AddRange(Interfaces.Select(i => i.Clone()));
        c.Blocks.AddRange(Blocks.Select(b => b.Clone()));
        c.LineBlocks.AddRange(LineBlocks.Select(b => b.Clone()));
        return c;
    }

    public IosInterface? FindInterface(string name) => Interfaces.FirstOrDefault(i => i.Name == name);

    public void SortInterfaces() => Interfaces.Sort((a, b) => string.CompareOrdinal(SortKey(a.Name), SortKey(b.Name)));

    private static string SortKey(string name)
    {
        var type = new string(name.TakeWhile(char.IsLetter).ToArray());
        var order = type switch { "Loopback" => 0, "Tunnel" => 1, "GigabitEthernet" => 2, _ => 3 };
        var numbers = name[type.Length..].Split('/', '.').Select(p => int.TryParse(p, out var n) ? n.ToString("D10", CultureInfo.InvariantCulture) : p);
        return order + type + ":" + string.Join('.', numbers);
    }

    /// <summary>The configuration body, from <c>!</c> after the header to <c>end</c>.</summary>
    public string RenderBody()
    {
        var sb = new StringBuilder();
        void L(string s) => sb.Append(s).Append('\n');
        L("!");
        L("version 15.6");
        L("service timestamps debug datetime msec");
        L("service timestamps log datetime msec");
        L("no service password-encryption");
        L("!");
        L("hostname " + Hostname);
        L("!");
        L("boot-start-marker");
        L("boot-end-marker");
        L("!");
        L("no aaa new-model");
        L("!");
        if (!DomainLookup) L("no ip domain lookup");
        foreach (var g in HeadGlobals) L(g.Value);
        L("ip cef");
        L("no ipv6 cef");
        L("!");
        foreach (var itf in Interfaces)
        {
            foreach (var line in itf.Render()) L(line);
            L("!");
        }
        foreach (var b in Blocks)
        {
            L(b.Header);
            foreach (var line in b.Lines) L(" " + line.Value);
            L("!");
        }
        L("ip forward-protocol nd");
        L("!");
        L(HttpServer ? "ip http server" : "no ip http server");
        L("no ip http secure-server");
        foreach (var r in Routes) L(r);
        L("!");
        foreach (var g in TailGlobals) L(g.Value);
        if (TailGlobals.Count > 0) L("!");
        foreach (var b in LineBlocks)
        {
            L(b.Header);
            foreach (var line in b.Lines) L(" " + line.Value);
        }
        L("!");
        L("end");
        return sb.ToString();
    }

    /// <summary><c>show running-config</c>: IOS's header, the byte count, the body.</summary>
    public string RenderRunning()
    {
        var body = RenderBody();
        return $"Building configuration...\n\nCurrent configuration : {Encoding.UTF8.GetByteCount(body)} bytes\n{body}";
    }

    public static bool TryParseIpv4(string text, out IPAddress address) =>
        IPAddress.TryParse(text, out address!) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && text.Count(c => c == '.') == 3;

    public static bool IsMask(string text)
    {
        if (!TryParseIpv4(text, out var ip)) return false;
        var b = ip.GetAddressBytes();
        var v = (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
        return (~v & (~v + 1)) == 0; // contiguous ones followed by zeros
    }

    public static int PrefixLength(string mask)
    {
        TryParseIpv4(mask, out var ip);
        return ip.GetAddressBytes().Sum(b => System.Numerics.BitOperations.PopCount(b));
    }
}
