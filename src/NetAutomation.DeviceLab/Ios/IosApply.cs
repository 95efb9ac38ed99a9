using System.Globalization;
using System.Text.RegularExpressions;

namespace NetAutomation.DeviceLab.Ios;

/// <summary>
/// The IOS configuration commands the simulator knows, with IOS's checks and messages. Anything else is
/// refused with <c>% Invalid input</c>, as a real router refuses what it does not support.
/// </summary>
internal static partial class IosApply
{
    public enum Mode { Config, Interface, Block, Line }

    private static readonly string[] GlobalKeywords =
        ["hostname", "interface", "ip", "ntp", "logging", "snmp-server", "username", "router", "line", "access-list",
         "service", "version", "boot-start-marker", "boot-end-marker", "aaa", "ipv6", "no"];

    /// <summary>Applies one configuration line in the current context; the context moves into or out of sub-modes.</summary>
    public static void Line(IosConfig c, string line, ref IosInterface? itf, ref IosBlock? block, out Mode mode)
    {
        var w = IosError.Tokens(line).Select(t => t.Text).ToList();
        var negate = string.Equals(w[0], "no", StringComparison.OrdinalIgnoreCase);
        var offset = negate ? 1 : 0;
        if (negate && w.Count == 1) throw IosError.Incomplete();

        if (itf is not null && TryInterface(c, itf, line, w, offset, negate))
        {
            mode = Mode.Interface;
            return;
        }
        if (block is not null && TryBlock(block, line, w, offset, negate))
        {
            mode = block.Mode == "config-line" ? Mode.Line : Mode.Block;
            return;
        }
        // Not a sub-mode command: IOS leaves the sub-mode and tries it as a global command.
        itf = null;
        block = null;
        Global(c, line, w, offset, negate, ref itf, ref block);
        mode = itf is not null ? Mode.Interface : block is null ? Mode.Config : block.Mode == "config-line" ? Mode.Line : Mode.Block;
    }

