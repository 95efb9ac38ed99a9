using System.Globalization;
using System.Net;
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

        public async Task<Result> HandleAsync(Command c, int tenantId, string actor, CancellationToken ct = default)
        {
            var errors = new FieldErrors();
            var reference = InventoryRules.Text(errors, nameof(c.Reference), c.Reference, 60, required: true, label: "Reference") ?? "";
            if (reference.Contains("{{") || reference.Contains("{%"))
                errors.Add(nameof(c.Reference), "Reference may not contain {{ or {%.");
            if (!Enum.IsDefined(c.Kind))
            {
                errors.Add(nameof(c.Kind), $"Service must be one of: {string.Join(", ", Enum.GetNames<ServiceKind>())}.");
                errors.ThrowIfAny();
            }
            var offer = ServiceCatalog.For(c.Kind);
            if (!offer.BandwidthsMbps.Contains(c.BandwidthMbps))
                errors.Add(nameof(c.BandwidthMbps), $"Bandwidth must be one of {string.Join(", ", offer.BandwidthsMbps)} Mbps.");
            if (offer.PrefixLengths.Length > 0 && (c.PrefixLength is not { } length || !offer.PrefixLengths.Contains(length)))
                errors.Add(nameof(c.PrefixLength), $"Address block must be one of {string.Join(", ", offer.PrefixLengths.Select(l => "/" + l))}.");
            if (offer.PrefixLengths.Length == 0 && c.PrefixLength is not null)
                errors.Add(nameof(c.PrefixLength), $"{offer.Name} has no address block; leave it empty.");

            await using var db = await dbs.CreateDbContextAsync(ct);
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
            var templates = new Dictionary<int, ConfigTemplate>();
            foreach (var end in ends)
            {
                templates[end.Edge.Id] = await db.ConfigTemplates.AsNoTracking().SingleOrDefaultAsync(
                        t => t.Kind == c.Kind && t.Platform == end.Edge.Platform!.DriverKey && t.Variant == TemplateVariant.Apply, ct)
                    ?? throw new ConflictException($"There is no {offer.Name} template for {end.Edge.Platform!.Name} ({end.Edge.Hostname}); ask an admin to add one.");
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
                    PathLinks = path?.Links, PathDescription = path?.Description,
                    Resources = held.Select(h => new OrderResource { AllocationId = h.Reservation.AllocationId, Description = h.Description }).ToList(),
                };
                order.Record($"Order placed by {actor}: {offer.Name}, {c.BandwidthMbps} Mbps" + (path is null ? "." : $", path {path.Description}."), now);
                db.Orders.Add(order);
                await db.SaveChangesAsync(ct);

                for (var i = 0; i < ends.Count; i++)
                {
                    var end = ends[i];
                    var values = Values(order, tenant, end, block, peer: ends.Count > 1 ? ends[1 - i].Edge.Hostname : null);
                    order.Devices.Add(new OrderDevice
                    {
                        DeviceId = end.Edge.Id, Position = i, Hostname = end.Edge.Hostname,
                        Config = _renderer.Render(templates[end.Edge.Id].Name, templates[end.Edge.Id].Body, values),
                    });
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
            var port = edge.Interfaces.Where(i => i.Enabled && (i.Description ?? "").Contains("customer", StringComparison.OrdinalIgnoreCase))
                           .OrderBy(i => i.Name).FirstOrDefault()
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

        private static Dictionary<string, object> Values(ServiceOrder order, string tenant, End end, Reservation? block, string? peer)
        {
            var values = new Dictionary<string, object>
            {
                ["order_id"] = order.Id,
                ["tenant"] = tenant,
                ["reference"] = order.Reference,
                ["port"] = end.Port,
                ["vlan"] = end.Vlan,
                ["bandwidth_kbps"] = order.BandwidthMbps * 1000,
            };
            if (peer is not null) values["peer"] = peer;
            if (block is not null)
            {
                var network = IPNetwork2.Parse(block.Prefix!);
                var gateway = new IPAddress(network.FirstUsable.GetAddressBytes());
                values["gateway"] = gateway.ToString();
                values["netmask"] = network.Netmask.ToString();
                values["prefix"] = block.Prefix!;
                values["prefix_length"] = network.Cidr.ToString(CultureInfo.InvariantCulture);
            }
            return values;
        }

        private sealed record End(Site Site, Device Edge, string Port, int VlanPoolId)
        {
            public int Vlan { get; set; }
        }
    }
}
