using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;
using NetAutomation.Core.Inventory;
using NetAutomation.Core.Live;
using NetAutomation.Devices;

namespace NetAutomation.Core.Provisioning;

/// <summary>Turns inventory devices into driver targets: platform, management address, decrypted login, pinned host key.</summary>
public sealed class DeviceAccess(IDbContextFactory<PortalDbContext> dbs, CredentialSecrets secrets)
{
    public async Task<DeviceTarget> TargetAsync(int deviceId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var device = await db.Devices.AsNoTracking().Include(d => d.Platform).Include(d => d.Credential)
            .SingleOrDefaultAsync(d => d.Id == deviceId, ct) ?? throw new NotFoundException($"Device {deviceId} does not exist.");
        if (device.Credential is null)
            throw new ConflictException($"{device.Hostname} has no credential; an admin must set one before the portal can log in.");
        return new DeviceTarget(device.Hostname, device.Platform!.DriverKey, device.ManagementAddress, 22,
            new DeviceCredentials(device.Credential.Username, secrets.Reveal(device.Credential)), device.SshHostKey);
    }
}

/// <summary>
/// Host-key pinning against the inventory: the first key a device shows is recorded on it; a different key later
/// refuses the session (the connector does that) and raises an alarm on the NOC's live feed.
/// </summary>
public sealed class InventoryDeviceEvents(IDbContextFactory<PortalDbContext> dbs, ILiveFeed feed, TimeProvider clock) : IDeviceEvents
{
    public async ValueTask HostKeyFirstSeenAsync(DeviceTarget target, string fingerprint)
    {
        await using var db = await dbs.CreateDbContextAsync();
        await db.Devices.Where(d => d.Hostname == target.Name && d.SshHostKey == null)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.SshHostKey, fingerprint));
    }

    public async ValueTask HostKeyChangedAsync(DeviceTarget target, string pinned, string presented) =>
        await feed.PublishAsync(new LiveEvent(LiveTopics.Noc, "device.hostkey-changed", $"device/{target.Name}",
            $"{target.Name} presented SSH host key {presented}, not the pinned {pinned}: the portal refused to log in. Check the device before trusting the new key.",
            clock.GetUtcNow()));
}
