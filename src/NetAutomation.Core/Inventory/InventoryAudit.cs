using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Inventory;

/// <summary>Adds an <see cref="InventoryChange"/> to the same unit of work as the change itself, so both are saved or neither.</summary>
public static class InventoryAudit
{
    public const string System = "system";

    /// <summary>
    /// Saves the pending changes and their audit entry in one transaction. <paramref name="entityId"/> is read after the
    /// first save, so a new row's id is known. A unique index or version clash becomes a <see cref="ConflictException"/>.
    /// </summary>
    public static async Task SaveAsync(PortalDbContext db, TimeProvider clock, string actor, string entity, Func<int> entityId, string action, string summary, CancellationToken ct)
    {
        try
        {
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await db.SaveChangesAsync(ct);
                Record(db, clock.GetUtcNow().UtcDateTime, actor, entity, entityId(), action, summary);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException($"This {entity} was changed or deleted by someone else meanwhile; reload it and try again.");
        }
        catch (DbUpdateException)
        {
            // The checks before saving found no clash; a unique index or a reference says otherwise, so someone else got there first.
            throw new ConflictException($"The {entity} could not be saved because another change happened at the same time (a duplicate name or a reference removed); reload and try again.");
        }
    }

    /// <summary>A change staged on a context and not saved yet: what the audit entry will say once it is.</summary>
    public sealed record Pending(string Entity, Func<int> EntityId, string Action, string Summary);

    public static Task SaveAsync(PortalDbContext db, TimeProvider clock, string actor, Pending change, CancellationToken ct) =>
        SaveAsync(db, clock, actor, change.Entity, change.EntityId, change.Action, change.Summary, ct);

    public static void Record(PortalDbContext db, DateTime at, string actor, Pending change) =>
        Record(db, at, actor, change.Entity, change.EntityId(), change.Action, change.Summary);

    public static void Record(PortalDbContext db, DateTime at, string actor, string entity, int entityId, string action, string summary) =>
        db.InventoryChanges.Add(new InventoryChange
        {
            At = at,
            Actor = string.IsNullOrWhiteSpace(actor) ? System : actor,
            Entity = entity,
            EntityId = entityId,
            Action = action,
            Summary = summary.Length > 2000 ? summary[..2000] : summary,
        });
}
