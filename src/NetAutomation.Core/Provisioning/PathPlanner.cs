using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;
using NetAutomation.Core.Inventory;
using NetAutomation.Core.Ordering;
using QuikGraph;
using QuikGraph.Algorithms;

namespace NetAutomation.Core.Provisioning;

/// <summary>
/// Paths over the topology by routing metric, using only links that are up and have the bandwidth to spare once the
/// point-to-point services already on them are counted.
/// </summary>
public static class PathPlanner
{
    public sealed record Path(IReadOnlyList<int> LinkIds, IReadOnlyList<string> Hostnames)
    {
        public string Links => "|" + string.Join("|", LinkIds) + "|";
        public string Description => string.Join(" > ", Hostnames);
    }

    /// <summary>Bandwidth in use per link by orders that hold a path (placed, provisioning or active).</summary>
    public static async Task<Dictionary<int, int>> UsedBandwidthAsync(PortalDbContext db, CancellationToken ct)
    {
        var paths = await db.Orders
            .Where(o => o.PathLinks != null && (o.State == OrderState.Placed || o.State == OrderState.Provisioning || o.State == OrderState.Active))
            .Select(o => new { o.PathLinks, o.BandwidthMbps })
            .ToListAsync(ct);
        var used = new Dictionary<int, int>();
        foreach (var p in paths)
            foreach (var id in p.PathLinks!.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse))
                used[id] = used.GetValueOrDefault(id) + p.BandwidthMbps;
        return used;
    }

    /// <summary>The cheapest path from one device to another with <paramref name="bandwidthMbps"/> spare, or null.</summary>
    public static async Task<Path?> FindAsync(PortalDbContext db, int fromDeviceId, int toDeviceId, int bandwidthMbps, CancellationToken ct)
    {
        var links = await db.Links.AsNoTracking()
            .Where(l => l.State == LinkState.Up)
            .Select(l => new { l.Id, A = l.AInterface!.DeviceId, B = l.BInterface!.DeviceId, l.CapacityMbps, l.Metric })
            .ToListAsync(ct);
        var used = await UsedBandwidthAsync(db, ct);
        var graph = new UndirectedGraph<int, TaggedUndirectedEdge<int, (int Id, int Metric)>>(allowParallelEdges: true);
        foreach (var l in links.Where(l => l.CapacityMbps - used.GetValueOrDefault(l.Id) >= bandwidthMbps && l.A != l.B))
        {
            graph.AddVerticesAndEdge(l.A < l.B
                ? new TaggedUndirectedEdge<int, (int, int)>(l.A, l.B, (l.Id, l.Metric))
                : new TaggedUndirectedEdge<int, (int, int)>(l.B, l.A, (l.Id, l.Metric)));
        }
        if (!graph.ContainsVertex(fromDeviceId) || !graph.ContainsVertex(toDeviceId)) return null;
        var tryPath = graph.ShortestPathsDijkstra(e => e.Tag.Metric, fromDeviceId);
        if (!tryPath(toDeviceId, out var edges)) return null;

        var hops = new List<int> { fromDeviceId };
        foreach (var e in edges) hops.Add(e.GetOtherVertex(hops[^1]));
        var names = await db.Devices.Where(d => hops.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Hostname, ct);
        return new Path(edges.Select(e => e.Tag.Id).ToList(), hops.Select(h => names[h]).ToList());
    }
}
