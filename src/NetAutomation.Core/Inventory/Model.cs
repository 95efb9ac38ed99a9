using NetAutomation.Core.Identity;

namespace NetAutomation.Core.Inventory;

public enum SiteKind { Provider, Customer }

public enum DeviceRole { Core, Aggregation, Edge, Cpe }

/// <summary>A device's lifecycle, as NetBox keeps it: only Active devices carry services.</summary>
public enum DeviceState { Planned, Staged, Active, Maintenance, Decommissioned }

public enum LinkState { Planned, Up, Down }

public enum AllocationKind { Vlan, Prefix }

/// <summary>Held: reserved for an order, expires unless committed. Committed: in service. Released: free again.</summary>
public enum AllocationState { Held, Committed, Released }

/// <summary>A place: a provider point of presence, or a customer's premises attached to a provider edge router.</summary>
public sealed class Site
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public SiteKind Kind { get; set; }
    /// <summary>The customer who owns a customer site; null for provider sites.</summary>
    public int? TenantId { get; set; }
    public Tenant? Tenant { get; set; }
    public string? Address { get; set; }
    public string? Description { get; set; }
    /// <summary>For a customer site: the provider edge router its access circuit lands on.</summary>
    public int? EdgeDeviceId { get; set; }
    public Device? EdgeDevice { get; set; }
}

/// <summary>A kind of device software, and the driver that talks to it (e.g. <c>ios</c>, <c>frr</c>).</summary>
public sealed class Platform
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Vendor { get; set; }
    public required string OsName { get; set; }
    public required string DriverKey { get; set; }
}

public sealed class Device
{
    public int Id { get; set; }
    public required string Hostname { get; set; }
    public DeviceRole Role { get; set; }
    public int SiteId { get; set; }
    public Site? Site { get; set; }
    public int PlatformId { get; set; }
    public Platform? Platform { get; set; }
    /// <summary>Management IP address (v4 or v6), canonical text.</summary>
    public required string ManagementAddress { get; set; }
    public string? SerialNumber { get; set; }
    /// <summary>Base MAC address, lower-case colon form (zero-touch provisioning matches on it).</summary>
    public string? MacAddress { get; set; }
    public DeviceState State { get; set; } = DeviceState.Planned;
    public int? CredentialId { get; set; }
    public Credential? Credential { get; set; }
    /// <summary>The SSH host key recorded at first contact (base64 of the key blob with its algorithm); a different key refuses pushes.</summary>
    public string? SshHostKey { get; set; }
    public List<Interface> Interfaces { get; set; } = [];
    /// <summary>Optimistic concurrency: two admins editing one device cannot silently overwrite each other.</summary>
    public int Version { get; set; }
}

public sealed class Interface
{
    public int Id { get; set; }
    public int DeviceId { get; set; }
    public Device? Device { get; set; }
    public required string Name { get; set; }
    public int SpeedMbps { get; set; }
    public bool Enabled { get; set; } = true;
    public string? Description { get; set; }
}

/// <summary>A cable or circuit between two interfaces. An interface is in at most one link.</summary>
public sealed class Link
{
    public int Id { get; set; }
    public int AInterfaceId { get; set; }
    public Interface? AInterface { get; set; }
    public int BInterfaceId { get; set; }
    public Interface? BInterface { get; set; }
    public int CapacityMbps { get; set; }
    /// <summary>IGP metric: lower is preferred when paths are planned.</summary>
    public int Metric { get; set; } = 10;
    public LinkState State { get; set; } = LinkState.Up;
}

/// <summary>Log-in details for devices. The secret is encrypted with Data Protection and never shown back.</summary>
public sealed class Credential
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Username { get; set; }
    /// <summary>Data Protection ciphertext of the secret (purpose <see cref="CredentialSecrets.Purpose"/>).</summary>
    public required string ProtectedSecret { get; set; }
}

/// <summary>A range of VLAN ids handed out to services, scoped to a site or a device (VLAN 100 at two sites are two VLANs).</summary>
public sealed class VlanPool
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public int? SiteId { get; set; }
    public Site? Site { get; set; }
    public int? DeviceId { get; set; }
    public Device? Device { get; set; }
    public int FirstVlan { get; set; }
    public int LastVlan { get; set; }
    public string? Description { get; set; }
}

/// <summary>A parent prefix carved into children of one length: /31 point-to-point, /32 loopbacks, /29 customer blocks, /64 or /127 in IPv6.</summary>
public sealed class PrefixPool
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>Canonical CIDR text of the parent, e.g. <c>10.255.0.0/24</c>.</summary>
    public required string Prefix { get; set; }
    public int ChildLength { get; set; }
    public int? SiteId { get; set; }
    public Site? Site { get; set; }
    public string? Description { get; set; }
}

/// <summary>
/// One VLAN or prefix handed to someone. While it is held or committed, <see cref="ActiveKey"/> names the resource and
/// a unique index on it makes the database refuse a second holder: that, not the code, is what prevents double allocation.
/// </summary>
public sealed class Allocation
{
    public int Id { get; set; }
    public AllocationKind Kind { get; set; }
    public int? VlanPoolId { get; set; }
    public VlanPool? VlanPool { get; set; }
    public int? PrefixPoolId { get; set; }
    public PrefixPool? PrefixPool { get; set; }
    public int? Vlan { get; set; }
    public string? Prefix { get; set; }
    /// <summary>What it is for, e.g. <c>order/42</c>.</summary>
    public required string Owner { get; set; }
    public int? TenantId { get; set; }
    public Tenant? Tenant { get; set; }
    public AllocationState State { get; set; }
    // Times are UTC DateTime, not DateTimeOffset: SQLite can compare and sort DateTime but not DateTimeOffset.
    public DateTime CreatedAt { get; set; }
    public DateTime ChangedAt { get; set; }
    public DateTime? HeldUntil { get; set; }
    /// <summary>Set while held or committed, null once released; unique.</summary>
    public string? ActiveKey { get; set; }
    public int Version { get; set; }

    public string Resource => Kind == AllocationKind.Vlan ? $"VLAN {Vlan}" : Prefix ?? "";

    public static string VlanKey(int poolId, int vlan) => $"vlan:{poolId}:{vlan}";

    /// <summary>Prefix keys are global, not per pool: the same prefix is never held twice whichever pool it came from.</summary>
    public static string PrefixKey(string prefix) => $"prefix:{prefix}";
}

/// <summary>Who changed what in the inventory, and when. Allocation changes are written here too.</summary>
public sealed class InventoryChange
{
    public long Id { get; set; }
    /// <summary>UTC.</summary>
    public DateTime At { get; set; }
    public required string Actor { get; set; }
    /// <summary>e.g. <c>device</c>, <c>allocation</c>.</summary>
    public required string Entity { get; set; }
    public int EntityId { get; set; }
    /// <summary>e.g. <c>created</c>, <c>updated</c>, <c>deleted</c>, <c>held</c>, <c>committed</c>, <c>released</c>, <c>expired</c>.</summary>
    public required string Action { get; set; }
    public required string Summary { get; set; }
}