    private static void Global(IosConfig c, string line, List<string> w, int o, bool negate, ref IosInterface? itf, ref IosBlock? block)
    {
        var kw = IosError.Keyword(w[o], GlobalKeywords[..^1]) ?? throw IosError.Invalid(line, o);
        string Rest(int from) => string.Join(' ', w.Skip(from));
        switch (kw)
        {
            case "hostname":
                if (negate) { c.Hostname = "Router"; return; }
                if (w.Count < 2) throw IosError.Incomplete();
                if (w.Count > 2) throw IosError.Invalid(line, 2);
                if (!HostnameRegex().IsMatch(w[1])) throw new IosError("% Hostname contains one or more illegal characters.");
                c.Hostname = w[1];
                return;
            case "interface":
            {
                if (w.Count < o + 2) throw IosError.Incomplete();
                var name = ResolveInterfaceName(string.Concat(w.Skip(o + 1))) ?? throw IosError.Invalid(line, o + 1);
                var existing = c.FindInterface(name);
                if (negate)
                {
                    if (existing is null) return;
                    if (existing.Physical) throw new IosError("% Removal of physical interfaces is not permitted");
                    c.Interfaces.Remove(existing);
                    return;
                }
                if (existing is null)
                {
                    var port = name.Split('.')[0];
                    if (name.StartsWith("GigabitEthernet", StringComparison.Ordinal) && (!name.Contains('.') || c.FindInterface(port) is null))
                        throw IosError.Invalid(line, 1);
                    existing = new IosInterface(name, physical: false);
                    c.Interfaces.Add(existing);
                    c.SortInterfaces();
                }
                itf = existing;
                return;
            }
            case "ip": GlobalIp(c, line, w, o, negate); return;
            case "ntp":
            {
                if (w.Count < o + 2) throw IosError.Incomplete();
                var sub = IosError.Keyword(w[o + 1], "server", "peer", "source", "master") ?? throw IosError.Invalid(line, o + 1);
                if (sub is "server" or "peer")
                {
                    if (w.Count < o + 3) throw IosError.Incomplete();
                    if (!IosConfig.TryParseIpv4(w[o + 2], out _) && !HostnameRegex().IsMatch(w[o + 2])) throw IosError.Invalid(line, o + 2);
                }
                SetKeyed(c.TailGlobals, "ntp " + sub + " " + Rest(o + 2), sub is "server" or "peer" ? 3 : 2, negate);
                return;
            }
            case "logging":
            {
                if (w.Count < o + 2) throw IosError.Incomplete();
                if (IosConfig.TryParseIpv4(w[o + 1], out _)) { SetKeyed(c.TailGlobals, "logging host " + w[o + 1], 3, negate); return; }
                var sub = IosError.Keyword(w[o + 1], "buffered", "host", "trap", "console", "source-interface", "synchronous") ?? throw IosError.Invalid(line, o + 1);
                if (sub == "host" && (w.Count < o + 3 || !IosConfig.TryParseIpv4(w[o + 2], out _))) throw w.Count < o + 3 ? IosError.Incomplete() : IosError.Invalid(line, o + 2);
                if (sub == "buffered" && w.Count > o + 2 && !int.TryParse(w[o + 2], out _)) throw IosError.Invalid(line, o + 2);
                SetKeyed(c.TailGlobals, ("logging " + sub + " " + Rest(o + 2)).TrimEnd(), sub == "host" ? 3 : 2, negate);
                return;
            }
            case "snmp-server":
            {
                if (w.Count < o + 3 && !negate) throw IosError.Incomplete();
                var sub = IosError.Keyword(w[o + 1], "community", "location", "contact", "host", "enable") ?? throw IosError.Invalid(line, o + 1);
                SetKeyed(c.TailGlobals, ("snmp-server " + sub + " " + Rest(o + 2)).TrimEnd(), sub is "community" or "host" ? 3 : 2, negate);
                return;
            }
            case "username":
                if (w.Count < o + 2) throw IosError.Incomplete();
                SetKeyed(c.HeadGlobals, "username " + Rest(o + 1), 2, negate);
                return;
            case "access-list":
                if (w.Count < o + 4 && !negate) throw IosError.Incomplete();
                if (!int.TryParse(w[o + 1], out var acl) || acl < 1 || acl > 2699) throw IosError.Invalid(line, o + 1);
                if (!negate) { var l = "access-list " + Rest(o + 1); if (!c.TailGlobals.Any(g => g.Value == l)) c.TailGlobals.Add(new(l, l)); }
                else c.TailGlobals.RemoveAll(g => g.Value.StartsWith("access-list " + w[o + 1] + " ", StringComparison.Ordinal));
                return;
            case "router":
            {
                if (w.Count < o + 3) throw IosError.Incomplete();
                var proto = IosError.Keyword(w[o + 1], "ospf", "bgp", "eigrp") ?? throw IosError.Invalid(line, o + 1);
                if (!int.TryParse(w[o + 2], out var id) || id < 1 || id > 65535) throw IosError.Invalid(line, o + 2);
                var header = $"router {proto} {id}";
                var existing = c.Blocks.FirstOrDefault(b => b.Header == header);
                if (negate) { if (existing is not null) c.Blocks.Remove(existing); return; }
                if (existing is null) { existing = new IosBlock(header, "config-router"); c.Blocks.Add(existing); }
                block = existing;
                return;
            }
            case "line":
            {
                if (w.Count < o + 3) throw IosError.Incomplete();
                var kind = IosError.Keyword(w[o + 1], "con", "vty", "aux") ?? throw IosError.Invalid(line, o + 1);
                var header = "line " + kind + " " + Rest(o + 2);
                var existing = c.LineBlocks.FirstOrDefault(b => b.Header == header);
                if (existing is null) { existing = new IosBlock(header, "config-line"); c.LineBlocks.Add(existing); }
                block = existing;
                return;
            }
            // Lines IOS always prints; accepted so that a saved configuration can be loaded back.
            case "service": case "version": case "boot-start-marker": case "boot-end-marker": case "aaa": case "ipv6":
                return;
            default: throw IosError.Invalid(line, o);
        }
    }

