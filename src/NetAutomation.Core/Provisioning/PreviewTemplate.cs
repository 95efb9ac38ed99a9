using System.Net;
using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;
using NetAutomation.Core.Inventory;
using NetAutomation.Core.Ordering;

namespace NetAutomation.Core.Provisioning;

/// <summary>
/// Shows what a kind's templates would put on each device, before anything is saved: a sample order is built from
/// the real inventory (the first customer site connected to an edge router, that edge's upstream routers, the first
/// VLAN of its pool, the first block of an address pool) and every device's Apply and Remove configuration is
/// rendered, or the error that stops it. Nothing is written and nothing is held.
/// </summary>
public static class PreviewTemplate
{
    /// <param name="Platform">With <paramref name="Variant"/> and <paramref name="Body"/>: the template being edited, used instead of the stored one.</param>
    public sealed record Query(ServiceKind Kind, string? Platform = null, TemplateVariant? Variant = null, string? Body = null);

    /// <param name="Problem">Why there is no sample order to render (e.g. no customer site is connected), or null.</param>
    /// <param name="Sample">The sample order in words.</param>
    public sealed record Result(string? Problem, string Sample, IReadOnlyList<DeviceRow> Devices);

    public sealed record DeviceRow(string Hostname, string Role, string Platform, string? Apply, string? ApplyError, string? Remove, string? RemoveError);

