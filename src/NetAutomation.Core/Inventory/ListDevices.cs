using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Inventory;

public static class ListDevices
{
    public sealed record Query(PageRequest Page, int? SiteId = null, DeviceRole? Role = null, DeviceState? State = null, int? PlatformId = null);

    public sealed record Row(
        int Id, string Hostname, DeviceRole Role, DeviceState State, int SiteId, string Site, int PlatformId, string Platform,
        string ManagementAddress, string? SerialNumber, string? MacAddress, int? CredentialId, string? Credential, bool HostKeyPinned, int Interfaces, int Version);

    private static readonly Dictionary<string, Expression<Func<Device, object?>>> Sorts = new()
    {
        ["hostname"] = x => x.Hostname,
        ["role"] = x => x.Role,
        ["state"] = x => x.State,
        ["site"] = x => x.Site!.Name,
        ["platform"] = x => x.Platform!.Name,
        ["managementAddress"] = x => x.ManagementAddress,
    };

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs)
    {
        public async Task<Page<Row>> HandleAsync(Query query, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var devices = db.Devices.AsNoTracking();
            if (query.SiteId is { } site) devices = devices.Where(x => x.SiteId == site);
            if (query.Role is { } role) devices = devices.Where(x => x.Role == role);
            if (query.State is { } state) devices = devices.Where(x => x.State == state);
            if (query.PlatformId is { } platform) devices = devices.Where(x => x.PlatformId == platform);
            if (query.Page.SearchText() is { } s)
            {
                var lower = s.ToLowerInvariant();
                devices = devices.Where(x => x.Hostname.Contains(lower) || x.ManagementAddress.Contains(s) || (x.SerialNumber != null && x.SerialNumber.Contains(s))
                    || (x.MacAddress != null && x.MacAddress.Contains(lower)) || x.Site!.Name.Contains(s));
            }
            return await devices.ToPageAsync(query.Page, Sorts, x => new Row(
                x.Id, x.Hostname, x.Role, x.State, x.SiteId, x.Site!.Name, x.PlatformId, x.Platform!.Name, x.ManagementAddress, x.SerialNumber,
                x.MacAddress, x.CredentialId, x.Credential!.Name, x.SshHostKey != null, x.Interfaces.Count, x.Version), ct);
        }
    }
}
