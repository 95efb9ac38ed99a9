using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Provisioning;

/// <summary>
/// One run at a time per order. A run takes the order's lease (an atomic conditional update, so two instances cannot
/// both win), renews it every third of its length while it works and gives it back at the end. A run that dies with
/// its process stops renewing; once the lease has run out the <see cref="OrderSweeper"/> starts a new run, which
/// finishes the order or takes the change off again.
/// </summary>
public sealed class OrderLease : IAsyncDisposable
{
    private readonly IDbContextFactory<PortalDbContext> _dbs;
    private readonly int _orderId;
    private readonly string _owner;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;

    private OrderLease(IDbContextFactory<PortalDbContext> dbs, int orderId, string owner, TimeSpan length, TimeProvider clock)
    {
        _dbs = dbs;
        _orderId = orderId;
        _owner = owner;
        _renewing = RenewAsync(length, clock);
    }

    /// <summary>
    /// The owner the sweeper writes when it queues a new run: the order is not swept again while that run waits in the
    /// queue, and the run takes the lease over when it starts. If the run is lost, the lease runs out and the order is swept again.
    /// </summary>
    public const string Queued = "queued";

    /// <summary>The lease, or null when another live run holds it.</summary>
    public static async Task<OrderLease?> TryTakeAsync(IDbContextFactory<PortalDbContext> dbs, int orderId, TimeSpan length, TimeProvider clock, CancellationToken ct)
    {
        var host = Environment.MachineName;
        var owner = $"{host[..Math.Min(50, host.Length)]}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var taken = await db.Orders.Where(o => o.Id == orderId && (o.LeaseUntil == null || o.LeaseUntil < now || o.LeaseOwner == Queued))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.LeaseOwner, owner).SetProperty(o => o.LeaseUntil, now + length), ct);
        return taken == 1 ? new OrderLease(dbs, orderId, owner, length, clock) : null;
    }

    private async Task RenewAsync(TimeSpan length, TimeProvider clock)
    {
        using var timer = new PeriodicTimer(length / 3, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    var until = clock.GetUtcNow().UtcDateTime + length;
                    await using var db = await _dbs.CreateDbContextAsync(_stop.Token);
                    await db.Orders.Where(o => o.Id == _orderId && o.LeaseOwner == _owner)
                        .ExecuteUpdateAsync(s => s.SetProperty(o => o.LeaseUntil, until), _stop.Token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A busy database: the next tick tries again, and the lease outlasts two missed renewals.
                }
            }
        }
        catch (OperationCanceledException) { /* the run is over */ }
    }

    /// <summary>Gives the lease back, so that the order can be worked on again at once (a resumed or approved run).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
        await using var db = await _dbs.CreateDbContextAsync();
        await db.Orders.Where(o => o.Id == _orderId && o.LeaseOwner == _owner)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.LeaseOwner, (string?)null).SetProperty(o => o.LeaseUntil, (DateTime?)null));
        _stop.Dispose();
    }
}
