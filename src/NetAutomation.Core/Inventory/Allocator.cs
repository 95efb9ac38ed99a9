using System.Net;
using System.Numerics;
using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Inventory;

/// <summary>What a reservation gave: the allocation and the resource as text (<c>VLAN 120</c>, <c>10.0.0.4/31</c>).</summary>
public sealed record Reservation(int AllocationId, AllocationKind Kind, int? Vlan, string? Prefix, DateTime HeldUntil);

/// <summary>
/// Hands out VLANs and prefixes from pools: reserve (a hold that expires unless committed), commit, release.
/// The database decides who wins a race: every held or committed allocation carries a unique <see cref="Allocation.ActiveKey"/>,
/// so two reservers that picked the same resource cannot both save; the loser reads again and picks another.
/// Candidates are picked at random among the free ones to keep such collisions rare under load.
/// </summary>
public sealed class Allocator(IDbContextFactory<PortalDbContext> dbs, TimeProvider clock)
{
    public static readonly TimeSpan DefaultHold = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan MaxHold = TimeSpan.FromDays(7);
    private const int MaxAttempts = 200;
    private const int PrefixCandidates = 64;

    public Task<Reservation> ReserveVlanAsync(int poolId, string owner, int? tenantId, TimeSpan? hold, string actor, CancellationToken ct = default) =>
        ReserveAsync(AllocationKind.Vlan, poolId, owner, tenantId, hold, actor, ct);

    public Task<Reservation> ReservePrefixAsync(int poolId, string owner, int? tenantId, TimeSpan? hold, string actor, CancellationToken ct = default) =>
        ReserveAsync(AllocationKind.Prefix, poolId, owner, tenantId, hold, actor, ct);

    private async Task<Reservation> ReserveAsync(AllocationKind kind, int poolId, string owner, int? tenantId, TimeSpan? hold, string actor, CancellationToken ct)
    {
        var errors = new FieldErrors();
        owner = InventoryRules.Name(errors, "owner", owner, "Owner");
        var holdFor = hold ?? DefaultHold;
        if (holdFor <= TimeSpan.Zero || holdFor > MaxHold)
            errors.Add("holdMinutes", $"A hold must last more than 0 and at most {MaxHold.TotalDays:0} days.");
        errors.ThrowIfAny();

        if (tenantId is { } t)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (!await db.Tenants.AnyAsync(x => x.Id == t, ct))
                throw ValidationFailedException.For("tenantId", $"Tenant {t} does not exist.");
        }
        await ExpireAsync(kind == AllocationKind.Vlan ? a => a.VlanPoolId == poolId : a => a.PrefixPoolId == poolId, ct);

