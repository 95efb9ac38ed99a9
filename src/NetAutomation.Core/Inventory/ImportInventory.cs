using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Inventory;

/// <summary>
/// Bulk import of devices, interfaces and links from an <see cref="InventoryFile"/>. Each row becomes the command of the
/// matching form (<see cref="SaveDevice"/>, <see cref="SaveInterface"/>, <see cref="SaveLink"/>) and is checked by the same
/// code, one row after another inside one transaction, so a link may use an interface created a few lines above. A dry run
/// always rolls the transaction back; an apply commits only when every row passed, with an audit entry per change.
/// Rows name existing objects to update them (a device by hostname, an interface by device and name, a link by its two ends).
/// </summary>
public static class ImportInventory
{
    public sealed record Command(string Text, InventoryFileFormat Format, bool DryRun);

    /// <summary>What a row does: <c>create</c> or <c>update</c>, and the object it names (e.g. <c>edge1 Gi0/0/1</c>).</summary>
    public sealed record Change(int Line, string Kind, string Name, string Action);

    /// <summary><see cref="Applied"/> is true only when nothing was wrong and it was not a dry run.</summary>
    public sealed record Result(bool Applied, IReadOnlyList<Change> Changes, IReadOnlyList<InventoryFile.Problem> Problems);

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(Command c, string actor, CancellationToken ct = default)
        {
            var readProblems = new List<InventoryFile.Problem>();
            var rows = InventoryFile.Read(c.Text, c.Format, readProblems);
            if (rows.Count == 0) return new Result(false, [], readProblems);

            await using var db = await dbs.CreateDbContextAsync(ct);
            return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
            {
                var problems = new List<InventoryFile.Problem>(readProblems); // a retry starts afresh
                db.ChangeTracker.Clear();
                var changes = new List<Change>();
                var audit = new List<InventoryAudit.Pending>();
                var seen = new Dictionary<string, int>();
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                foreach (var row in rows)
                {
                    try
                    {
                        var (name, pending) = await StageAsync(db, row, ct);
                        if (seen.TryGetValue(row.Kind + " " + name, out var first))
                            throw ValidationFailedException.For("row", $"It repeats the {row.Kind} {name} of line {first}; give each object one row.");
                        seen[row.Kind + " " + name] = row.Line;
                        await db.SaveChangesAsync(ct); // later rows are checked against this one
                        changes.Add(new Change(row.Line, row.Kind, name, pending.Action == "created" ? "create" : "update"));
                        audit.Add(pending with { Summary = $"Import line {row.Line}: {pending.Summary}" });
                    }
                    catch (ValidationFailedException e)
                    {
                        problems.AddRange(e.Errors.SelectMany(x => x.Value).Select(m => new InventoryFile.Problem(row.Line, m)));
                        db.ChangeTracker.Clear();
                    }
                    catch (Exception e) when (e is InventoryException or DbUpdateException)
                    {
                        problems.Add(new(row.Line, e is InventoryException ? e.Message : "The database refused this row (a duplicate or a missing reference)."));
                        db.ChangeTracker.Clear();
                    }
                }
                if (c.DryRun || problems.Count > 0)
                {
                    await tx.RollbackAsync(ct);
                    return new Result(false, changes, problems.OrderBy(p => p.Line).ToList());
                }
                var now = clock.GetUtcNow().UtcDateTime;
                foreach (var pending in audit) InventoryAudit.Record(db, now, actor, pending);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return new Result(true, changes, []);
            }, ct);
        }
    }

    /// <summary>Turns a row into its form's command (names resolved to ids) and stages it through that form's own checks.</summary>
    private static async Task<(string Name, InventoryAudit.Pending Change)> StageAsync(PortalDbContext db, InventoryFile.Row row, CancellationToken ct)
    {
        var errors = new FieldErrors();
        switch (row.Kind)
        {
            case InventoryFile.Device:
            {
                var hostname = Required(errors, row, "device");
                var siteId = await IdAsync(errors, "site", row["site"], db.Sites.Where(x => x.Name == row["site"]).Select(x => x.Id), ct);
                var platformId = await IdAsync(errors, "platform", row["platform"], db.Platforms.Where(x => x.Name == row["platform"]).Select(x => x.Id), ct);
                int? credentialId = row["credential"] is null ? null
                    : await IdAsync(errors, "credential", row["credential"], db.Credentials.Where(x => x.Name == row["credential"]).Select(x => x.Id), ct);
                var role = Enum<DeviceRole>(errors, row, "role", null);
                var state = Enum<DeviceState>(errors, row, "state", DeviceState.Planned);
                var id = await db.Devices.Where(x => x.Hostname == hostname).Select(x => (int?)x.Id).SingleOrDefaultAsync(ct);
                var command = new SaveDevice.Command(id, row["device"], role, siteId, platformId, row["management"], row["serial"], row["mac"], state, credentialId);
                return (hostname, await StageWithAsync(errors, () => SaveDevice.StageAsync(db, command, ct)));
            }
            case InventoryFile.Interface:
            {
                var deviceId = await DeviceIdAsync(db, errors, row["device"], "device", ct);
                var name = Required(errors, row, "interface", lowerCase: false);
                var speed = Number(errors, row, "speed", 0);
                var enabled = Flag(errors, row, "enabled", true);
                var id = await db.Interfaces.Where(x => x.DeviceId == deviceId && x.Name == name).Select(x => (int?)x.Id).SingleOrDefaultAsync(ct);
                var command = new SaveInterface.Command(id, deviceId, row["interface"], speed, enabled, row["description"]);
                return ($"{row["device"]} {name}", await StageWithAsync(errors, () => SaveInterface.StageAsync(db, command, ct)));
            }
            case InventoryFile.Link:
            {
                var a = await InterfaceIdAsync(db, errors, row, "device", "interface", ct);
                var b = await InterfaceIdAsync(db, errors, row, "peer_device", "peer_interface", ct);
                var capacity = Number(errors, row, "capacity", 0);
                var metric = Number(errors, row, "metric", 10);
                var state = Enum<LinkState>(errors, row, "state", LinkState.Up);
                var id = await db.Links.Where(l => (l.AInterfaceId == a && l.BInterfaceId == b) || (l.AInterfaceId == b && l.BInterfaceId == a))
                    .Select(l => (int?)l.Id).SingleOrDefaultAsync(ct);
                var command = new SaveLink.Command(id, a, b, capacity, metric, state);
                var ends = new[] { $"{row["device"]} {row["interface"]}", $"{row["peer_device"]} {row["peer_interface"]}" }.Order(StringComparer.Ordinal);
                return (string.Join(" - ", ends), await StageWithAsync(errors, () => SaveLink.StageAsync(db, command, ct)));
            }
            default:
                throw ValidationFailedException.For("kind", row.Kind.Length == 0
                    ? "The kind is missing: say device, interface or link."
                    : $"Kind '{InventoryRules.Visible(row.Kind)}' is not one of device, interface, link.");
        }
    }

    /// <summary>
    /// Runs the form's checks even when a name did not resolve, so one pass reports everything wrong with the row;
    /// the form's message for an id this row never had ("Site 0 does not exist") gives way to the row's own ("Unknown site 'X'").
    /// </summary>
    private static async Task<InventoryAudit.Pending> StageWithAsync<T>(FieldErrors errors, Func<Task<(T, InventoryAudit.Pending)>> stage)
    {
        try
        {
            var (_, pending) = await stage();
            errors.ThrowIfAny();
            return pending;
        }
        catch (ValidationFailedException e) when (errors.Any)
        {
            var own = errors.ToDictionary();
            var merged = own.Select(x => x.Value).Concat(e.Errors.Where(x => !x.Key.EndsWith("Id", StringComparison.Ordinal)).Select(x => x.Value));
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["row"] = merged.SelectMany(m => m).Distinct().ToArray() });
        }
    }

    private static string Required(FieldErrors errors, InventoryFile.Row row, string column, bool lowerCase = true)
    {
        var value = row[column];
        if (value is null) errors.Add(column, $"The {column} column is empty.");
        return lowerCase ? value?.ToLowerInvariant() ?? "" : value ?? "";
    }

    private static async Task<int> IdAsync(FieldErrors errors, string column, string? name, IQueryable<int> query, CancellationToken ct)
    {
        if (name is null)
        {
            errors.Add(column, $"The {column.Replace('_', ' ')} column is empty.");
            return 0;
        }
        var id = await query.Select(x => (int?)x).FirstOrDefaultAsync(ct);
        if (id is null) errors.Add(column, $"Unknown {column.Replace('_', ' ')} '{InventoryRules.Visible(name)}'.");
        return id ?? 0;
    }

    private static Task<int> DeviceIdAsync(PortalDbContext db, FieldErrors errors, string? hostname, string column, CancellationToken ct)
    {
        var key = hostname?.ToLowerInvariant();
        return IdAsync(errors, column, hostname, db.Devices.Where(x => x.Hostname == key).Select(x => x.Id), ct);
    }

    private static async Task<int> InterfaceIdAsync(PortalDbContext db, FieldErrors errors, InventoryFile.Row row, string deviceColumn, string interfaceColumn, CancellationToken ct)
    {
        var deviceId = await DeviceIdAsync(db, errors, row[deviceColumn], deviceColumn, ct);
        if (deviceId == 0) return 0;
        var name = row[interfaceColumn];
        return await IdAsync(errors, interfaceColumn, name is null ? null : $"{row[deviceColumn]} {name}",
            db.Interfaces.Where(x => x.DeviceId == deviceId && x.Name == name).Select(x => x.Id), ct);
    }

    private static T Enum<T>(FieldErrors errors, InventoryFile.Row row, string column, T? fallback) where T : struct, Enum
    {
        var text = row[column];
        if (text is null && fallback is { } f) return f;
        if (text is not null && !int.TryParse(text, out _) && System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value)) return value;
        errors.Add(column, $"The {column} '{InventoryRules.Visible(text ?? "")}' is not one of: {string.Join(", ", System.Enum.GetNames<T>())}.");
        return default;
    }

    private static int Number(FieldErrors errors, InventoryFile.Row row, string column, int fallback)
    {
        var text = row[column];
        if (text is null) return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return value;
        errors.Add(column, $"The {column} '{InventoryRules.Visible(text)}' is not a whole number.");
        return fallback;
    }

    private static bool Flag(FieldErrors errors, InventoryFile.Row row, string column, bool fallback)
    {
        switch (row[column]?.ToLowerInvariant())
        {
            case null: return fallback;
            case "true" or "yes" or "1": return true;
            case "false" or "no" or "0": return false;
            default:
                errors.Add(column, $"The {column} '{InventoryRules.Visible(row[column]!)}' is not true or false.");
                return fallback;
        }
    }
}
