using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Inventory;

/// <summary>Every device, interface and link as an <see cref="InventoryFile"/> that <see cref="ImportInventory"/> reads back.</summary>
public static class ExportInventory
{
    public sealed record Query(InventoryFileFormat Format);

    public sealed record Result(string Text, string ContentType, string FileName);

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs)
    {
        public async Task<Result> HandleAsync(Query query, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var devices = await db.Devices.OrderBy(x => x.Hostname)
                .Select(x => new { x.Hostname, x.Role, Site = x.Site!.Name, Platform = x.Platform!.Name, x.ManagementAddress, x.SerialNumber, x.MacAddress, Credential = x.Credential!.Name, x.State })
                .ToListAsync(ct);
            var interfaces = await db.Interfaces.OrderBy(x => x.Device!.Hostname).ThenBy(x => x.Id)
                .Select(x => new { Device = x.Device!.Hostname, x.Name, x.SpeedMbps, x.Enabled, x.Description }).ToListAsync(ct);
            var links = await db.Links.OrderBy(x => x.Id)
                .Select(x => new { A = x.AInterface!.Device!.Hostname, AName = x.AInterface.Name, B = x.BInterface!.Device!.Hostname, BName = x.BInterface.Name, x.CapacityMbps, x.Metric, x.State })
                .ToListAsync(ct);

            var rows = devices.Select(d => Row(InventoryFile.Device, ("device", d.Hostname), ("role", d.Role.ToString()), ("site", d.Site), ("platform", d.Platform),
                    ("management", d.ManagementAddress), ("serial", d.SerialNumber), ("mac", d.MacAddress), ("credential", d.Credential), ("state", d.State.ToString())))
                .Concat(interfaces.Select(i => Row(InventoryFile.Interface, ("device", i.Device), ("interface", i.Name), ("speed", Text(i.SpeedMbps)),
                    ("enabled", i.Enabled ? "true" : "false"), ("description", i.Description))))
                .Concat(links.Select(l => Row(InventoryFile.Link, ("device", l.A), ("interface", l.AName), ("peer_device", l.B), ("peer_interface", l.BName),
                    ("capacity", Text(l.CapacityMbps)), ("metric", Text(l.Metric)), ("state", l.State.ToString()))));
            var text = InventoryFile.Write(rows, query.Format);
            return query.Format == InventoryFileFormat.Yaml
                ? new Result(text, "application/yaml", "inventory.yaml")
                : new Result(text, "text/csv", "inventory.csv");
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static InventoryFile.Row Row(string kind, params (string Column, string? Value)[] cells) =>
        new(0, kind, cells.ToDictionary(c => c.Column, c => c.Value));
}