    private static void GlobalIp(IosConfig c, string line, List<string> w, int o, bool negate)
    {
        if (w.Count < o + 2) throw IosError.Incomplete();
        var sub = IosError.Keyword(w[o + 1], "route", "domain", "domain-name", "name-server", "http", "cef", "forward-protocol", "ssh", "routing")
            ?? throw IosError.Invalid(line, o + 1);
        switch (sub)
        {
            case "route":
            {
                if (w.Count < o + 5) { if (negate && w.Count >= o + 4) { RemoveRoutes(c, w[o + 2], w[o + 3]); return; } throw IosError.Incomplete(); }
                if (!IosConfig.TryParseIpv4(w[o + 2], out var prefix)) throw IosError.Invalid(line, o + 2);
                if (!IosConfig.IsMask(w[o + 3])) throw IosError.Invalid(line, o + 3);
                var len = IosConfig.PrefixLength(w[o + 3]);
                var p = BitConverter.ToUInt32(prefix.GetAddressBytes().Reverse().ToArray());
                if (len < 32 && (p & (uint.MaxValue >> len)) != 0) throw new IosError("%Inconsistent address and mask");
                var via = w[o + 4];
                if (!IosConfig.TryParseIpv4(via, out _)) via = ResolveInterfaceName(via) ?? throw IosError.Invalid(line, o + 4);
                if (w.Count > o + 5 && (!int.TryParse(w[o + 5], out var distance) || distance < 1 || distance > 255)) throw IosError.Invalid(line, o + 5);
                if (w.Count > o + 6) throw IosError.Invalid(line, o + 6);
                var route = string.Join(' ', new[] { "ip", "route", w[o + 2], w[o + 3], via }.Concat(w.Skip(o + 5)));
                if (negate)
                {
                    if (c.Routes.RemoveAll(r => r == route || r.StartsWith(route + " ", StringComparison.Ordinal)) == 0)
                        throw new IosError("%No matching route to delete");
                    return;
                }
                // A route to the same prefix and next hop with a new distance replaces the old one, as on IOS.
                c.Routes.RemoveAll(r => string.Join(' ', r.Split(' ').Take(5)) == string.Join(' ', route.Split(' ').Take(5)));
                c.Routes.Add(route);
                return;
            }
            case "domain" when w.Count > o + 2 && IosError.Keyword(w[o + 2], "lookup", "name") == "lookup":
                c.DomainLookup = !negate;
                return;
            case "domain" or "domain-name":
            {
                var nameAt = sub == "domain" ? o + 3 : o + 2;
                if (sub == "domain" && (w.Count < o + 3 || IosError.Keyword(w[o + 2], "lookup", "name") != "name")) throw w.Count < o + 3 ? IosError.Incomplete() : IosError.Invalid(line, o + 2);
                if (w.Count <= nameAt && !negate) throw IosError.Incomplete();
                var key = sub == "domain" ? "ip domain name" : "ip domain-name";
                SetKeyed(c.HeadGlobals, (key + " " + string.Join(' ', w.Skip(nameAt))).TrimEnd(), key.Split(' ').Length, negate);
                return;
            }
            case "name-server":
                if (w.Count < o + 3) throw IosError.Incomplete();
                if (!IosConfig.TryParseIpv4(w[o + 2], out _)) throw IosError.Invalid(line, o + 2);
                SetKeyed(c.HeadGlobals, "ip name-server " + w[o + 2], 3, negate);
                return;
            case "http":
                if (w.Count < o + 3) throw IosError.Incomplete();
                var what = IosError.Keyword(w[o + 2], "server", "secure-server") ?? throw IosError.Invalid(line, o + 2);
                if (what == "server") c.HttpServer = !negate;
                return;
            case "ssh":
                if (w.Count < o + 4) throw IosError.Incomplete();
                SetKeyed(c.HeadGlobals, "ip ssh " + string.Join(' ', w.Skip(o + 2)), 3, negate);
                return;
            default: return; // ip cef, ip forward-protocol nd, ip routing: fixed on this router
        }
    }

    private static void RemoveRoutes(IosConfig c, string prefix, string mask)
    {
        if (c.Routes.RemoveAll(r => r.StartsWith($"ip route {prefix} {mask} ", StringComparison.Ordinal)) == 0)
            throw new IosError("%No matching route to delete");
    }

