using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;
using NetAutomation.Core.Ordering;
using NetAutomation.Devices;

namespace NetAutomation.Core.Provisioning;

/// <summary>
/// Every template slot: one per service kind, platform the device layer knows, and variant (Apply, Remove), with the
/// template's body when there is one, so admins also see which templates are missing.
/// </summary>
public static class ListTemplates
{
    public sealed record Query;

    /// <param name="Body">Null when the slot has no template yet: orders of that kind cannot reach devices of that platform.</param>
    /// <param name="Devices">Devices in the inventory on that platform (not decommissioned).</param>
    public sealed record Row(ServiceKind Kind, string Platform, TemplateVariant Variant, string? Body, DateTime? UpdatedAt, string? UpdatedBy, int Devices)
    {
        public string Name => $"{Kind}/{Platform}/{Variant}";
    }

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs)
    {
        public async Task<IReadOnlyList<Row>> HandleAsync(Query query, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var templates = await db.ConfigTemplates.AsNoTracking().ToListAsync(ct);
            var devices = (await db.Devices.AsNoTracking().Where(d => d.State != Inventory.DeviceState.Decommissioned)
                    .GroupBy(d => d.Platform!.DriverKey).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                .ToDictionary(g => g.Key, g => g.Count);
            var platforms = DevicePlatforms.All.Concat(templates.Select(t => t.Platform)).Distinct().Order().ToList();
            var rows = new List<Row>();
            foreach (var kind in Enum.GetValues<ServiceKind>())
            foreach (var platform in platforms)
            foreach (var variant in Enum.GetValues<TemplateVariant>())
            {
                var t = templates.SingleOrDefault(x => x.Kind == kind && x.Platform == platform && x.Variant == variant);
                rows.Add(new Row(kind, platform, variant, t?.Body, t?.UpdatedAt, t?.UpdatedBy, devices.GetValueOrDefault(platform)));
            }
            return rows;
        }
    }
}
