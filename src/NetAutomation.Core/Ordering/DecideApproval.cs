using Hangfire;
using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;
using NetAutomation.Core.Inventory;
using NetAutomation.Core.Live;
using NetAutomation.Core.Provisioning;

namespace NetAutomation.Core.Ordering;

/// <summary>
/// A NOC user approves or rejects a change that waits at the approval gate, with a reason. Approved, the order goes
/// back to the orchestrator (which checks the dry run is still the one approved); rejected, its holds are released
/// and the customer sees why.
/// </summary>
public static class DecideApproval
{
    public sealed record Command(int OrderId, bool Approve, string? Reason);

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs, Allocator allocator, IBackgroundJobClient jobs, ILiveFeed feed, TimeProvider clock)
    {
        public async Task HandleAsync(Command c, string actor, CancellationToken ct = default)
        {
            var errors = new FieldErrors();
            var reason = InventoryRules.Text(errors, nameof(c.Reason), c.Reason, InventoryRules.TextLength, required: !c.Approve, label: "Reason");
            errors.ThrowIfAny();

            await using var db = await dbs.CreateDbContextAsync(ct);
            var order = await db.Orders.Include(o => o.Resources).SingleOrDefaultAsync(o => o.Id == c.OrderId, ct)
                ?? throw new NotFoundException($"Order {c.OrderId} does not exist.");
            if (order.State != OrderState.AwaitingApproval)
                throw new ConflictException($"Order {order.Id} is {order.State}, not waiting for approval.");
            var now = clock.GetUtcNow().UtcDateTime;
            OrderEvent e;
            if (c.Approve)
            {
                (order.ApprovedBy, order.ApprovedAt, order.ApprovalNote) = (actor, now, reason);
                order.Step = ProvisionStep.Plan;
                e = order.MoveTo(OrderState.Provisioning, $"Approved by {actor}" + (reason is null ? "." : $": {reason}"), now);
            }
            else
            {
                order.FailureReason = $"Rejected by {actor}: {reason}";
                e = order.MoveTo(OrderState.Rejected, $"{order.FailureReason} Resources released; no device was changed.", now);
            }
            order.Version++;
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException)
            {
                throw new ConflictException($"Order {order.Id} was changed meanwhile (cancelled or decided by someone else); reload it.");
            }
            if (c.Approve) jobs.Enqueue<ProvisionServiceJob>(j => j.RunAsync(order.Id, CancellationToken.None));
            else foreach (var r in order.Resources) await allocator.ReleaseAsync(r.AllocationId, actor, CancellationToken.None);
            await OrderFeed.PublishAsync(feed, order, e.Message, clock.GetUtcNow());
        }
    }
}