        for (var attempt = 1; ; attempt++)
        {
            if (await TryReserveAsync(kind, poolId, owner, tenantId, holdFor, actor, ct) is { } reservation) return reservation;
            // Someone else saved the same resource first. Read the pool again and pick another.
            if (attempt >= MaxAttempts)
                throw new ConflictException("The pool is too busy right now; try again in a moment.");
            await Task.Delay(Random.Shared.Next(1, Math.Min(50, 2 + attempt)), ct);
        }
    }

    /// <summary>
    /// One try: pick a free resource and save a hold on it with its audit entry, in one transaction.
    /// Null when another reserver took the same resource first (the unique index refused ours).
    /// </summary>
    private async Task<Reservation?> TryReserveAsync(AllocationKind kind, int poolId, string owner, int? tenantId, TimeSpan holdFor, string actor, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        // Server providers retry transient faults; a transaction must then be replayed whole, through the strategy.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            // On SQLite this begins IMMEDIATE, so reads and write are serialised; on PostgreSQL the unique index decides.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var (vlan, prefix, key) = kind == AllocationKind.Vlan ? await PickVlanAsync(db, poolId, ct) : await PickPrefixAsync(db, poolId, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var allocation = new Allocation
            {
                Kind = kind,
                VlanPoolId = kind == AllocationKind.Vlan ? poolId : null,
                PrefixPoolId = kind == AllocationKind.Prefix ? poolId : null,
                Vlan = vlan,
                Prefix = prefix,
                Owner = owner,
                TenantId = tenantId,
                State = AllocationState.Held,
                CreatedAt = now,
                ChangedAt = now,
                HeldUntil = now + holdFor,
                ActiveKey = key,
            };
            db.Allocations.Add(allocation);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Ask on the same connection (a second one per racer could drain the pool): after a rollback, is it taken?
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                if (await db.Allocations.AnyAsync(a => a.ActiveKey == key, ct)) return null;
                throw;
            }
            InventoryAudit.Record(db, now, actor, "allocation", allocation.Id, "held", $"{allocation.Resource} held for {owner} until {allocation.HeldUntil:u}.");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new Reservation(allocation.Id, kind, vlan, prefix, allocation.HeldUntil!.Value);
        }, ct);
    }

    private static async Task<(int?, string?, string)> PickVlanAsync(PortalDbContext db, int poolId, CancellationToken ct)
    {
        var pool = await db.VlanPools.AsNoTracking().SingleOrDefaultAsync(p => p.Id == poolId, ct)
            ?? throw new NotFoundException($"VLAN pool {poolId} does not exist.");
        var used = (await db.Allocations.Where(a => a.VlanPoolId == poolId && a.ActiveKey != null).Select(a => a.Vlan!.Value).ToListAsync(ct)).ToHashSet();
        var free = Enumerable.Range(pool.FirstVlan, pool.LastVlan - pool.FirstVlan + 1).Where(v => !used.Contains(v)).ToList();
        if (free.Count == 0)
            throw new PoolExhaustedException($"VLAN pool '{pool.Name}' is exhausted: all {pool.LastVlan - pool.FirstVlan + 1} VLANs ({pool.FirstVlan}-{pool.LastVlan}) are held or committed.");
        var vlan = free[Random.Shared.Next(free.Count)];
        return (vlan, null, Allocation.VlanKey(poolId, vlan));
    }

    private static async Task<(int?, string?, string)> PickPrefixAsync(PortalDbContext db, int poolId, CancellationToken ct)
    {
        var pool = await db.PrefixPools.AsNoTracking().SingleOrDefaultAsync(p => p.Id == poolId, ct)
            ?? throw new NotFoundException($"Prefix pool {poolId} does not exist.");
        var used = (await db.Allocations.Where(a => a.PrefixPoolId == poolId && a.ActiveKey != null).Select(a => a.Prefix!).ToListAsync(ct)).ToHashSet();
        var free = PrefixCarver.FreeChildren(IPNetwork2.Parse(pool.Prefix), (byte)pool.ChildLength, used, PrefixCandidates);
        if (free.Count == 0)
            throw new PoolExhaustedException(
                $"Prefix pool '{pool.Name}' is exhausted: all {PrefixCarver.ChildCount(IPNetwork2.Parse(pool.Prefix), (byte)pool.ChildLength)} /{pool.ChildLength} blocks of {pool.Prefix} are held or committed.");
        var prefix = free[Random.Shared.Next(free.Count)];
        return (null, prefix, Allocation.PrefixKey(prefix));
    }

    /// <summary>Turns a hold into a lasting allocation. An expired hold cannot be committed: reserve again.</summary>
    public Task CommitAsync(int allocationId, string actor, CancellationToken ct = default) =>
        ChangeAsync(allocationId, actor, "committed", (a, now) =>
        {
            if (a.State != AllocationState.Held)
                throw new ConflictException($"Allocation {a.Id} ({a.Resource}) is {a.State}; only a held allocation can be committed.");
            if (a.HeldUntil <= now)
                throw new ConflictException($"The hold on {a.Resource} expired at {a.HeldUntil:u}; reserve again.");
            a.State = AllocationState.Committed;
            a.HeldUntil = null;
        }, ct);

    /// <summary>Keeps a hold for longer (an order waiting for approval must not lose its resources); an expired hold cannot be extended.</summary>
    public Task ExtendAsync(int allocationId, TimeSpan hold, string actor, CancellationToken ct = default) =>
        ChangeAsync(allocationId, actor, "extended", (a, now) =>
        {
            if (a.State != AllocationState.Held || a.HeldUntil <= now)
                throw new ConflictException($"The hold on {a.Resource} is {(a.State == AllocationState.Held ? "expired" : a.State.ToString().ToLowerInvariant())}; it cannot be extended.");
            a.HeldUntil = now + TimeSpan.FromTicks(Math.Min(hold.Ticks, MaxHold.Ticks));
        }, ct);

    /// <summary>Gives the resource back; it can be reserved again at once.</summary>
    public Task ReleaseAsync(int allocationId, string actor, CancellationToken ct = default) =>
        ChangeAsync(allocationId, actor, "released", (a, _) =>
        {
            if (a.State == AllocationState.Released)
                throw new ConflictException($"Allocation {a.Id} ({a.Resource}) is already released.");
            Release(a);
        }, ct);

    private async Task ChangeAsync(int allocationId, string actor, string action, Action<Allocation, DateTime> change, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var allocation = await db.Allocations.SingleOrDefaultAsync(a => a.Id == allocationId, ct)
            ?? throw new NotFoundException($"Allocation {allocationId} does not exist.");
        var now = clock.GetUtcNow().UtcDateTime;
        change(allocation, now);
        allocation.ChangedAt = now;
        allocation.Version++;
        InventoryAudit.Record(db, now, actor, "allocation", allocation.Id, action, $"{allocation.Resource} for {allocation.Owner} {action}.");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException($"Allocation {allocationId} was changed by someone else meanwhile; reload and try again.");
        }
    }

    /// <summary>Releases every hold past its expiry (all pools). Run by a recurring job; returns how many it released.</summary>
    public Task<int> ReleaseExpiredAsync(CancellationToken ct = default) => ExpireAsync(_ => true, ct);

    private async Task<int> ExpireAsync(System.Linq.Expressions.Expression<Func<Allocation, bool>> scope, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var expired = await db.Allocations.Where(scope).Where(a => a.State == AllocationState.Held && a.HeldUntil <= now).ToListAsync(ct);
        if (expired.Count == 0) return 0;
        foreach (var a in expired)
        {
            Release(a);
            a.ChangedAt = now;
            a.Version++;
            InventoryAudit.Record(db, now, InventoryAudit.System, "allocation", a.Id, "expired", $"The hold on {a.Resource} for {a.Owner} expired.");
        }
        try
        {
            await db.SaveChangesAsync(ct);
            return expired.Count;
        }
        catch (DbUpdateConcurrencyException)
        {
            return 0; // another instance expired (or committed) them first; the next run picks up anything left
        }
    }

    private static void Release(Allocation a)
    {
        a.State = AllocationState.Released;
        a.ActiveKey = null;
        a.HeldUntil = null;
    }
}

/// <summary>Prefix arithmetic for pools, with IPNetwork2.</summary>
public static class PrefixCarver
{
    public static BigInteger ChildCount(IPNetwork2 parent, byte childLength) => BigInteger.One << (childLength - parent.Cidr);

    /// <summary>
    /// The first <paramref name="max"/> children of <paramref name="parent"/> not in <paramref name="used"/>, in address order.
    /// Walks the children lazily, so a /32 of IPv6 carved into /64s costs no more than the used ones plus <paramref name="max"/>.
    /// </summary>
    public static List<string> FreeChildren(IPNetwork2 parent, byte childLength, IReadOnlySet<string> used, int max)
    {
        var free = new List<string>(max);
        var children = parent.Subnet(childLength);
        for (BigInteger i = 0; i < children.Count && free.Count < max; i++)
        {
            var text = InventoryRules.Canonical(children[i]);
            if (!used.Contains(text)) free.Add(text);
        }
        return free;
    }
}