    private static bool TryInterface(IosConfig c, IosInterface itf, string line, List<string> w, int o, bool negate)
    {
        _ = c;
        var kw = IosError.Keyword(w[o], "description", "ip", "shutdown", "mtu", "encapsulation", "bandwidth", "delay", "duplex", "speed", "media-type", "switchport");
        if (kw is null) return false;
        string Rest(int from) => string.Join(' ', w.Skip(from));
        switch (kw)
        {
            case "description":
                if (negate) { itf.Description = null; return true; }
                if (w.Count < 2) throw IosError.Incomplete();
                var text = line.Trim()[(IosError.Tokens(line.Trim())[1].Start)..];
                if (text.Length > 240) throw IosError.Invalid(line, 1);
                itf.Description = text;
                return true;
            case "ip":
            {
                if (w.Count < o + 2) throw IosError.Incomplete();
                var sub = IosError.Keyword(w[o + 1], "address", "ospf", "helper-address", "mtu");
                if (sub is null) return false; // e.g. "ip route": a global command typed in interface mode
                if (sub == "address")
                {
                    if (negate)
                    {
                        if (w.Count >= o + 5) itf.Secondary.Remove(w[o + 2] + " " + w[o + 3]);
                        else { itf.Address = null; itf.Secondary.Clear(); }
                        return true;
                    }
                    if (w.Count < o + 4) throw IosError.Incomplete();
                    if (!IosConfig.TryParseIpv4(w[o + 2], out _)) throw IosError.Invalid(line, o + 2);
                    if (!IosConfig.IsMask(w[o + 3])) throw new IosError("Bad mask 0x" + MaskHex(w[o + 3]) + " for address " + w[o + 2]);
                    var secondary = w.Count > o + 4 && IosError.Keyword(w[o + 4], "secondary") == "secondary";
                    if (w.Count > o + 4 && !secondary) throw IosError.Invalid(line, o + 4);
                    if (w.Count > o + 5) throw IosError.Invalid(line, o + 5);
                    var value = w[o + 2] + " " + w[o + 3];
                    if (secondary) { if (!itf.Secondary.Contains(value)) itf.Secondary.Add(value); }
                    else itf.Address = value;
                    return true;
                }
                if (w.Count < o + 3 && !negate) throw IosError.Incomplete();
                var key = sub == "ospf" && w.Count > o + 2 ? "ip ospf " + w[o + 2] : sub == "helper-address" ? "ip helper-address " + Rest(o + 2) : "ip " + sub;
                SetKeyed(itf.Other, key, ("ip " + sub + " " + Rest(o + 2)).TrimEnd(), negate);
                return true;
            }
            case "shutdown": itf.Shutdown = !negate; return true;
            case "mtu":
                if (negate) { itf.Mtu = null; return true; }
                if (w.Count < 2) throw IosError.Incomplete();
                if (!int.TryParse(w[1], NumberStyles.None, CultureInfo.InvariantCulture, out var mtu) || mtu < 64 || mtu > 9216) throw IosError.Invalid(line, 1);
                itf.Mtu = mtu == 1500 ? null : mtu;
                return true;
            case "encapsulation":
                if (!itf.Name.Contains('.')) throw IosError.Invalid(line, o);
                if (negate) { itf.Encapsulation = null; return true; }
                if (w.Count < 3) throw IosError.Incomplete();
                if (IosError.Keyword(w[1], "dot1Q") is null) throw IosError.Invalid(line, 1);
                if (!int.TryParse(w[2], out var vlan) || vlan < 1 || vlan > 4094) throw IosError.Invalid(line, 2);
                itf.Encapsulation = "dot1Q " + vlan.ToString(CultureInfo.InvariantCulture);
                return true;
            case "bandwidth" or "delay":
                if (!negate && (w.Count < 2 || !int.TryParse(w[1], out _))) throw w.Count < 2 ? IosError.Incomplete() : IosError.Invalid(line, 1);
                SetKeyed(itf.Other, kw, (kw + " " + Rest(o + 1)).TrimEnd(), negate);
                return true;
            case "duplex" or "speed":
                if (!itf.Physical) throw IosError.Invalid(line, o);
                var allowed = kw == "duplex" ? new[] { "auto", "full", "half" } : ["auto", "10", "100", "1000"];
                var v = negate ? "auto" : w.Count < 2 ? throw IosError.Incomplete() : allowed.FirstOrDefault(a => a == w[1]) ?? throw IosError.Invalid(line, 1);
                if (kw == "duplex") itf.Duplex = v; else itf.Speed = v;
                return true;
            case "media-type": return true;
            default: throw IosError.Invalid(line, o); // switchport: this is a router
        }
    }

