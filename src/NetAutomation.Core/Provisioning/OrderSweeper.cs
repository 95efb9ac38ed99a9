using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NetAutomation.Core.Data;
using NetAutomation.Core.Ordering;

namespace NetAutomation.Core.Provisioning;

/// <summary>
/// Finds orders that nobody is working on although they are not finished: a run that died with its process (its lease
/// ran out) or a job that never started. Each gets a new run, which resumes it: a provisioning order that died during
/// push, verify or commit has the change taken off every device and fails, saying so; one that died earlier starts
/// again; a decommissioning order finishes taking the service off.
/// </summary>
public sealed class OrderSweeper(IDbContextFactory<PortalDbContext> dbs, IBackgroundJobClient jobs, TimeProvider clock, IOptions<ProvisioningOptions> options)
{
    /// <summary>A placed order whose job has not started after this long is queued again.</summary>
    public static readonly TimeSpan PlacedGrace = TimeSpan.FromMinutes(5);

    /// <summary>Queues a run for each abandoned order; returns their ids.</summary>
    public async Task<IReadOnlyList<int>> SweepAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var quiet = now - TimeSpan.FromSeconds(options.Value.LeaseSeconds);
        var placedBefore = now - PlacedGrace;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var abandoned = await db.Orders.AsNoTracking()
            .Where(o => o.LeaseUntil == null
                ? (o.State == OrderState.Placed && o.UpdatedAt < placedBefore) || ((o.State == OrderState.Provisioning || o.State == OrderState.Decommissioning) && o.UpdatedAt < quiet)
                : o.LeaseUntil < now && (o.State == OrderState.Placed || o.State == OrderState.Provisioning || o.State == OrderState.Decommissioning))
            .Select(o => new { o.Id, o.State }).ToListAsync(ct);
        var queued = new List<int>();
        foreach (var o in abandoned)
        {
            // Not swept again while the new run waits in the queue (see OrderLease.Queued); the update only wins if nobody took it meanwhile.
            var until = now + TimeSpan.FromSeconds(options.Value.LeaseSeconds);
            var mine = await db.Orders.Where(x => x.Id == o.Id && (x.LeaseUntil == null || x.LeaseUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LeaseOwner, OrderLease.Queued).SetProperty(x => x.LeaseUntil, until), ct);
            if (mine == 0) continue;
            queued.Add(o.Id);
            if (o.State == OrderState.Decommissioning) jobs.Enqueue<ProvisionServiceJob>(j => j.DecommissionAsync(o.Id, CancellationToken.None));
            else jobs.Enqueue<ProvisionServiceJob>(j => j.RunAsync(o.Id, CancellationToken.None));
        }
        return queued;
    }
}
