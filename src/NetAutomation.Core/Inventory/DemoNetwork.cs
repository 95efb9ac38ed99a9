using System.Net;
using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;
using NetAutomation.Core.Identity;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace NetAutomation.Core.Inventory;

/// <summary>
/// The demo lab network from <c>database/seed/demo-lab.yaml</c>: loaded into an empty inventory in lab mode, and read by the
/// device simulator to build the same topology. Every value passes the same <see cref="InventoryRules"/> as a form would;
/// a bad seed stops start-up with every problem listed, rather than leaving half a network.
/// </summary>
public sealed class DemoNetwork(IDbContextFactory<PortalDbContext> dbs, CredentialSecrets secrets, TimeProvider clock)
{
    public sealed class SeedFile
    {
        public List<TenantSeed> Tenants { get; set; } = [];
        public List<PlatformSeed> Platforms { get; set; } = [];
        public List<CredentialSeed> Credentials { get; set; } = [];
        public List<SiteSeed> Sites { get; set; } = [];
        public List<DeviceSeed> Devices { get; set; } = [];
        public List<LinkSeed> Links { get; set; } = [];
        public List<VlanPoolSeed> VlanPools { get; set; } = [];
        public List<PrefixPoolSeed> PrefixPools { get; set; } = [];
    }

    public sealed class TenantSeed { public string Name { get; set; } = ""; public string Slug { get; set; } = ""; }
    public sealed class PlatformSeed { public string Name { get; set; } = ""; public string Vendor { get; set; } = ""; public string Os { get; set; } = ""; public string Driver { get; set; } = ""; }
    public sealed class CredentialSeed { public string Name { get; set; } = ""; public string Username { get; set; } = ""; public string Secret { get; set; } = ""; }
    public sealed class SiteSeed
    {
        public string Name { get; set; } = "";
        public SiteKind Kind { get; set; }
        public string? Tenant { get; set; }
        public string? Edge { get; set; }
        public string? Address { get; set; }
        public string? Description { get; set; }
    }
    public sealed class DeviceSeed
    {
        public string Hostname { get; set; } = "";
        public DeviceRole Role { get; set; }
        public string Site { get; set; } = "";
        public string Platform { get; set; } = "";
        public DeviceState State { get; set; } = DeviceState.Active;
        public string Management { get; set; } = "";
        public string? Serial { get; set; }
        public string? Mac { get; set; }
        public string? Credential { get; set; }
        public List<InterfaceSeed> Interfaces { get; set; } = [];
    }
    public sealed class InterfaceSeed { public string Name { get; set; } = ""; public int Speed { get; set; } public bool Enabled { get; set; } = true; public string? Description { get; set; } }
    public sealed class LinkSeed { public string A { get; set; } = ""; public string B { get; set; } = ""; public int Capacity { get; set; } public int Metric { get; set; } = 10; public LinkState State { get; set; } = LinkState.Up; }
    public sealed class VlanPoolSeed { public string Name { get; set; } = ""; public string? Site { get; set; } public string? Device { get; set; } public int First { get; set; } public int Last { get; set; } public string? Description { get; set; } }
    public sealed class PrefixPoolSeed { public string Name { get; set; } = ""; public string Prefix { get; set; } = ""; public int Length { get; set; } public string? Site { get; set; } public string? Description { get; set; } }

