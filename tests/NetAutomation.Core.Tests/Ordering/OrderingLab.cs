using System.Collections.Concurrent;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NetAutomation.Core.Identity;
using NetAutomation.Core.Inventory;
using NetAutomation.Core.Live;
using NetAutomation.Core.Ordering;
using NetAutomation.Core.Provisioning;
using NetAutomation.Core.Tests.Inventory;
using NetAutomation.DeviceLab;
using NetAutomation.DeviceLab.Tier2;
using NetAutomation.Devices;
using NetAutomation.Testing;
using NetAutomation.Web.Setup;

namespace NetAutomation.Core.Tests.Ordering;

/// <summary>
/// A small provider network in a real (SQLite) database with simulated IOS routers at the devices' management
/// addresses: edge1 and edge2 (each with a customer port) joined through core1, and a third edge3 reached only over a
/// 100 Mbps link. Tenant Acme has a site on each edge; tenant Globex has one on edge1.
/// The routers are tier 1 (in this process, <see cref="CreateAsync"/>) or tier 2 (behind a real sshd, reached over SSH,
/// host keys pinned on first use: <see cref="CreateOnTier2Async"/>); the inventory is the same.
/// </summary>
public sealed class OrderingLab : IAsyncDisposable
{
    /// <summary>Gives the simulated router for an inventory device (name, the tier-1 address it would have).</summary>
    private readonly Func<string, string, SimulatedDevice> _place;

    private OrderingLab(InventoryDatabase db, DeviceCredentials? login = null, Func<string, string, SimulatedDevice>? place = null, Func<OrderingLab, DeviceDriverFactory>? drivers = null)
    {
        Db = db;
        Login = login ?? Devices.Credentials;
        _place = place ?? Devices.Add;
        Drivers = drivers?.Invoke(this) ?? Devices.Drivers();
    }

    public InventoryDatabase Db { get; }
    /// <summary>The tier-1 routers (empty on tier 2).</summary>
    public InProcessLab Devices { get; } = new();
    /// <summary>The login stored on every inventory device.</summary>
    public DeviceCredentials Login { get; }
    /// <summary>The drivers the provisioning job uses: in-process on tier 1, SSH on tier 2.</summary>
    public DeviceDriverFactory Drivers { get; }
    public RecordingFeed Feed { get; } = new();
    public CredentialSecrets Secrets { get; } = InventoryDatabase.Secrets();
    public TimeProvider Clock { get; } = TimeProvider.System;
    public int Acme { get; private set; }
    public int Globex { get; private set; }
    public Dictionary<string, int> Sites { get; } = [];
    public Dictionary<string, SimulatedDevice> Routers { get; } = [];
    public int Edge1VlanPool { get; private set; }

    public static async Task<OrderingLab> CreateAsync(int edgeVlans = 100)
    {
        var lab = new OrderingLab(await InventoryDatabase.CreateAsync(DatabaseProvider.Sqlite));
        await lab.BuildAsync(edgeVlans);
        return lab;
    }

    /// <summary>
    /// The same network on tier 2: each router is the next unused device of <paramref name="tier2"/>, its management
    /// address that device's own, and the job's drivers speak SSH through the lab's real sshd. No host key is in the
    /// inventory at first: the first session records it on the device (trust on first use), later ones check it.
    /// </summary>
    public static async Task<OrderingLab> CreateOnTier2Async(Tier2Lab tier2, DeviceOptions options, int edgeVlans = 100)
    {
        var next = 0;
        SimulatedDevice Next(string name, string _) => next < tier2.Devices.Count
            ? tier2.Devices[next++]
            : throw new InvalidOperationException($"The tier-2 lab has {tier2.Devices.Count} devices; {name} needs one more.");
        var lab = new OrderingLab(await InventoryDatabase.CreateAsync(DatabaseProvider.Sqlite), tier2.Credentials, Next,
            l => DeviceDriverFactory.Ssh(options, new InventoryDeviceEvents(l.Db.Factory, l.Feed, l.Clock)));
        await lab.BuildAsync(edgeVlans);
        return lab;
    }

