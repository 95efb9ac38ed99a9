using Hangfire;
using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;
using NetAutomation.Core.Inventory;
using NetAutomation.Core.Provisioning;

namespace NetAutomation.Core.Ordering;

/// <summary>
/// A customer orders a service: the request is checked, the resources are held through Inventory, each device's
/// configuration is rendered, the order is stored and its provisioning job queued. Bad input or missing resources
/// are answered with a clear message and leave nothing behind: no order, no hold.
/// </summary>
public static class PlaceOrder
{
    public sealed record Command(ServiceKind Kind, int? SiteAId, int? SiteBId, int BandwidthMbps, int? PrefixLength, string? Reference);

    public sealed record Result(int OrderId);

    /// <summary>How long resources are held for an order that has not finished provisioning.</summary>
    public static readonly TimeSpan Hold = TimeSpan.FromHours(2);

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs, Allocator allocator, IBackgroundJobClient jobs, TimeProvider clock)
    {
        private readonly ConfigRenderer _renderer = new();

        public Task<Result> HandleAsync(Command c, int tenantId, string actor, CancellationToken ct = default) => HandleAsync(c, tenantId, actor, null, ct);

        /// <param name="retryOf">The failed order this one retries (the NOC's retry), or null.</param>
        public async Task<Result> HandleAsync(Command c, int tenantId, string actor, int? retryOf, CancellationToken ct = default)
        {
            var errors = new FieldErrors();
            var reference = InventoryRules.Text(errors, nameof(c.Reference), c.Reference, 60, required: true, label: "Reference") ?? "";
            InventoryRules.NoTemplateSyntax(errors, nameof(c.Reference), reference, "Reference");
            if (!Enum.IsDefined(c.Kind))
            {
                errors.Add(nameof(c.Kind), $"Service must be one of: {string.Join(", ", Enum.GetNames<ServiceKind>())}.");
                errors.ThrowIfAny();
            }
            await using var db = await dbs.CreateDbContextAsync(ct);
            // The offer as admins keep it: its choices, and whether it can be ordered at all.
            var offer = await ServiceCatalog.FindAsync(db, c.Kind, ct);
            if (offer is not { Enabled: true })
            {
                errors.Add(nameof(c.Kind), $"{offer?.Name ?? ServiceCatalog.Default(c.Kind).Name} is not offered at the moment; choose another service from the catalog.");
                errors.ThrowIfAny();
            }
            if (!offer!.BandwidthsMbps.Contains(c.BandwidthMbps))
                errors.Add(nameof(c.BandwidthMbps), $"Bandwidth must be one of {string.Join(", ", offer.BandwidthsMbps)} Mbps.");
            if (offer.PrefixLengths.Length > 0 && (c.PrefixLength is not { } length || !offer.PrefixLengths.Contains(length)))
                errors.Add(nameof(c.PrefixLength), $"Address block must be one of {string.Join(", ", offer.PrefixLengths.Select(l => "/" + l))}.");
            if (offer.PrefixLengths.Length == 0 && c.PrefixLength is not null)
                errors.Add(nameof(c.PrefixLength), $"{offer.Name} has no address block; leave it empty.");

            var tenant = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Name).SingleOrDefaultAsync(ct)
                ?? throw new NotFoundException($"Tenant {tenantId} does not exist.");
            var siteA = await CustomerSiteAsync(db, errors, nameof(c.SiteAId), c.SiteAId, tenantId, ct);
            var siteB = offer.TwoSites ? await CustomerSiteAsync(db, errors, nameof(c.SiteBId), c.SiteBId, tenantId, ct) : null;
            if (!offer.TwoSites && c.SiteBId is not null) errors.Add(nameof(c.SiteBId), $"{offer.Name} is for one site; leave the second site empty.");
            if (siteA is not null && siteB is not null && siteA.Id == siteB.Id) errors.Add(nameof(c.SiteBId), "Choose two different sites.");
            errors.ThrowIfAny();

            // What the service needs, checked before anything is held.
            var ends = new List<End> { await EndAsync(db, siteA!, ct) };
            if (siteB is not null) ends.Add(await EndAsync(db, siteB, ct));
            PathPlanner.Path? path = null;
            if (siteB is not null)
            {
                path = await PathPlanner.FindAsync(db, ends[0].Edge.Id, ends[1].Edge.Id, c.BandwidthMbps, ct)
                    ?? throw new ConflictException($"No path with {c.BandwidthMbps} Mbps spare between {siteA!.Name} and {siteB.Name}.");
            }
            // Internet access also touches the routers upstream of the edge: they route the customer's block towards it.
            var upstreams = c.Kind == ServiceKind.InternetAccess ? await UpstreamsAsync(db, ends[0], ct) : [];
            var templates = new Dictionary<string, ConfigTemplate>();
            foreach (var platform in ends.Select(e => e.Edge.Platform!).Concat(upstreams.Select(u => u.Device.Platform!)).DistinctBy(p => p.Id))
            {
                templates[platform.DriverKey] = await db.ConfigTemplates.AsNoTracking().SingleOrDefaultAsync(
                        t => t.Kind == c.Kind && t.Platform == platform.DriverKey && t.Variant == TemplateVariant.Apply, ct)
                    ?? throw new ConflictException($"There is no {offer.Name} template for {platform.Name}; ask an admin to add one.");
            }

            var owner = $"order:{Guid.NewGuid():N}";
            var held = new List<(Reservation Reservation, string Description)>();
            try
            {
                foreach (var end in ends)
                {
                    var vlan = await allocator.ReserveVlanAsync(end.VlanPoolId, owner, tenantId, Hold, actor, ct);
                    held.Add((vlan, $"VLAN {vlan.Vlan} on {end.Edge.Hostname}"));
                    end.Vlan = vlan.Vlan!.Value;
                }
                Reservation? block = null;
                if (c.Kind == ServiceKind.InternetAccess)
                {
                    block = await ReserveBlockAsync(db, c.PrefixLength!.Value, owner, tenantId, actor, ct);
                    held.Add((block, block.Prefix!));
                }

                var now = clock.GetUtcNow().UtcDateTime;
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var order = new ServiceOrder
                {
                    TenantId = tenantId, Kind = c.Kind, SiteAId = siteA!.Id, SiteBId = siteB?.Id, BandwidthMbps = c.BandwidthMbps,
                    PrefixLength = c.PrefixLength, Reference = reference, RequestedBy = actor, CreatedAt = now,
                    PathLinks = path?.Links, PathDescription = path?.Description, RetryOf = retryOf,
                    Resources = held.Select(h => new OrderResource { AllocationId = h.Reservation.AllocationId, Description = h.Description }).ToList(),
                };
                order.Record($"Order placed by {actor}: {offer.Name}, {c.BandwidthMbps} Mbps" + (path is null ? "." : $", path {path.Description}.")
                    + (retryOf is null ? "" : $" It retries order {retryOf}."), now);
                db.Orders.Add(order);
                await db.SaveChangesAsync(ct);

                var common = TemplateValues.Common(order.Id, tenant, order.Reference, order.BandwidthMbps, block?.Prefix);
                for (var i = 0; i < ends.Count; i++)
                {
                    var values = TemplateValues.Edge(common, ends[i].Port, ends[i].Vlan, ends.Count > 1 ? ends[1 - i].Edge.Hostname : null);
                    order.Devices.Add(Rendered(ends[i].Edge, DeviceRoles.Edge, order.Devices.Count, values, templates));
                }
                foreach (var up in upstreams)
                {
                    var values = TemplateValues.Upstream(common, up.Via, ends[0].Edge.Hostname);
                    order.Devices.Add(Rendered(up.Device, DeviceRoles.Upstream, order.Devices.Count, values, templates));
                }
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                jobs.Enqueue<ProvisionServiceJob>(j => j.RunAsync(order.Id, CancellationToken.None));
                return new Result(order.Id);
            }
            catch
            {
                foreach (var (reservation, _) in held) await allocator.ReleaseAsync(reservation.AllocationId, actor, CancellationToken.None);
                throw;
            }
        }

        private static async Task<Site?> CustomerSiteAsync(PortalDbContext db, FieldErrors errors, string field, int? siteId, int tenantId, CancellationToken ct)
        {
            if (siteId is null)
            {
                errors.Add(field, "Choose a site.");
                return null;
            }
            // Another tenant's site reads exactly like a missing one: a customer learns nothing about other tenants.
            var site = await db.Sites.AsNoTracking().SingleOrDefaultAsync(s => s.Id == siteId && s.TenantId == tenantId && s.Kind == SiteKind.Customer, ct);
            if (site is null) errors.Add(field, $"Site {siteId} is not one of your sites.");
            else if (site.EdgeDeviceId is null) errors.Add(field, $"{site.Name} is not connected to the network yet; ask the NOC.");
            return site;
        }

        private static async Task<End> EndAsync(PortalDbContext db, Site site, CancellationToken ct)
        {
            var edge = await db.Devices.AsNoTracking().Include(d => d.Platform).Include(d => d.Interfaces)
                .SingleAsync(d => d.Id == site.EdgeDeviceId, ct);
            if (edge.State != DeviceState.Active)
                throw new ConflictException($"{edge.Hostname}, the router of {site.Name}, is {edge.State}; orders resume when it is Active.");
            var port = CustomerPort(edge)
                       ?? throw new ConflictException($"{edge.Hostname} has no customer access port for {site.Name}.");
            var pool = await db.VlanPools.AsNoTracking().Where(p => p.DeviceId == edge.Id || (p.DeviceId == null && p.SiteId == edge.SiteId))
                           .OrderBy(p => p.DeviceId == null).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct)
                       ?? throw new ConflictException($"No VLAN pool covers {edge.Hostname}.");
            return new End(site, edge, port.Name, pool);
        }

        private async Task<Reservation> ReserveBlockAsync(PortalDbContext db, int length, string owner, int tenantId, string actor, CancellationToken ct)
        {
            var pools = await db.PrefixPools.AsNoTracking().Where(p => p.ChildLength == length && !p.Prefix.Contains(':')).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
            foreach (var pool in pools)
            {
                try { return await allocator.ReservePrefixAsync(pool, owner, tenantId, Hold, actor, ct); }
                catch (PoolExhaustedException) { /* try the next pool of that size */ }
            }
            throw new PoolExhaustedException($"No free /{length} IPv4 block is left for internet access; ask the NOC to add a pool.");
        }

        private OrderDevice Rendered(Device device, string role, int position, Dictionary<string, object> values, Dictionary<string, ConfigTemplate> templates)
        {
            var template = templates[device.Platform!.DriverKey];
            return new OrderDevice
            {
                DeviceId = device.Id, Position = position, Hostname = device.Hostname, Role = role,
                Config = _renderer.Render(template.Name, template.Body, values), Values = ConfigRenderer.ToJson(values),
            };
        }

        private static async Task<List<Upstream>> UpstreamsAsync(PortalDbContext db, End end, CancellationToken ct)
        {
            var upstreams = await UpstreamsOfAsync(db, end.Edge.Id, ct);
            return upstreams.Count > 0 ? upstreams
                : throw new ConflictException($"{end.Edge.Hostname} has no working uplink, so internet access cannot reach {end.Site.Name}; ask the NOC.");
        }

        private sealed record End(Site Site, Device Edge, string Port, int VlanPoolId)
        {
            public int Vlan { get; set; }
        }
    }

    /// <summary>A router upstream of an edge: the device and its own interface towards the edge.</summary>
    internal sealed record Upstream(Device Device, string Via);

    /// <summary>The edge's port that customers are connected to (an enabled interface described as a customer port).</summary>
    internal static Interface? CustomerPort(Device edge) =>
        edge.Interfaces.Where(i => i.Enabled && (i.Description ?? "").Contains("customer", StringComparison.OrdinalIgnoreCase)).OrderBy(i => i.Name).FirstOrDefault();

    /// <summary>The routers at the far end of the edge's working links, each with its own interface towards the edge.</summary>
    internal static async Task<List<Upstream>> UpstreamsOfAsync(PortalDbContext db, int edge, CancellationToken ct)
    {
        var links = await db.Links.AsNoTracking()
            .Include(l => l.AInterface!.Device!.Platform).Include(l => l.BInterface!.Device!.Platform)
            .Where(l => l.State == LinkState.Up && (l.AInterface!.DeviceId == edge || l.BInterface!.DeviceId == edge))
            .ToListAsync(ct);
        return links.Select(l => l.AInterface!.DeviceId == edge ? l.BInterface! : l.AInterface!)
            .Where(i => i.Device!.State == DeviceState.Active)
            .GroupBy(i => i.DeviceId).Select(g => g.OrderBy(i => i.Name).First())
            .OrderBy(i => i.Device!.Hostname)
            .Select(i => new Upstream(i.Device!, i.Name)).ToList();
    }
}
