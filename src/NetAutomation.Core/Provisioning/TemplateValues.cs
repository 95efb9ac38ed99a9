using System.Globalization;
using System.Net;
using NetAutomation.Core.Ordering;

namespace NetAutomation.Core.Provisioning;

/// <summary>
/// The values a configuration template is rendered with, built in one place for orders, for the preview and for the
/// check a template must pass before it is saved: a template that renders here renders for a real order.
/// </summary>
public static class TemplateValues
{
    /// <summary>What every device of an order gets; Internet Access adds the customer's block.</summary>
    public static Dictionary<string, object> Common(int orderId, string tenant, string reference, int bandwidthMbps, string? prefix)
    {
        var values = new Dictionary<string, object> { ["order_id"] = orderId, ["tenant"] = tenant, ["reference"] = reference, ["bandwidth_kbps"] = bandwidthMbps * 1000 };
        if (prefix is null) return values;
        var network = IPNetwork2.Parse(prefix);
        values["gateway"] = new IPAddress(network.FirstUsable.GetAddressBytes()).ToString();
        values["network"] = network.Network.ToString();
        values["netmask"] = network.Netmask.ToString();
        values["prefix"] = prefix;
        values["prefix_length"] = network.Cidr.ToString(CultureInfo.InvariantCulture);
        return values;
    }

    /// <summary>The customer's edge router: the access port, the VLAN and, for point-to-point, the other end.</summary>
    public static Dictionary<string, object> Edge(IReadOnlyDictionary<string, object> common, string port, int vlan, string? peer)
    {
        var values = new Dictionary<string, object>(common) { ["role"] = DeviceRoles.Edge, ["port"] = port, ["vlan"] = vlan };
        if (peer is not null) values["peer"] = peer;
        return values;
    }

    /// <summary>A router upstream of the edge: its own interface towards the edge, and the edge's name.</summary>
    public static Dictionary<string, object> Upstream(IReadOnlyDictionary<string, object> common, string via, string edge) =>
        new(common) { ["role"] = DeviceRoles.Upstream, ["via"] = via, ["edge"] = edge };

    /// <summary>Documentation-range sample values for every role a kind's devices play.</summary>
    public static IReadOnlyList<(string Role, Dictionary<string, object> Values)> Samples(ServiceKind kind)
    {
        var common = Common(1000, "Example Tenant", "Sample service", 100, kind == ServiceKind.InternetAccess ? "198.51.100.8/29" : null);
        return kind switch
        {
            ServiceKind.InternetAccess =>
            [
                (DeviceRoles.Edge, Edge(common, "GigabitEthernet0/3", 100, null)),
                (DeviceRoles.Upstream, Upstream(common, "GigabitEthernet0/1", "edge1")),
            ],
            _ => [(DeviceRoles.Edge, Edge(common, "GigabitEthernet0/3", 100, "edge2"))],
        };
    }
}