    private const string SamplePrefix = "198.51.100.8/29";
    private const int SampleVlan = 100;

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs)
    {
        private readonly ConfigRenderer _renderer = new();

        public async Task<Result> HandleAsync(Query q, CancellationToken ct = default)
        {
            if (!Enum.IsDefined(q.Kind)) throw ValidationFailedException.For(nameof(q.Kind), $"Service must be one of: {string.Join(", ", Enum.GetNames<ServiceKind>())}.");
            if (q.Body is { Length: > SaveTemplate.MaxBodyLength })
                throw ValidationFailedException.For(nameof(q.Body), $"The template is {q.Body.Length} characters long; the limit is {SaveTemplate.MaxBodyLength}.");
            await using var db = await dbs.CreateDbContextAsync(ct);
            var sites = await db.Sites.AsNoTracking().Include(s => s.Tenant)
                .Include(s => s.EdgeDevice!.Platform).Include(s => s.EdgeDevice!.Interfaces)
                .Where(s => s.Kind == SiteKind.Customer && s.EdgeDeviceId != null)
                .OrderBy(s => s.Name).ToListAsync(ct);
            // Sites whose edge runs the platform being edited come first, so the preview shows that template at work.
            sites = [.. sites.OrderBy(s => q.Platform is not null && s.EdgeDevice!.Platform!.DriverKey != q.Platform)];
            if (sites.Count == 0)
                return new Result("No customer site is connected to an edge router yet, so there is no sample order to render. Connect one in the inventory.", "", []);

            var siteA = sites[0];
            Site? siteB = null;
            if (ServiceCatalog.TwoSites(q.Kind))
            {
                siteB = sites.Skip(1).OrderBy(s => s.EdgeDeviceId == siteA.EdgeDeviceId).FirstOrDefault();
                if (siteB is null)
                    return new Result($"{ServiceCatalog.Default(q.Kind).Name} joins two sites, and only {siteA.Name} is connected to an edge router.", "", []);
            }

            var offer = await ServiceCatalog.FindAsync(db, q.Kind, ct) ?? ServiceCatalog.Default(q.Kind);
            var prefix = ServiceCatalog.HasAddressBlock(q.Kind) ? await SampleBlockAsync(db, offer.PrefixLengths, ct) : null;
            var tenant = siteA.Tenant?.Name ?? "Example Tenant";
            var common = TemplateValues.Common(1000, tenant, "Preview", offer.BandwidthsMbps[0], prefix);
            var devices = new List<(Device Device, string Role, Dictionary<string, object> Values)>();
            var ends = siteB is null ? new[] { siteA } : [siteA, siteB];
            var words = new List<string>();
            for (var i = 0; i < ends.Length; i++)
            {
                var edge = ends[i].EdgeDevice!;
                var port = PlaceOrder.CustomerPort(edge)?.Name ?? edge.Interfaces.OrderBy(x => x.Name).Select(x => x.Name).FirstOrDefault() ?? "GigabitEthernet0/0";
                var vlan = await db.VlanPools.AsNoTracking().Where(p => p.DeviceId == edge.Id || (p.DeviceId == null && p.SiteId == edge.SiteId))
                    .OrderBy(p => p.DeviceId == null).Select(p => (int?)p.FirstVlan).FirstOrDefaultAsync(ct) ?? SampleVlan;
                devices.Add((edge, DeviceRoles.Edge, TemplateValues.Edge(common, port, vlan, ends.Length > 1 ? ends[1 - i].EdgeDevice!.Hostname : null)));
                words.Add($"{ends[i].Name} on {edge.Hostname} {port}, VLAN {vlan}");
            }
            if (ServiceCatalog.HasAddressBlock(q.Kind))
            {
                foreach (var up in await PlaceOrder.UpstreamsOfAsync(db, siteA.EdgeDevice!.Id, ct))
                    devices.Add((up.Device, DeviceRoles.Upstream, TemplateValues.Upstream(common, up.Via, siteA.EdgeDevice!.Hostname)));
                words.Add($"block {prefix}");
            }

            var templates = await db.ConfigTemplates.AsNoTracking().Where(t => t.Kind == q.Kind).ToListAsync(ct);
            var rows = devices.Select(d =>
            {
                var platform = d.Device.Platform!.DriverKey;
                var (apply, applyError) = Render(templates, q, platform, TemplateVariant.Apply, d.Values);
                var (remove, removeError) = Render(templates, q, platform, TemplateVariant.Remove, ConfigRenderer.FromJson(ConfigRenderer.ToJson(d.Values)));
                return new DeviceRow(d.Device.Hostname, d.Role, platform, apply, applyError, remove, removeError);
            }).ToList();
            var sample = $"{offer.Name} for {tenant}, {offer.BandwidthsMbps[0]} Mbps: {string.Join("; ", words)}; {devices.Count} device(s).";
            return new Result(null, sample, rows);
        }

        private (string? Config, string? Error) Render(List<ConfigTemplate> templates, Query q, string platform, TemplateVariant variant, IReadOnlyDictionary<string, object> values)
        {
            var edited = q.Body is not null && q.Platform == platform && q.Variant == variant;
            var body = edited ? q.Body : templates.SingleOrDefault(t => t.Platform == platform && t.Variant == variant)?.Body;
            if (body is null) return (null, $"There is no {variant} template for {q.Kind} on {platform}.");
            var problem = SaveTemplate.Problems(q.Kind, variant, body).FirstOrDefault();
            if (problem is not null && edited) return (null, problem);
            try { return (_renderer.Render($"{q.Kind}/{platform}/{variant}", body, values), null); }
            catch (ValidationFailedException e) { return (null, string.Join(" ", e.Errors.SelectMany(x => x.Value))); }
        }

        /// <summary>The first block an Internet Access order would get from the address pools, or a documentation block.</summary>
        private static async Task<string> SampleBlockAsync(PortalDbContext db, int[] lengths, CancellationToken ct)
        {
            var pools = await db.PrefixPools.AsNoTracking().Where(p => !p.Prefix.Contains(':')).OrderBy(p => p.Id).ToListAsync(ct);
            var pool = pools.FirstOrDefault(p => lengths.Contains(p.ChildLength));
            if (pool is null) return SamplePrefix;
            var first = IPNetwork2.Parse(pool.Prefix).Subnet((byte)pool.ChildLength)[0];
            return InventoryRules.Canonical(first);
        }
    }
}
