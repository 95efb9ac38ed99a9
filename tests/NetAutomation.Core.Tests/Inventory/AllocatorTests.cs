using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Inventory;
using NetAutomation.Web.Setup;

namespace NetAutomation.Core.Tests.Inventory;

/// <summary>The allocator on the real databases: SQLite (embedded default) and PostgreSQL (server provider).</summary>
public class AllocatorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly TestClock Clock = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    private static async Task<int> VlanPoolAsync(InventoryDatabase db, int first, int last)
    {
        var (_, device) = await db.AddDeviceAsync();
        await using var context = await db.ContextAsync();
        var pool = new VlanPool { Name = "customer", DeviceId = device.Id, FirstVlan = first, LastVlan = last };
        context.VlanPools.Add(pool);
        await context.SaveChangesAsync(Ct);
        return pool.Id;
    }

    private static async Task<int> PrefixPoolAsync(InventoryDatabase db, string prefix, int childLength, string name = "p2p")
    {
        await using var context = await db.ContextAsync();
        var pool = new PrefixPool { Name = name, Prefix = prefix, ChildLength = childLength };
        context.PrefixPools.Add(pool);
        await context.SaveChangesAsync(Ct);
        return pool.Id;
    }

    /// <summary>Runs <paramref name="count"/> reservations at once and sorts the answers into holds and "exhausted".</summary>
    private static async Task<(List<Reservation> Holds, List<PoolExhaustedException> Exhausted)> RaceAsync(int count, Func<int, Task<Reservation>> reserve)
    {
        var start = new TaskCompletionSource();
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await start.Task;
            try { return (object)await reserve(i); }
            catch (PoolExhaustedException e) { return e; }
        }, Ct)).ToList();
        start.SetResult();
        var results = await Task.WhenAll(tasks);
        return (results.OfType<Reservation>().ToList(), results.OfType<PoolExhaustedException>().ToList());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Reserve_200Concurrent_Against50FreeVlans_Gives50HoldsAnd150Exhausted(DatabaseProvider provider)
    {
        await using var db = await InventoryDatabase.CreateAsync(provider);
        var poolId = await VlanPoolAsync(db, 100, 149);
        var allocator = new Allocator(db.Factory, Clock);

        var (holds, exhausted) = await RaceAsync(200, i => allocator.ReserveVlanAsync(poolId, $"order/{i}", null, null, "test", Ct));

        Assert.Equal(50, holds.Count);
        Assert.Equal(150, exhausted.Count);
        Assert.All(exhausted, e => Assert.Contains("is exhausted", e.Message));
        Assert.Equal(Enumerable.Range(100, 50), holds.Select(h => h.Vlan!.Value).Order());
        await using var context = await db.ContextAsync();
        Assert.Equal(50, await context.Allocations.CountAsync(a => a.State == AllocationState.Held, Ct));
        Assert.Equal(50, await context.InventoryChanges.CountAsync(c => c.Entity == "allocation" && c.Action == "held", Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Reserve_200Concurrent_Against50FreePrefixes_Gives50HoldsAnd150Exhausted(DatabaseProvider provider)
    {
        await using var db = await InventoryDatabase.CreateAsync(provider);
        // 10.0.0.0/25 in /31s is 64 blocks; 14 are taken first, so 50 are free and the carver must skip the taken ones.
        var poolId = await PrefixPoolAsync(db, "10.0.0.0/25", 31);
        var allocator = new Allocator(db.Factory, Clock);
        for (var i = 0; i < 14; i++) await allocator.ReservePrefixAsync(poolId, "infra", null, null, "test", Ct);

        var (holds, exhausted) = await RaceAsync(200, i => allocator.ReservePrefixAsync(poolId, $"order/{i}", null, null, "test", Ct));

        Assert.Equal(50, holds.Count);
        Assert.Equal(150, exhausted.Count);
        Assert.Equal(50, holds.Select(h => h.Prefix).Distinct().Count());
        await using var context = await db.ContextAsync();
        var all = await context.Allocations.Select(a => a.Prefix!).ToListAsync(Ct);
        Assert.Equal(64, all.Distinct().Count());
        Assert.All(all, p => Assert.EndsWith("/31", p));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Hold_Expires_AndTheVlanIsFreeAgain(DatabaseProvider provider)
    {
        await using var db = await InventoryDatabase.CreateAsync(provider);
        var poolId = await VlanPoolAsync(db, 10, 10);
        var clock = new TestClock(Clock.Now);
        var allocator = new Allocator(db.Factory, clock);
        var first = await allocator.ReserveVlanAsync(poolId, "order/1", null, TimeSpan.FromMinutes(5), "test", Ct);
        await Assert.ThrowsAsync<PoolExhaustedException>(() => allocator.ReserveVlanAsync(poolId, "order/2", null, null, "test", Ct));

        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(0, await allocator.ReleaseExpiredAsync(Ct));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await allocator.ReleaseExpiredAsync(Ct));

        var second = await allocator.ReserveVlanAsync(poolId, "order/2", null, null, "test", Ct);
        Assert.Equal(10, second.Vlan);
        var expired = await Assert.ThrowsAsync<ConflictException>(() => allocator.CommitAsync(first.AllocationId, "test", Ct));
        Assert.Contains("only a held allocation", expired.Message);
        await using var context = await db.ContextAsync();
        Assert.True(await context.InventoryChanges.AnyAsync(c => c.EntityId == first.AllocationId && c.Action == "expired", Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Release_MakesThePrefixReusable_AndCommitKeepsIt(DatabaseProvider provider)
    {
        await using var db = await InventoryDatabase.CreateAsync(provider);
        var poolId = await PrefixPoolAsync(db, "2001:db8::/126", 127);
        var allocator = new Allocator(db.Factory, Clock);
        var a = await allocator.ReservePrefixAsync(poolId, "order/1", null, null, "test", Ct);
        var b = await allocator.ReservePrefixAsync(poolId, "order/2", null, null, "test", Ct);
        Assert.Equal(["2001:db8::/127", "2001:db8::2/127"], new[] { a.Prefix, b.Prefix }.Order());

        await allocator.CommitAsync(a.AllocationId, "test", Ct);
        await allocator.ReleaseAsync(b.AllocationId, "test", Ct);
        var c = await allocator.ReservePrefixAsync(poolId, "order/3", null, null, "test", Ct);
        Assert.Equal(b.Prefix, c.Prefix);
        await Assert.ThrowsAsync<PoolExhaustedException>(() => allocator.ReservePrefixAsync(poolId, "order/4", null, null, "test", Ct));
        var again = await Assert.ThrowsAsync<ConflictException>(() => allocator.ReleaseAsync(b.AllocationId, "test", Ct));
        Assert.Contains("already released", again.Message);
    }

    [Fact]
    public async Task Commit_AfterExpiryButBeforeTheJob_IsRefused()
    {
        await using var db = await InventoryDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var poolId = await VlanPoolAsync(db, 10, 20);
        var clock = new TestClock(Clock.Now);
        var allocator = new Allocator(db.Factory, clock);
        var hold = await allocator.ReserveVlanAsync(poolId, "order/1", null, TimeSpan.FromMinutes(1), "test", Ct);
        clock.Advance(TimeSpan.FromMinutes(2));
        var e = await Assert.ThrowsAsync<ConflictException>(() => allocator.CommitAsync(hold.AllocationId, "test", Ct));
        Assert.Contains("expired", e.Message);
    }

    [Theory]
    [InlineData("", "owner")]
    [InlineData("order/\n1", "owner")]
    public async Task Reserve_RefusesBadOwner_AndWritesNothing(string owner, string field)
    {
        await using var db = await InventoryDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var poolId = await VlanPoolAsync(db, 10, 20);
        var allocator = new Allocator(db.Factory, Clock);
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => allocator.ReserveVlanAsync(poolId, owner, null, null, "test", Ct));
        Assert.True(e.Errors.ContainsKey(field));
        await using var context = await db.ContextAsync();
        Assert.Equal(0, await context.Allocations.CountAsync(Ct));
    }

    [Fact]
    public async Task Reserve_FromMissingPool_IsNotFound()
    {
        await using var db = await InventoryDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var allocator = new Allocator(db.Factory, Clock);
        await Assert.ThrowsAsync<NotFoundException>(() => allocator.ReserveVlanAsync(404, "order/1", null, null, "test", Ct));
    }
}
