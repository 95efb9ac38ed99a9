using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetAutomation.Core.Data;
using NetAutomation.Core.Inventory;
using NetAutomation.Core.Jobs;
using NetAutomation.Core.Live;
using NetAutomation.Core.Ordering;
using NetAutomation.Devices;

namespace NetAutomation.Core.Provisioning;

/// <summary>
/// Provisions one order as a single all-or-nothing change over every device it touches: pre-check and backup,
/// push (with the device's own revert timer where the platform has one), verify, commit, activate, monitor.
/// Any failure puts every touched device back to its backup (checked byte for byte), releases the holds and fails the
/// order with the device's own message. Each step is stored before it starts, so a job that died part way through
/// is not repeated blindly: it takes the configuration off again and fails the order, saying why.
/// </summary>
[Queue(JobQueues.Provisioning)]
[AutomaticRetry(Attempts = 0)] // the job compensates itself; a blind retry could push twice
public sealed class ProvisionServiceJob(
    IDbContextFactory<PortalDbContext> dbs,
    DeviceAccess access,
    DeviceDriverFactory drivers,
    Allocator allocator,
    ILiveFeed feed,
    TimeProvider clock,
    IOptions<ProvisioningOptions> options,
    ILogger<ProvisionServiceJob> log)
{
    public const int MaxParallelDevices = 16;

    /// <summary>How long a device keeps an unconfirmed change before it reverts by itself (platforms with a revert timer).</summary>
    public static readonly TimeSpan ConfirmWithin = TimeSpan.FromMinutes(5);

    private TimeSpan LeaseLength => TimeSpan.FromSeconds(options.Value.LeaseSeconds);

    public async Task RunAsync(int orderId, CancellationToken ct)
    {
        await using var lease = await OrderLease.TryTakeAsync(dbs, orderId, LeaseLength, clock, ct);
        if (lease is null)
        {
            log.LogInformation("Order {Order} is being worked on by another run; this one stops", orderId);
            return;
        }
        await using var db = await dbs.CreateDbContextAsync(ct);
        var order = await LoadAsync(db, orderId, ct);
        if (order is null || order.State is not (OrderState.Placed or OrderState.Provisioning)) return;

        if (order.State == OrderState.Provisioning && order.Step is ProvisionStep.Push or ProvisionStep.Verify or ProvisionStep.Commit)
        {
            await RecoverInterruptedAsync(db, order, ct);
            return;
        }
        if (order.State == OrderState.Placed)
        {
            try { await NoteAsync(db, order, o => o.MoveTo(OrderState.Provisioning, "Provisioning started.", Now), ct); }
            catch (DbUpdateConcurrencyException)
            {
                log.LogInformation("Order {Order} was changed (cancelled) before provisioning started", orderId);
                return;
            }
        }

        var open = new Dictionary<int, IDeviceDriver>();
        var approvedDiffs = order.Devices.ToDictionary(d => d.Id, d => d.Diff);
        try
        {
            await StepAsync(db, order, ProvisionStep.PreCheck, $"Checking {order.Devices.Count} device(s) and taking backups.", ct);
            await ForEachDeviceAsync(order, async d =>
            {
                var driver = drivers.Create(await access.TargetAsync(d.DeviceId, ct));
                lock (open) open[d.DeviceId] = driver;
                if (!await driver.IsReachableAsync(ct)) throw new DeviceUnreachableException(d.Hostname, $"{d.Hostname} does not answer.");
                d.Backup = await driver.GetRunningConfigAsync(ct);
                driver.LoadMergeCandidate(d.Config);
                d.Diff = await driver.CompareConfigAsync(ct);
                d.State = DeviceChangeState.BackedUp;
            });
            await NoteAsync(db, order, o => o.Record("Pre-check passed: every device answers, backups taken, dry-run diffs stored.", Now), ct);
            if (await WaitsForApprovalAsync(db, order, approvedDiffs, ct)) return;

            await StepAsync(db, order, ProvisionStep.Push, "Pushing the change.", ct);
            var pushed = 0;
            await ForEachDeviceAsync(order, async d =>
            {
                var driver = open[d.DeviceId];
                var result = await driver.CommitAsync(driver.Target.Platform == DevicePlatforms.Ios ? ConfirmWithin : null, ct);
                d.Diff = result.Diff;
                d.State = DeviceChangeState.Pushed;
                OrderEvent progress;
                lock (order) progress = order.Record($"Pushed to {d.Hostname} ({++pushed} of {order.Devices.Count}).", Now);
                await PublishAsync(order, progress.Message);
            });
            await db.SaveChangesAsync(ct);

            await StepAsync(db, order, ProvisionStep.Verify, "Verifying each device's running configuration.", ct);
            var after = new Dictionary<int, string>();
            await ForEachDeviceAsync(order, async d =>
            {
                var text = await open[d.DeviceId].GetRunningConfigAsync(ct);
                lock (after) after[d.Id] = text;
                var running = text.Split('\n').Select(l => l.Trim()).ToHashSet();
                var missing = CliText.SplitConfig(d.Config).Select(l => l.Trim()).FirstOrDefault(l => !running.Contains(l));
                if (missing is not null)
                    throw new DeviceException(d.Hostname, $"{d.Hostname} does not show '{missing}' in its running configuration after the push.");
                d.State = DeviceChangeState.Verified;
            });

            await StepAsync(db, order, ProvisionStep.Commit, "Committing on every device and the resources in inventory.", ct);
            await ForEachDeviceAsync(order, async d =>
            {
                var driver = open[d.DeviceId];
                if (driver.Target.Platform == DevicePlatforms.Ios) await driver.ConfirmCommitAsync(ct);
                d.State = DeviceChangeState.Committed;
            });
            foreach (var r in order.Resources) await allocator.CommitAsync(r.AllocationId, order.RequestedBy, ct);
            var why = $"Order {order.Id}: {order.Kind} '{order.Reference}'" + (order.ApprovedBy is null ? "." : $", approved by {order.ApprovedBy}.");
            foreach (var d in order.Devices) RecordChange(db, order, d, ChangeOutcome.Applied, order.RequestedBy, why, d.Backup!, after[d.Id]);

            order.Step = ProvisionStep.Activate;
            await NoteAsync(db, order, o => o.MoveTo(OrderState.Active, "Service active.", Now), ct);
            var reachable = 0;
            await ForEachDeviceAsync(order, async d => { if (await open[d.DeviceId].IsReachableAsync(ct)) Interlocked.Increment(ref reachable); });
            order.Step = ProvisionStep.Done;
            await NoteAsync(db, order, o => o.Record($"Monitoring started: {reachable} of {order.Devices.Count} device(s) reachable.", Now), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Cancelled means the app is stopping: the order keeps its step, and the re-run job recovers it.
            log.LogWarning(e, "Order {Order} failed at {Step}; rolling back", order.Id, order.Step);
            await RollBackAsync(db, order, open, Reason(e), ct);
        }
        finally
        {
            foreach (var driver in open.Values) await driver.DisposeAsync();
        }
    }

    /// <summary>
    /// Takes an active service off every device with its removal template, all or nothing: if one device refuses, the
    /// devices already changed get the service back and the order stays Active, saying why. Then releases the resources.
    /// </summary>
    public async Task DecommissionAsync(int orderId, CancellationToken ct)
    {
        await using var lease = await OrderLease.TryTakeAsync(dbs, orderId, LeaseLength, clock, ct);
        if (lease is null) return;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var order = await LoadAsync(db, orderId, ct);
        if (order is null || order.State != OrderState.Decommissioning) return;

        var removals = new Dictionary<int, string>();
        var open = new Dictionary<int, IDeviceDriver>();
        var changed = new Dictionary<OrderDevice, (string Before, string After)>();
        var actor = order.DecommissionRequestedBy ?? order.RequestedBy;
        try
        {
            foreach (var d in order.Devices)
            {
                var driver = drivers.Create(await access.TargetAsync(d.DeviceId, ct));
                open[d.DeviceId] = driver;
                removals[d.DeviceId] = await ServiceRemoval.RenderAsync(db, order, d, driver.Target.Platform, ct);
            }
            await NoteAsync(db, order, o => o.Record($"Taking the service off {o.Devices.Count} device(s).", Now), ct);
            await ForEachDeviceAsync(order, async d =>
            {
                var driver = open[d.DeviceId];
                driver.LoadMergeCandidate(removals[d.DeviceId]);
                // Already gone (a run that died part way through took it off): nothing to do on this device.
                if ((await driver.CompareConfigAsync(ct)).Length == 0)
                {
                    driver.DiscardConfig();
                    return;
                }
                var result = await driver.CommitAsync(null, ct);
                var running = await driver.GetRunningConfigAsync(ct);
                lock (changed) changed[d] = (result.Snapshot, running);
                var head = CliText.SplitConfig(d.Config)[0];
                if (running.Split('\n').Contains(head))
                    throw new DeviceException(d.Hostname, $"{d.Hostname} still shows '{head}' after the removal.");
            });
            foreach (var r in order.Resources) await allocator.ReleaseAsync(r.AllocationId, actor, ct);
            foreach (var (d, (before, running)) in changed)
                RecordChange(db, order, d, ChangeOutcome.Removed, actor, $"Order {order.Id}: decommissioned.", before, running);
            await NoteAsync(db, order, o => o.MoveTo(OrderState.Decommissioned, "Service decommissioned: configuration removed from every device, resources released.", Now), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Decommissioning order {Order} failed; restoring the service", order.Id);
            // Each changed device gets its configuration from before the removal back, checked byte for byte.
            // Put back, they are the service's committed devices once more.
            var notIdentical = await RestoreAsync(db, order, changed.Keys, d => changed[d].Before, DeviceChangeState.Committed, actor,
                $"Order {order.Id}: decommissioning failed, service put back.", async d =>
                {
                    var driver = open[d.DeviceId];
                    var before = await driver.GetRunningConfigAsync(ct);
                    await driver.RollbackAsync(ct);
                    return (before, await driver.GetRunningConfigAsync(ct));
                });
            var outcome = notIdentical.Count == 0 ? "The service is still in place on every device." : $"NOT restored on {string.Join(", ", notIdentical)}: the NOC must check them.";
            await NoteAsync(db, order, o => o.MoveTo(OrderState.Active, $"Decommissioning failed: {Reason(e)} {outcome}", Now), CancellationToken.None);
        }
        finally
        {
            foreach (var driver in open.Values) await driver.DisposeAsync();
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static string Reason(Exception e) => e switch
    {
        CommitFailedException c => c.Cause.Message,
        _ => e.Message,
    };

    /// <summary>Puts every touched device back with the driver's snapshot, checks it against the backup, releases the holds.</summary>
    private async Task RollBackAsync(PortalDbContext db, ServiceOrder order, Dictionary<int, IDeviceDriver> open, string reason, CancellationToken ct)
    {
        var touched = order.Devices.Where(d => d.State is DeviceChangeState.Pushed or DeviceChangeState.Verified or DeviceChangeState.Committed).ToList();
        var notIdentical = await RestoreAsync(db, order, touched, d => d.Backup!, DeviceChangeState.RolledBack, order.RequestedBy, $"Order {order.Id}: rolled back. {reason}", async d =>
        {
            var driver = open[d.DeviceId];
            var before = await driver.GetRunningConfigAsync(ct);
            await driver.RollbackAsync(ct);
            return (before, await driver.GetRunningConfigAsync(ct));
        });
        await FailAsync(db, order, reason, touched.Count, notIdentical, ct);
    }

    /// <summary>
    /// The job died during push, verify or commit: the driver's snapshots are gone, so the removal template takes the
    /// service off each device that has a backup, and the result is checked byte for byte against that backup.
    /// </summary>
    private async Task RecoverInterruptedAsync(PortalDbContext db, ServiceOrder order, CancellationToken ct)
    {
        await NoteAsync(db, order, o => o.Record($"The portal stopped during {o.Step}; taking the change off every device.", Now), ct);
        var touched = order.Devices.Where(d => d.Backup is not null).ToList();
        var notIdentical = await RestoreAsync(db, order, touched, d => d.Backup!, DeviceChangeState.RolledBack, order.RequestedBy, $"Order {order.Id}: interrupted by a restart, change taken off.", async d =>
        {
            await using var driver = drivers.Create(await access.TargetAsync(d.DeviceId, ct));
            var before = await driver.GetRunningConfigAsync(ct);
            driver.LoadMergeCandidate(await ServiceRemoval.RenderAsync(db, order, d, driver.Target.Platform, ct));
            if ((await driver.CompareConfigAsync(ct)).Length > 0) await driver.CommitAsync(null, ct);
            else driver.DiscardConfig();
            // The dead run's push armed the device's revert timer; left running, it would later undo whatever change
            // reached the device next. The device is as before the push now, so the timer is disarmed.
            await driver.DisarmRevertAsync(ct);
            return (before, await driver.GetRunningConfigAsync(ct));
        });
        await FailAsync(db, order, $"Interrupted by a restart during {order.Step}.", touched.Count, notIdentical, ct);
    }

    /// <summary>
    /// Restores each device and compares its running configuration with what it must be again; records each change and
    /// returns the devices that differ. A device that is identical again takes the state <paramref name="restored"/>.
    /// </summary>
    private async Task<List<string>> RestoreAsync(PortalDbContext db, ServiceOrder order, IEnumerable<OrderDevice> devices, Func<OrderDevice, string> expected,
        DeviceChangeState restored, string actor, string why, Func<OrderDevice, Task<(string Before, string After)>> restore)
    {
        var notIdentical = new List<string>();
        foreach (var d in devices)
        {
            try
            {
                var (before, now) = await restore(d);
                var identical = now == expected(d);
                d.State = identical ? restored : DeviceChangeState.Failed;
                if (!identical) notIdentical.Add(d.Hostname);
                RecordChange(db, order, d, identical ? ChangeOutcome.RolledBack : ChangeOutcome.Failed, actor, why, before, now);
            }
            catch (DeviceException e)
            {
                d.State = DeviceChangeState.Failed;
                d.Message = e.Message;
                notIdentical.Add(d.Hostname);
            }
        }
        return notIdentical;
    }

    private async Task FailAsync(PortalDbContext db, ServiceOrder order, string reason, int touched, List<string> notIdentical, CancellationToken ct)
    {
        foreach (var r in order.Resources) await allocator.ReleaseAsync(r.AllocationId, order.RequestedBy, CancellationToken.None);
        var outcome = touched == 0
            ? "No device was changed."
            : notIdentical.Count == 0
                ? $"All {touched} changed device(s) are back to their backups, byte for byte."
                : $"NOT identical to the backup after rollback: {string.Join(", ", notIdentical)}. The NOC must check them.";
        order.FailureReason = $"{reason} {outcome}";
        await NoteAsync(db, order, o => o.MoveTo(OrderState.Failed, $"Failed: {o.FailureReason} Resources released.", Now), CancellationToken.None);
    }

    private static Task<ServiceOrder?> LoadAsync(PortalDbContext db, int orderId, CancellationToken ct) =>
        db.Orders.Include(o => o.Devices.OrderBy(d => d.Position)).Include(o => o.Resources).SingleOrDefaultAsync(o => o.Id == orderId, ct);

    /// <summary>
    /// The approval gate, after the dry run: a change whose blast radius (devices touched plus the other active
    /// services on them) is above the threshold waits for the NOC, and so does an approved change whose dry-run diff
    /// is no longer the one approved. Its holds are kept while it waits; no device has been changed.
    /// </summary>
    private async Task<bool> WaitsForApprovalAsync(PortalDbContext db, ServiceOrder order, Dictionary<int, string?> approvedDiffs, CancellationToken ct)
    {
        var ids = order.Devices.Select(d => d.DeviceId).ToList();
        var others = await db.Orders.CountAsync(o => o.Id != order.Id && o.State == OrderState.Active && o.Devices.Any(d => ids.Contains(d.DeviceId)), ct);
        order.BlastRadius = ids.Count + others;
        var threshold = options.Value.ApprovalThreshold;
        string? why = null;
        if (order.ApprovedBy is null && order.BlastRadius > threshold)
            why = $"Waiting for NOC approval: the change touches {ids.Count} device(s) carrying {others} other active service(s); its blast radius of {order.BlastRadius} is above the threshold of {threshold}.";
        else if (order.ApprovedBy is not null && order.Devices.Any(d => d.Diff != approvedDiffs[d.Id]))
            why = $"Waiting for NOC approval again: the dry-run diff is not the one {order.ApprovedBy} approved (a device changed meanwhile).";
        if (why is null) return false;

        foreach (var r in order.Resources) await allocator.ExtendAsync(r.AllocationId, Allocator.MaxHold, "orchestrator", ct);
        (order.ApprovedBy, order.ApprovedAt, order.ApprovalNote) = (null, null, null);
        order.Step = ProvisionStep.Plan;
        await NoteAsync(db, order, o => o.MoveTo(OrderState.AwaitingApproval, why, Now), ct);
        return true;
    }

    private void RecordChange(PortalDbContext db, ServiceOrder order, OrderDevice d, ChangeOutcome outcome, string actor, string why, string before, string after) =>
        db.DeviceChanges.Add(new DeviceChange
        {
            DeviceId = d.DeviceId, Hostname = d.Hostname, OrderId = order.Id, At = Now, Actor = actor, Reason = why, Outcome = outcome,
            Before = before, After = after, Diff = CliText.Diff(before, after),
        });

    private Task StepAsync(PortalDbContext db, ServiceOrder order, ProvisionStep step, string message, CancellationToken ct)
    {
        order.Step = step;
        return NoteAsync(db, order, o => o.Record(message, Now), ct);
    }

    /// <summary>Changes the order, saves it and tells everyone watching: the customer's tenant and the NOC.</summary>
    private async Task NoteAsync(PortalDbContext db, ServiceOrder order, Func<ServiceOrder, OrderEvent> change, CancellationToken ct)
    {
        var e = change(order);
        order.Version++;
        await db.SaveChangesAsync(ct);
        await PublishAsync(order, e.Message);
    }

    private Task PublishAsync(ServiceOrder order, string message) => OrderFeed.PublishAsync(feed, order, message, clock.GetUtcNow());

    /// <summary>Runs work on every device of the order, at most <see cref="MaxParallelDevices"/> at once; the first failure wins.</summary>
    private static async Task ForEachDeviceAsync(ServiceOrder order, Func<OrderDevice, Task> work)
    {
        using var gate = new SemaphoreSlim(MaxParallelDevices);
        var tasks = order.Devices.Select(async d =>
        {
            await gate.WaitAsync();
            try { await work(d); }
            catch (DeviceException e) { d.Message = e is DeviceCommandException c ? c.DeviceMessage : e.Message; throw; }
            finally { gate.Release(); }
        }).ToList();
        try { await Task.WhenAll(tasks); }
        catch { throw tasks.First(t => t.IsFaulted).Exception!.InnerException!; }
    }
}