    private static string MaskHex(string mask) =>
        IosConfig.TryParseIpv4(mask, out var ip) ? Convert.ToHexString(ip.GetAddressBytes()) : "00000000";

    private static bool TryBlock(IosBlock block, string line, List<string> w, int o, bool negate)
    {
        string[] keys = block.Mode == "config-line"
            ? ["login", "transport", "exec-timeout", "logging", "privilege", "password", "stopbits", "session-timeout"]
            : ["router-id", "network", "passive-interface", "neighbor", "log-adjacency-changes", "redistribute", "default-information", "area", "maximum-paths", "auto-summary", "bgp"];
        var kw = IosError.Keyword(w[o], keys);
        if (kw is null) return false;
        var text = string.Join(' ', w.Skip(o));
        if (w.Count < o + 2 && kw is not ("log-adjacency-changes" or "auto-summary" or "login")) throw IosError.Incomplete();
        var key = kw switch
        {
            "router-id" or "exec-timeout" or "password" or "stopbits" or "login" or "maximum-paths" or "session-timeout" => kw,
            "transport" or "privilege" or "redistribute" or "bgp" when w.Count > o + 1 => kw + " " + w[o + 1],
            _ => text,
        };
        if (kw == "network" && block.Header.StartsWith("router ospf", StringComparison.Ordinal) && !negate)
        {
            if (w.Count < o + 5) throw IosError.Incomplete();
            if (!IosConfig.TryParseIpv4(w[o + 1], out _)) throw IosError.Invalid(line, o + 1);
            if (!IosConfig.TryParseIpv4(w[o + 2], out _)) throw IosError.Invalid(line, o + 2);
            if (IosError.Keyword(w[o + 3], "area") is null) throw IosError.Invalid(line, o + 3);
        }
        SetKeyed(block.Lines, key, text, negate);
        return true;
    }

    private static void SetKeyed(List<KeyValuePair<string, string>> list, string line, int keyWords, bool negate) =>
        SetKeyed(list, string.Join(' ', line.Split(' ').Take(keyWords)), line, negate);

    private static void SetKeyed(List<KeyValuePair<string, string>> list, string key, string line, bool negate)
    {
        var at = list.FindIndex(kv => kv.Key == key);
        if (negate)
        {
            if (at >= 0) list.RemoveAt(at);
            return;
        }
        if (at >= 0) list[at] = new(key, line);
        else list.Add(new(key, line));
    }

    /// <summary>Expands IOS interface abbreviations (<c>gi0/1</c>, <c>Lo 0</c>) to the full name, or null.</summary>
    public static string? ResolveInterfaceName(string text)
    {
        var m = InterfaceRegex().Match(text.Replace(" ", ""));
        if (!m.Success) return null;
        string[] types = ["GigabitEthernet", "Loopback", "Vlan", "Tunnel"];
        var hits = types.Where(t => t.StartsWith(m.Groups[1].Value, StringComparison.OrdinalIgnoreCase)).ToList();
        if (hits.Count != 1) return null;
        var type = hits[0];
        var number = m.Groups[2].Value;
        var ok = type == "GigabitEthernet" ? GigRegex().IsMatch(number) : int.TryParse(number, out var n) && n >= 0 && (type != "Vlan" || n is >= 1 and <= 4094);
        return ok ? type + number : null;
    }

    [GeneratedRegex(@"^[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex HostnameRegex();

    [GeneratedRegex(@"^([A-Za-z]+)([0-9][0-9/.]*)$")]
    private static partial Regex InterfaceRegex();

    [GeneratedRegex(@"^0/\d{1,2}(/\d{1,2})?(\.\d{1,4})?$")] // 0/1 (ISR G2 style) or 0/0/1 (IOS XE slot/subslot/port)
    private static partial Regex GigRegex();
}
