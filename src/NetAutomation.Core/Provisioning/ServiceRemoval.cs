using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;
using NetAutomation.Core.Ordering;
using NetAutomation.Devices;

namespace NetAutomation.Core.Provisioning;

/// <summary>What takes a service off a device: its kind's removal template, for crash recovery and decommissioning.</summary>
public static class ServiceRemoval
{
    /// <summary>The removal template rendered with the first line of the applied config (the service's interface).</summary>
    public static async Task<string> RenderAsync(PortalDbContext db, ServiceOrder order, OrderDevice d, string platform, CancellationToken ct)
    {
        var template = await db.ConfigTemplates.AsNoTracking()
            .SingleOrDefaultAsync(t => t.Kind == order.Kind && t.Platform == platform && t.Variant == TemplateVariant.Remove, ct)
            ?? throw new DeviceException(d.Hostname, $"There is no removal template for {order.Kind} on {platform}; {d.Hostname} needs a manual check.");
        // The service's interface is the first line of what was applied: "interface <port>.<vlan>".
        var head = CliText.SplitConfig(d.Config)[0].Split(' ', 2)[1].Split('.');
        return new ConfigRenderer().Render(template.Name, template.Body, new Dictionary<string, object> { ["port"] = head[0], ["vlan"] = int.Parse(head[1]) });
    }

}
