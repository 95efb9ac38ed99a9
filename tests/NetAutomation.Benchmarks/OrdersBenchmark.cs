using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NetAutomation.Core.Data;
using NetAutomation.Core.Identity;
using NetAutomation.Core.Inventory;
using NetAutomation.Core.Live;
using NetAutomation.Core.Ordering;
using NetAutomation.Testing;
using NetAutomation.Web.Features.Ordering;
using NetAutomation.Web.Setup;

/// <summary>
/// Orders end to end on tier-2 devices (issue 5 item 8): K customer edge routers, each dual-homed to a pair of upstream
/// (aggregation) routers, in a SQLite inventory (the embedded default's provider). M Internet Access orders go through the
/// real <see cref="PlaceOrder.Handler"/>; the portal's own job wiring (Hangfire on SQLite storage, a BackgroundJobServer
/// on <see cref="NetAutomation.Core.Jobs.JobQueues.All"/>) runs the provisioning jobs with the portal's SSH drivers.
/// Measures orders per minute from the first order placed to the last one Active, and p50/p95 of placed-to-Active per
/// order. How many devices each order touched is read from its OrderDevice rows.
/// </summary>
internal static class OrdersBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var edges = int.Parse(Option(args, "--edges", "10"), CultureInfo.InvariantCulture);
        var perPair = int.Parse(Option(args, "--edges-per-pair", "5"), CultureInfo.InvariantCulture);
        var count = int.Parse(Option(args, "--orders", "40"), CultureInfo.InvariantCulture);
        var interval = TimeSpan.FromMilliseconds(int.Parse(Option(args, "--interval-ms", "0"), CultureInfo.InvariantCulture));
        var timeout = TimeSpan.FromMinutes(int.Parse(Option(args, "--timeout-minutes", "30"), CultureInfo.InvariantCulture));
        var outPath = Option(args, "--out", "orders-results.json");
        if (edges < 1 || perPair < 1 || count < 1) throw new ArgumentException("--edges, --edges-per-pair and --orders must be at least 1.");
        var pairs = (edges + perPair - 1) / perPair;

        var loadAtStart = LabProcess.LoadAverage();
        var work = Directory.CreateTempSubdirectory("natest-orders-").FullName;
        try
        {
            using var lab = LabProcess.Up(edges + 2 * pairs);
            Console.WriteLine($"lab up: {lab.Devices.Count} devices: {edges} edge routers, {2 * pairs} upstream routers ({perPair} edges per pair); {count} Internet Access orders");
            await using var app = await PortalAsync(work);
            var (tenant, sites) = await BuildInventoryAsync(app.Services, lab, edges, perPair);
            await app.StartAsync();
            var server = await JobServerAsync(app.Services.GetRequiredService<JobStorage>());
            Console.WriteLine($"Hangfire server: {server.WorkersCount} workers, queues {string.Join(",", server.Queues)}; SQLite data in {work}");

            using var memory = new PeakMemory();
            var (placed, refused, firstPlaced) = await PlaceAsync(app.Services, tenant, sites, count, interval);
            var finished = await WaitAsync(app.Services, placed.Keys, timeout);
            var orders = await ReadAsync(app.Services, placed);
            await app.StopAsync();
            var peakMiB = memory.Stop() / 1048576.0;

            var active = orders.Where(o => o.State == nameof(OrderState.Active)).ToList();
            var lastActive = active.Count > 0 ? active.Max(o => o.ActiveAt!.Value) : (DateTime?)null;
            var wall = lastActive is { } last ? (last - firstPlaced).TotalSeconds : double.NaN;
            var latencies = active.Select(o => o.Seconds!.Value).Order().ToList();
            var devicesPerOrder = orders.GroupBy(o => o.Devices.Count).OrderBy(g => g.Key).ToDictionary(g => g.Key.ToString(CultureInfo.InvariantCulture), g => g.Count());
            var result = new OrdersResult(edges, 2 * pairs, perPair, count, placed.Count, refused.Count, active.Count,
                orders.Count(o => o.State == nameof(OrderState.Failed)), placed.Count - finished, server.WorkersCount, [.. server.Queues],
                Environment.ProcessorCount, interval.TotalMilliseconds, wall, active.Count / (wall / 60), Percentile(latencies, 50), Percentile(latencies, 95),
                devicesPerOrder, peakMiB, loadAtStart, LabProcess.LoadAverage(), refused, orders);

            Print(result);
            await File.WriteAllTextAsync(outPath, JsonSerializer.Serialize(result, new JsonSerializerOptions
            {
                WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
            }));
            Console.WriteLine($"JSON written to {Path.GetFullPath(outPath)}");
            return result.Active == count ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// The portal's database, job and ordering wiring (the same setup methods Program.cs calls) on the embedded default,
    /// with real SSH devices. Kestrel listens on a free loopback port and serves nothing: only the jobs matter here.
    /// </summary>
    private static async Task<WebApplication> PortalAsync(string contentRoot)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = contentRoot, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = nameof(DatabaseProvider.Sqlite),
            ["Database:DataDirectory"] = "data",
            ["Devices:Mode"] = nameof(DeviceMode.Ssh),
            ["Devices:TemplateFolder"] = PortalProcess.RepositoryPath("database", "seed", "templates"),
            // Measures the orchestrator, not how fast a NOC user approves: no order waits at the approval gate.
            ["Provisioning:ApprovalThreshold"] = "100000",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        // The job's own warnings (a failed order and why) stay; the framework's start-up advice does not help here.
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft", LogLevel.Error);
        builder.AddPortalDatabase().AddJobs().AddOrdering();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services.AddSingleton<CredentialSecrets>();
        builder.Services.AddSingleton<Allocator>();
        builder.Services.AddSingleton<ILiveFeed, NoLiveFeed>();
        var app = builder.Build();
        await app.MigratePortalDatabaseAsync();
        return app;
    }

    /// <summary>
    /// Edge routers edge1..K (customer port Gi0/3, uplinks Gi0/1 and Gi0/2) and upstream pairs agg1/agg2, agg3/agg4, ...
    /// (Gi0/0 joins the pair, Gi0/1.. face their edges); one customer site of tenant Acme on each edge.
    /// </summary>
    private static async Task<(int Tenant, List<int> Sites)> BuildInventoryAsync(IServiceProvider services, LabProcess lab, int edges, int perPair)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var acme = new Tenant { Name = "Acme Corporation", Slug = "acme" };
        var pop = new Site { Name = "POP1", Kind = SiteKind.Provider };
        var ios = LabInventory.Ios();
        var login = LabInventory.Login(services.GetRequiredService<CredentialSecrets>(), lab.Credentials);
        db.AddRange(acme, pop, ios, login);
        var next = 0;
        Device Router(string name, DeviceRole role, int ports, int? customerPort)
        {
            var device = LabInventory.Router(name, lab.Devices[next++].Address, role, pop, ios, login, ports, customerPort);
            db.Devices.Add(device);
            return device;
        }
        static Link Link(Interface a, Interface b) => new() { AInterface = a, BInterface = b, CapacityMbps = 10_000, Metric = 10 };

        var edgeRouters = Enumerable.Range(1, edges).Select(e => Router($"edge{e}", DeviceRole.Edge, 4, 3)).ToList();
        for (var p = 0; p * perPair < edges; p++)
        {
            var pair = new[] { Router($"agg{2 * p + 1}", DeviceRole.Aggregation, perPair + 1, null), Router($"agg{2 * p + 2}", DeviceRole.Aggregation, perPair + 1, null) };
            db.Links.Add(Link(pair[0].Interfaces[0], pair[1].Interfaces[0]));
            foreach (var (edge, i) in edgeRouters.Skip(p * perPair).Take(perPair).Select((e, i) => (e, i)))
            {
                db.Links.Add(Link(edge.Interfaces[1], pair[0].Interfaces[i + 1]));
                db.Links.Add(Link(edge.Interfaces[2], pair[1].Interfaces[i + 1]));
            }
        }
        db.VlanPools.AddRange(edgeRouters.Select(e => new VlanPool { Name = $"{e.Hostname}-customers", Device = e, FirstVlan = 100, LastVlan = 3999 }));
        db.PrefixPools.Add(new PrefixPool { Name = "internet-29", Prefix = "100.64.0.0/16", ChildLength = 29 });
        var sites = edgeRouters.Select((e, i) => new Site { Name = $"Acme site {i + 1}", Kind = SiteKind.Customer, Tenant = acme, EdgeDevice = e }).ToList();
        db.Sites.AddRange(sites);
        await db.SaveChangesAsync();
        return (acme.Id, [.. sites.Select(s => s.Id)]);
    }

    /// <summary>The Hangfire server the portal's wiring started (it announces itself a moment after start-up).</summary>
    private static async Task<Hangfire.Storage.Monitoring.ServerDto> JobServerAsync(JobStorage storage)
    {
        for (var i = 0; ; i++)
        {
            var servers = storage.GetMonitoringApi().Servers();
            if (servers.Count == 1) return servers[0];
            if (i == 100) throw new InvalidOperationException($"Expected one Hangfire server, found {servers.Count}.");
            await Task.Delay(100);
        }
    }

    /// <summary>Places the orders one after another, round robin over the sites, as customers pressing "confirm".</summary>
    private static async Task<(Dictionary<int, DateTime> Placed, List<string> Refused, DateTime First)> PlaceAsync(
        IServiceProvider services, int tenant, List<int> sites, int count, TimeSpan interval)
    {
        var placed = new Dictionary<int, DateTime>();
        var refused = new List<string>();
        var first = DateTime.UtcNow;
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var at = DateTime.UtcNow;
            await using var scope = services.CreateAsyncScope();
            try
            {
                var order = await scope.ServiceProvider.GetRequiredService<PlaceOrder.Handler>().HandleAsync(
                    new PlaceOrder.Command(ServiceKind.InternetAccess, sites[i % sites.Count], null, 100, 29, $"bench order {i + 1}"), tenant, "bench@acme.example");
                placed[order.OrderId] = at;
            }
            catch (InventoryException e)
            {
                refused.Add(e.Message);
                Console.Error.WriteLine($"  order {i + 1} refused: {e.Message}");
            }
            if (interval > TimeSpan.Zero) await Task.Delay(interval);
        }
        Console.WriteLine($"placed {placed.Count} of {count} orders in {sw.Elapsed.TotalSeconds:0.0} s");
        return (placed, refused, first);
    }

    /// <summary>Waits until every order is Active, Failed or Cancelled; returns how many are.</summary>
    private static async Task<int> WaitAsync(IServiceProvider services, IEnumerable<int> ids, TimeSpan timeout)
    {
        var wanted = ids.ToList();
        var done = new[] { OrderState.Active, OrderState.Failed, OrderState.Cancelled };
        var dbs = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var deadline = Stopwatch.StartNew();
        var reported = -1;
        while (true)
        {
            await using var db = await dbs.CreateDbContextAsync();
            var finished = await db.Orders.CountAsync(o => wanted.Contains(o.Id) && done.Contains(o.State));
            if (finished == wanted.Count) return finished;
            if (deadline.Elapsed > timeout)
            {
                Console.Error.WriteLine($"  timed out after {timeout.TotalMinutes:0} min with {wanted.Count - finished} order(s) unfinished");
                return finished;
            }
            if (finished / 10 != reported / 10) Console.WriteLine($"  {finished} of {wanted.Count} finished after {deadline.Elapsed.TotalSeconds:0} s");
            reported = finished;
            await Task.Delay(200);
        }
    }

    /// <summary>Each order as the database tells it: placed (by the benchmark's clock), Active (its timeline), its devices.</summary>
    private static async Task<List<OrderRow>> ReadAsync(IServiceProvider services, Dictionary<int, DateTime> placed)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var ids = placed.Keys.ToList();
        var orders = await db.Orders.AsNoTracking().Include(o => o.Devices).Include(o => o.Timeline)
            .Where(o => ids.Contains(o.Id)).OrderBy(o => o.Id).ToListAsync();
        return [.. orders.Select(o =>
        {
            // The database gives the times back without a kind; they are UTC.
            var activeAt = o.Timeline.Where(e => e.State == OrderState.Active).OrderBy(e => e.Id)
                .Select(e => (DateTime?)DateTime.SpecifyKind(e.At, DateTimeKind.Utc)).FirstOrDefault();
            return new OrderRow(o.Id, o.State.ToString(), [.. o.Devices.OrderBy(d => d.Position).Select(d => d.Hostname)], placed[o.Id], activeAt,
                activeAt is { } a ? (a - placed[o.Id]).TotalSeconds : null, o.FailureReason);
        })];
    }

    private static void Print(OrdersResult r)
    {
        var table = new StringBuilder();
        table.AppendLine("| edges | upstream routers | orders | devices per order | Hangfire workers | first placed to last Active (s) | orders/min | p50 placed to Active (s) | p95 (s) | failed | unfinished |");
        table.AppendLine("|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        var devices = string.Join(", ", r.DevicesPerOrder.Select(d => $"{d.Key} ({d.Value} orders)"));
        table.AppendLine(CultureInfo.InvariantCulture,
            $"| {r.Edges} | {r.UpstreamRouters} | {r.Orders} | {devices} | {r.Workers} | {r.Seconds:0.0} | {r.OrdersPerMinute:0.0} | {r.P50Seconds:0.00} | {r.P95Seconds:0.00} | {r.Failed + r.Refused} | {r.Unfinished} |");
        Console.WriteLine();
        Console.Write(table);
        Console.WriteLine($"load average {r.LoadAverageAtStart} at start, {r.LoadAverageAtEnd} at end; peak memory {r.PeakMemoryMiB:0.0} MiB");
        foreach (var g in r.PerOrder.Where(o => o.Failure is not null).GroupBy(o => o.Failure).OrderByDescending(g => g.Count()))
            Console.Error.WriteLine($"    {g.Count()} x failed: {g.Key}");
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(List<double> sorted, int p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    /// <summary>Nobody watches the live feed in a benchmark.</summary>
    private sealed class NoLiveFeed : ILiveFeed
    {
        public Task PublishAsync(LiveEvent e, CancellationToken ct = default) => Task.CompletedTask;
    }

    /// <summary>The benchmark process's peak resident memory (portal wiring, jobs and SSH sessions), sampled every 200 ms.</summary>
    private sealed class PeakMemory : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _sampler;
        private long _peak;

        public PeakMemory() => _sampler = Task.Run(async () =>
        {
            using var self = Process.GetCurrentProcess();
            while (!_stop.IsCancellationRequested)
            {
                self.Refresh();
                _peak = Math.Max(_peak, self.WorkingSet64);
                try { await Task.Delay(200, _stop.Token); } catch (OperationCanceledException) { }
            }
        });

        public long Stop()
        {
            _stop.Cancel();
            _sampler.Wait();
            return _peak;
        }

        public void Dispose()
        {
            if (!_stop.IsCancellationRequested) Stop();
            _stop.Dispose();
        }
    }
}

/// <summary>One order: its devices (hostnames, in push order), when it was placed and became Active, or why it failed.</summary>
internal sealed record OrderRow(int Id, string State, List<string> Devices, DateTime PlacedAt, DateTime? ActiveAt, double? Seconds, string? Failure);

/// <summary>The orders benchmark's result, written as JSON.</summary>
internal sealed record OrdersResult(int Edges, int UpstreamRouters, int EdgesPerUpstreamPair, int Orders, int Placed, int Refused, int Active, int Failed,
    int Unfinished, int Workers, List<string> Queues, int Cores, double IntervalMs, double Seconds, double OrdersPerMinute, double P50Seconds, double P95Seconds,
    Dictionary<string, int> DevicesPerOrder, double PeakMemoryMiB, string LoadAverageAtStart, string LoadAverageAtEnd, List<string> RefusedMessages,
    List<OrderRow> PerOrder);