    private async Task BuildAsync(int edgeVlans)
    {
        await using var db = await Db.ContextAsync();
        var acme = new Tenant { Name = "Acme Corporation", Slug = "acme" };
        var globex = new Tenant { Name = "Globex", Slug = "globex" };
        var pop = new Site { Name = "LON1", Kind = SiteKind.Provider };
        var ios = LabInventory.Ios();
        var login = LabInventory.Login(Secrets, Login);
        db.AddRange(acme, globex, pop, ios, login);

        Device Router(string name, string address, DeviceRole role)
        {
            var device = LabInventory.Router(name, (Routers[name] = _place(name, address)).Address, role, pop, ios, login);
            db.Devices.Add(device);
            return device;
        }
        var core = Router("core1", "10.9.0.1", DeviceRole.Core);
        var edges = new[] { Router("edge1", "10.9.0.11", DeviceRole.Edge), Router("edge2", "10.9.0.12", DeviceRole.Edge), Router("edge3", "10.9.0.13", DeviceRole.Edge) };
        db.Links.AddRange(
            new Link { AInterface = edges[0].Interfaces[1], BInterface = core.Interfaces[1], CapacityMbps = 10_000, Metric = 10 },
            new Link { AInterface = edges[1].Interfaces[1], BInterface = core.Interfaces[2], CapacityMbps = 10_000, Metric = 10 },
            new Link { AInterface = edges[2].Interfaces[1], BInterface = core.Interfaces[0], CapacityMbps = 100, Metric = 10 });
        var pools = edges.Select(e => new VlanPool { Name = $"{e.Hostname}-customers", Device = e, FirstVlan = 100, LastVlan = 99 + edgeVlans }).ToList();
        db.VlanPools.AddRange(pools);
        db.PrefixPools.AddRange(new PrefixPool { Name = "internet-29", Prefix = "198.51.100.0/25", ChildLength = 29 }, new PrefixPool { Name = "internet-30", Prefix = "198.51.100.128/25", ChildLength = 30 });

        void CustomerSite(string name, Tenant tenant, Device edge) =>
            db.Sites.Add(new Site { Name = name, Kind = SiteKind.Customer, Tenant = tenant, EdgeDevice = edge });
        CustomerSite("Acme London", acme, edges[0]);
        CustomerSite("Acme Paris", acme, edges[1]);
        CustomerSite("Acme Berlin", acme, edges[2]);
        CustomerSite("Globex London", globex, edges[0]);
        await db.SaveChangesAsync();
        await ServiceCatalog.SeedAsync(db, DateTime.UtcNow);
        await TemplateStore.SeedAsync(db, PortalProcess.RepositoryPath("database", "seed", "templates"), DateTime.UtcNow);

        Acme = acme.Id;
        Globex = globex.Id;
        foreach (var s in db.Sites.Local) Sites[s.Name] = s.Id;
        Edge1VlanPool = pools[0].Id;
    }

    public Allocator Allocator => new(Db.Factory, Clock);

    /// <summary>The handler with a real Hangfire client on in-memory storage: the tests run the queued job themselves.</summary>
    public PlaceOrder.Handler PlaceOrder() => new(Db.Factory, Allocator, new BackgroundJobClient(new InMemoryStorage()), Clock);

    public DecommissionService.Handler Decommission() => new(Db.Factory, new BackgroundJobClient(new InMemoryStorage()), Clock);

    public CancelOrder.Handler Cancel() => new(Db.Factory, Allocator, Feed, Clock);

    public DecideApproval.Handler Decide() => new(Db.Factory, Allocator, new BackgroundJobClient(new InMemoryStorage()), Feed, Clock);

    public RetryOrder.Handler Retry() => new(Db.Factory, PlaceOrder());

    public OrderSweeper Sweeper() => new(Db.Factory, new BackgroundJobClient(new InMemoryStorage()), Clock, Options.Create(Provisioning));

    /// <summary>The approval gate's settings for the jobs this lab makes (by default high enough that no order waits).</summary>
    public ProvisioningOptions Provisioning { get; } = new() { ApprovalThreshold = 100, LeaseSeconds = 5 };

    public ProvisionServiceJob Job() =>
        new(Db.Factory, new DeviceAccess(Db.Factory, Secrets), Drivers, Allocator, Feed, Clock, Options.Create(Provisioning), NullLogger<ProvisionServiceJob>.Instance);

    public async ValueTask DisposeAsync() => await Db.DisposeAsync();
}

/// <summary>Keeps what the job publishes, to check the live story it tells.</summary>
public sealed class RecordingFeed : ILiveFeed
{
    public ConcurrentQueue<LiveEvent> Events { get; } = new();

    /// <summary>Runs as each event is published: a test's way to inject a fault at a given step of a running job.</summary>
    public Func<LiveEvent, Task>? OnPublish { get; set; }

    public Task PublishAsync(LiveEvent e, CancellationToken ct = default)
    {
        Events.Enqueue(e);
        return OnPublish?.Invoke(e) ?? Task.CompletedTask;
    }
}
