using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Inventory;

/// <summary>
/// Creates a device or changes one. <see cref="Command.Version"/> is the version the editor loaded: if someone else
/// saved the device meanwhile the change is refused rather than silently overwriting theirs.
/// </summary>
public static class SaveDevice
{
    public sealed record Command(
        int? Id, string? Hostname, DeviceRole Role, int SiteId, int PlatformId, string? ManagementAddress,
        string? SerialNumber = null, string? MacAddress = null, DeviceState State = DeviceState.Planned, int? CredentialId = null, int? Version = null);

    public sealed record Result(int Id, int Version);

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(Command c, string actor, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var (device, change) = await StageAsync(db, c, ct);
            await InventoryAudit.SaveAsync(db, clock, actor, change, ct);
            return new Result(device.Id, device.Version);
        }
    }

    /// <summary>Checks the command against <paramref name="db"/> and stages the change on it, unsaved; import uses it too.</summary>
    internal static async Task<(Device Device, InventoryAudit.Pending Change)> StageAsync(PortalDbContext db, Command c, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var hostname = InventoryRules.Hostname(errors, nameof(c.Hostname), c.Hostname);
        var address = InventoryRules.IpAddress(errors, nameof(c.ManagementAddress), c.ManagementAddress, "Management address");
        var serial = InventoryRules.Text(errors, nameof(c.SerialNumber), c.SerialNumber, InventoryRules.KeyLength, label: "Serial number");
        var mac = InventoryRules.MacAddress(errors, nameof(c.MacAddress), c.MacAddress);
        if (!Enum.IsDefined(c.Role)) errors.Add(nameof(c.Role), $"Role must be one of: {string.Join(", ", Enum.GetNames<DeviceRole>())}.");
        if (!Enum.IsDefined(c.State)) errors.Add(nameof(c.State), $"State must be one of: {string.Join(", ", Enum.GetNames<DeviceState>())}.");

        var device = c.Id is { } id
            ? await db.Devices.SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException($"Device {id} does not exist.")
            : new Device { Hostname = hostname, ManagementAddress = address };
        if (c.Id is not null && c.Version is { } v && v != device.Version)
            throw new ConflictException($"{device.Hostname} was changed by someone else since you opened it; reload it and try again.");

        if (!errors.Has(nameof(c.Hostname)) && await db.Devices.AnyAsync(x => x.Hostname == hostname && x.Id != device.Id, ct))
            errors.Add(nameof(c.Hostname), $"A device named '{hostname}' already exists.");
        if (!errors.Has(nameof(c.ManagementAddress)) && await db.Devices.AnyAsync(x => x.ManagementAddress == address && x.Id != device.Id, ct))
            errors.Add(nameof(c.ManagementAddress), $"Management address {address} is already used by another device.");
        if (mac is not null && await db.Devices.AnyAsync(x => x.MacAddress == mac && x.Id != device.Id, ct))
            errors.Add(nameof(c.MacAddress), $"MAC address {mac} is already used by another device.");
        if (!await db.Sites.AnyAsync(x => x.Id == c.SiteId, ct)) errors.Add(nameof(c.SiteId), c.SiteId == 0 ? "Site is required." : $"Site {c.SiteId} does not exist.");
        if (!await db.Platforms.AnyAsync(x => x.Id == c.PlatformId, ct)) errors.Add(nameof(c.PlatformId), c.PlatformId == 0 ? "Platform is required." : $"Platform {c.PlatformId} does not exist.");
        if (c.CredentialId is { } cred && !await db.Credentials.AnyAsync(x => x.Id == cred, ct)) errors.Add(nameof(c.CredentialId), $"Credential {cred} does not exist.");
        if (device.Id != 0 && device.Role == DeviceRole.Edge && c.Role != DeviceRole.Edge && await db.Sites.AnyAsync(x => x.EdgeDeviceId == device.Id, ct))
            errors.Add(nameof(c.Role), $"Customer sites are attached to {device.Hostname}; it must stay an edge router until they move.");
        errors.ThrowIfAny();

        var created = device.Id == 0;
        device.Hostname = hostname;
        device.Role = c.Role;
        device.SiteId = c.SiteId;
        device.PlatformId = c.PlatformId;
        device.ManagementAddress = address;
        device.SerialNumber = serial;
        device.MacAddress = mac;
        device.State = c.State;
        device.CredentialId = c.CredentialId;
        device.Version++;
        if (created) db.Devices.Add(device);
        return (device, new("device", () => device.Id, created ? "created" : "updated", $"Device {hostname}: {c.Role}, {c.State}, management {address}."));
    }
}