    public static SeedFile Read(string path)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(HyphenatedNamingConvention.Instance).Build();
        try
        {
            return deserializer.Deserialize<SeedFile>(File.ReadAllText(path)) ?? new SeedFile();
        }
        catch (YamlException e)
        {
            throw new InvalidOperationException($"The seed file {path} is not valid at line {e.Start.Line}, column {e.Start.Column}: {e.InnerException?.Message ?? e.Message}", e);
        }
    }

    /// <summary>Loads the file into the inventory if it holds no device yet. Returns false when there was something already.</summary>
    public async Task<bool> SeedAsync(string path, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.Devices.AnyAsync(ct) || await db.Sites.AnyAsync(ct)) return false;
        var seed = Read(path);
        var errors = new FieldErrors();
        var now = clock.GetUtcNow().UtcDateTime;

        var tenants = await db.Tenants.ToDictionaryAsync(t => t.Slug, ct);
        foreach (var t in seed.Tenants.Where(t => !tenants.ContainsKey(t.Slug)))
            db.Tenants.Add(tenants[t.Slug] = new Tenant { Name = InventoryRules.Name(errors, $"tenants.{t.Slug}", t.Name), Slug = t.Slug });

        var platforms = seed.Platforms.ToDictionary(p => p.Name, p => new Platform
        {
            Name = InventoryRules.Name(errors, $"platforms.{p.Name}", p.Name),
            Vendor = InventoryRules.Name(errors, $"platforms.{p.Name}.vendor", p.Vendor, "Vendor"),
            OsName = InventoryRules.Name(errors, $"platforms.{p.Name}.os", p.Os, "OS"),
            DriverKey = InventoryRules.Key(errors, $"platforms.{p.Name}.driver", p.Driver, "Driver"),
        });
        var credentials = seed.Credentials.ToDictionary(c => c.Name, c => new Credential
        {
            Name = InventoryRules.Name(errors, $"credentials.{c.Name}", c.Name),
            Username = InventoryRules.Name(errors, $"credentials.{c.Name}.username", c.Username, "User name"),
            ProtectedSecret = secrets.Protect(c.Secret),
        });
        var sites = seed.Sites.ToDictionary(s => s.Name, s => new Site
        {
            Name = InventoryRules.Name(errors, $"sites.{s.Name}", s.Name),
            Kind = s.Kind,
            Tenant = s.Tenant is null ? null : Lookup(errors, tenants, $"sites.{s.Name}.tenant", s.Tenant),
            Address = InventoryRules.Text(errors, $"sites.{s.Name}.address", s.Address, InventoryRules.TextLength),
            Description = InventoryRules.Text(errors, $"sites.{s.Name}.description", s.Description, InventoryRules.TextLength),
        });
        var devices = new Dictionary<string, Device>();
        foreach (var d in seed.Devices)
        {
            var field = $"devices.{d.Hostname}";
            var device = new Device
            {
                Hostname = InventoryRules.Hostname(errors, field, d.Hostname),
                Role = d.Role,
                State = d.State,
                Site = Lookup(errors, sites, $"{field}.site", d.Site),
                Platform = Lookup(errors, platforms, $"{field}.platform", d.Platform),
                ManagementAddress = InventoryRules.IpAddress(errors, $"{field}.management", d.Management),
                SerialNumber = InventoryRules.Text(errors, $"{field}.serial", d.Serial, InventoryRules.KeyLength),
                MacAddress = InventoryRules.MacAddress(errors, $"{field}.mac", d.Mac),
                Credential = d.Credential is null ? null : Lookup(errors, credentials, $"{field}.credential", d.Credential),
                Version = 1,
                Interfaces = d.Interfaces.Select(i => new Interface
                {
                    Name = InventoryRules.InterfaceName(errors, $"{field}.interfaces.{i.Name}", i.Name),
                    SpeedMbps = i.Speed,
                    Enabled = i.Enabled,
                    Description = InventoryRules.Text(errors, $"{field}.interfaces.{i.Name}.description", i.Description, InventoryRules.TextLength),
                }).ToList(),
            };
            if (!devices.TryAdd(d.Hostname, device)) errors.Add(field, $"Device {d.Hostname} is listed twice.");
        }
        foreach (var s in seed.Sites.Where(s => s.Edge is not null))
            sites[s.Name].EdgeDevice = Lookup(errors, devices, $"sites.{s.Name}.edge", s.Edge!);

        var linked = new HashSet<string>();
        var links = seed.Links.Select(l => new Link
        {
            AInterface = End(errors, devices, linked, l.A),
            BInterface = End(errors, devices, linked, l.B),
            CapacityMbps = l.Capacity,
            Metric = l.Metric,
            State = l.State,
        }).ToList();
        var vlanPools = seed.VlanPools.Select(p =>
        {
            InventoryRules.VlanRange(errors, $"vlan-pools.{p.Name}.first", p.First, $"vlan-pools.{p.Name}.last", p.Last);
            return new VlanPool
            {
                Name = InventoryRules.Name(errors, $"vlan-pools.{p.Name}", p.Name),
                Site = p.Site is null ? null : Lookup(errors, sites, $"vlan-pools.{p.Name}.site", p.Site),
                Device = p.Device is null ? null : Lookup(errors, devices, $"vlan-pools.{p.Name}.device", p.Device),
                FirstVlan = p.First,
                LastVlan = p.Last,
                Description = InventoryRules.Text(errors, $"vlan-pools.{p.Name}.description", p.Description, InventoryRules.TextLength),
            };
        }).ToList();
        var prefixPools = seed.PrefixPools.Select(p =>
        {
            var network = InventoryRules.Prefix(errors, $"prefix-pools.{p.Name}.prefix", p.Prefix);
            if (network is not null && (p.Length < network.Cidr || p.Length > InventoryRules.MaxLength(network)))
                errors.Add($"prefix-pools.{p.Name}.length", $"Length /{p.Length} does not fit in {p.Prefix}.");
            return new PrefixPool
            {
                Name = InventoryRules.Name(errors, $"prefix-pools.{p.Name}", p.Name),
                Prefix = network is null ? p.Prefix : InventoryRules.Canonical(network),
                ChildLength = p.Length,
                Site = p.Site is null ? null : Lookup(errors, sites, $"prefix-pools.{p.Name}.site", p.Site),
                Description = InventoryRules.Text(errors, $"prefix-pools.{p.Name}.description", p.Description, InventoryRules.TextLength),
            };
        }).ToList();
        var parsedPools = prefixPools.Where(p => p.Prefix.Contains('/')).Select(p => (p.Name, Net: IPNetwork2.Parse(p.Prefix))).ToList();
        foreach (var (a, i) in parsedPools.Select((p, i) => (p, i)))
            foreach (var b in parsedPools.Skip(i + 1).Where(b => b.Net.AddressFamily == a.Net.AddressFamily && b.Net.Overlap(a.Net)))
                errors.Add($"prefix-pools.{b.Name}.prefix", $"{b.Net} overlaps pool {a.Name}.");

        if (errors.Any)
            throw new InvalidOperationException($"The seed file {path} has problems: " +
                string.Join(" ", errors.ToDictionary().Select(e => $"[{e.Key}] {string.Join(" ", e.Value)}")));

        db.AddRange(platforms.Values);
        db.AddRange(credentials.Values);
        db.AddRange(sites.Values);
        db.AddRange(devices.Values);
        db.AddRange(links);
        db.AddRange(vlanPools);
        db.AddRange(prefixPools);
        db.InventoryChanges.Add(new InventoryChange
        {
            At = now, Actor = InventoryAudit.System, Entity = "inventory", EntityId = 0, Action = "seeded",
            Summary = $"Demo network from {Path.GetFileName(path)}: {sites.Count} sites, {devices.Count} devices, {links.Count} links, {vlanPools.Count + prefixPools.Count} pools.",
        });
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static T? Lookup<T>(FieldErrors errors, IReadOnlyDictionary<string, T> known, string field, string name) where T : class
    {
        if (known.TryGetValue(name, out var value)) return value;
        errors.Add(field, $"'{name}' is not defined in the seed file.");
        return null;
    }

    private static Interface? End(FieldErrors errors, Dictionary<string, Device> devices, HashSet<string> linked, string end)
    {
        var field = $"links.{end}";
        var parts = end.Split(':', 2);
        if (parts.Length != 2 || !devices.TryGetValue(parts[0], out var device))
        {
            errors.Add(field, $"'{end}' does not name a device:interface of the seed.");
            return null;
        }
        var iface = device.Interfaces.FirstOrDefault(i => i.Name == parts[1]);
        if (iface is null) errors.Add(field, $"{parts[0]} has no interface {parts[1]} in the seed.");
        else if (!linked.Add(end)) errors.Add(field, $"{end} is in two links.");
        return iface;
    }
}
