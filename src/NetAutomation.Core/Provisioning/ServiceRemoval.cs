using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;
using NetAutomation.Core.Ordering;
using NetAutomation.Devices;

namespace NetAutomation.Core.Provisioning;

/// <summary>What takes a service off a device: its kind's removal template, for crash recovery and decommissioning.</summary>
public static class ServiceRemoval
{
    /// <summary>The removal template rendered with the values the device's configuration was rendered with.</summary>
    public static async Task<string> RenderAsync(PortalDbContext db, ServiceOrder order, OrderDevice d, string platform, CancellationToken ct)
    {
        var template = await db.ConfigTemplates.AsNoTracking()
            .SingleOrDefaultAsync(t => t.Kind == order.Kind && t.Platform == platform && t.Variant == TemplateVariant.Remove, ct)
            ?? throw new DeviceException(d.Hostname, $"There is no removal template for {order.Kind} on {platform}; {d.Hostname} needs a manual check.");
        return new ConfigRenderer().Render(template.Name, template.Body, ConfigRenderer.FromJson(d.Values));
    }
}
