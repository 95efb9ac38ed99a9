using Fluid;
using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Inventory;
using NetAutomation.Core.Ordering;
using NetAutomation.Core.Provisioning;

namespace NetAutomation.Core.Tests.Ordering;

/// <summary>Admins edit the configuration templates: a template is stored only if it renders strictly for every role, and the preview shows each device's configuration without writing anything.</summary>
public class TemplateAdminTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SaveTemplate.Handler Save(OrderingLab lab) => new(lab.Db.Factory, lab.Clock);

    private static PreviewTemplate.Handler Preview(OrderingLab lab) => new(lab.Db.Factory);

    private static async Task<List<(string Name, string Body, DateTime At)>> TemplatesAsync(OrderingLab lab)
    {
        await using var db = await lab.Db.ContextAsync();
        return (await db.ConfigTemplates.AsNoTracking().OrderBy(t => t.Id).ToListAsync(Ct)).Select(t => (t.Name, t.Body, t.UpdatedAt)).ToList();
    }

    [Fact]
    public async Task SeededTemplates_PassTheChecksAnAdminsTemplateMustPass()
    {
        await using var lab = await OrderingLab.CreateAsync();
        await using var db = await lab.Db.ContextAsync();
        foreach (var t in await db.ConfigTemplates.ToListAsync(Ct))
            Assert.Empty(SaveTemplate.Problems(t.Kind, t.Variant, t.Body));
    }

    [Theory]
    [InlineData("interface {{ prot }}.{{ vlan }}", "prot")]
    [InlineData("interface {{ port }}\n description {{ reference | shout }}", "shout")]
    [InlineData("{% if role == \"edge\" %}\ninterface {{ port }}", "does not parse")]
    [InlineData("interface {{ port }}.{{ vlan }}\u2028 shutdown", "Line 1 contains a control or invisible character (U+2028); remove it.")]
    [InlineData("interface {{ port }}\u0007", "Line 1 contains a control or invisible character (U+0007); remove it.")]
    [InlineData("interface {{ port }}\r ip address 1.1.1.1", "Line 1 contains a control or invisible character (U+000D); remove it.")]
    [InlineData("   \n  ", "The template is empty.")]
    public async Task BadTemplate_IsRefusedWithTheReason_AndNothingIsWritten(string body, string reason)
    {
        await using var lab = await OrderingLab.CreateAsync();
        var before = await TemplatesAsync(lab);

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Save(lab).HandleAsync(new SaveTemplate.Command(ServiceKind.PointToPoint, "ios", TemplateVariant.Apply, body), "admin", Ct));

        Assert.Contains(e.Errors["Body"], m => m.Contains(reason, StringComparison.Ordinal));
        Assert.Equal(before, await TemplatesAsync(lab));
    }

    [Fact]
    public async Task UnknownVariable_IsRefusedWithFluidsOwnMessage()
    {
        await using var lab = await OrderingLab.CreateAsync();
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Save(lab).HandleAsync(new SaveTemplate.Command(ServiceKind.PointToPoint, "ios", TemplateVariant.Apply, "interface {{ prot }}"), "admin", Ct));

        // What Fluid itself says about the variable, prefixed with the role it was rendered for.
        var expected = FluidMessage("interface {{ prot }}");
        Assert.Equal([$"For a device in the role edge: Template PointToPoint/Apply: {expected}"], e.Errors["Body"]);
    }

    /// <summary>The exception message Fluid gives when rendering with strict variables, straight from Fluid.</summary>
    private static string FluidMessage(string body)
    {
        var template = new FluidParser().Parse(body);
        var context = new TemplateContext(new TemplateOptionsBuilder().WithStrictVariables(true).WithStrictFilters(true).Build());
        var e = Assert.ThrowsAny<Exception>(() => { template.Render(context); });
        return (e.InnerException ?? e).Message;
    }

    [Fact]
    public async Task InternetAccess_TemplateMustRenderForUpstreamRoutersToo()
    {
        await using var lab = await OrderingLab.CreateAsync();
        // Fine on the customer's edge, but an upstream router has no port or VLAN of the customer's.
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => Save(lab).HandleAsync(
            new SaveTemplate.Command(ServiceKind.InternetAccess, "ios", TemplateVariant.Apply, "interface {{ port }}.{{ vlan }}\n ip address {{ gateway }} {{ netmask }}"), "admin", Ct));
        Assert.Single(e.Errors["Body"]);
        Assert.StartsWith("For a device in the role upstream:", e.Errors["Body"][0]);
    }

    [Theory]
    [InlineData("junos", "Platform must be one of: ios, frr.")]
    [InlineData("ios\n", "Platform must be one of: ios, frr.")]
    [InlineData("", "Platform must be one of: ios, frr.")]
    public async Task UnknownPlatform_IsRefused(string platform, string message)
    {
        await using var lab = await OrderingLab.CreateAsync();
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Save(lab).HandleAsync(new SaveTemplate.Command(ServiceKind.PointToPoint, platform, TemplateVariant.Apply, "interface {{ port }}"), "admin", Ct));
        Assert.Equal([message], e.Errors["Platform"]);
    }

    [Fact]
    public async Task TooLongTemplate_IsRefused()
    {
        await using var lab = await OrderingLab.CreateAsync();
        var body = "interface {{ port }}\n" + new string('!', SaveTemplate.MaxBodyLength);
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Save(lab).HandleAsync(new SaveTemplate.Command(ServiceKind.PointToPoint, "ios", TemplateVariant.Apply, body), "admin", Ct));
        Assert.Equal([$"The template is {body.Length} characters long; the limit is 20000."], e.Errors["Body"]);
    }

    [Fact]
    public async Task SavedTemplate_IsStoredWithWhoAndWhen_AndNewOrdersRenderWithIt()
    {
        await using var lab = await OrderingLab.CreateAsync();
        const string body = "interface {{ port }}.{{ vlan }}\n description P2P-{{ order_id }} {{ reference | cli }} peer {{ peer }}\n encapsulation dot1Q {{ vlan }}\n";
        await Save(lab).HandleAsync(new SaveTemplate.Command(ServiceKind.PointToPoint, "ios", TemplateVariant.Apply, body), "admin@netautomation.example", Ct);

        await using (var db = await lab.Db.ContextAsync())
        {
            var t = await db.ConfigTemplates.SingleAsync(x => x.Kind == ServiceKind.PointToPoint && x.Platform == "ios" && x.Variant == TemplateVariant.Apply, Ct);
            Assert.Equal((body, "admin@netautomation.example"), (t.Body, t.UpdatedBy));
            Assert.True(DateTime.UtcNow - t.UpdatedAt < TimeSpan.FromMinutes(1));
            // The audit trail says who changed which template, and how.
            var audit = await db.InventoryChanges.SingleAsync(x => x.Entity == "template" && x.EntityId == t.Id, Ct);
            Assert.Equal(("admin@netautomation.example", "updated"), (audit.Actor, audit.Action));
            Assert.StartsWith("PointToPoint/ios/Apply:\n", audit.Summary);
            Assert.Contains("+ description P2P-{{ order_id }} {{ reference | cli }} peer {{ peer }}", audit.Summary);
        }
        var placed = await lab.PlaceOrder().HandleAsync(
            new PlaceOrder.Command(ServiceKind.PointToPoint, lab.Sites["Acme London"], lab.Sites["Acme Paris"], 100, null, "LON-PAR"), lab.Acme, "customer@acme.example", Ct);
        await using (var db = await lab.Db.ContextAsync())
        {
            var edge1 = await db.OrderDevices.SingleAsync(d => d.OrderId == placed.OrderId && d.Hostname == "edge1", Ct);
            Assert.Contains($" description P2P-{placed.OrderId} LON-PAR peer edge2", edge1.Config);
        }
    }

    [Fact]
    public async Task NewTemplate_ForAnotherPlatform_IsCreated()
    {
        await using var lab = await OrderingLab.CreateAsync();
        await Save(lab).HandleAsync(new SaveTemplate.Command(ServiceKind.PointToPoint, "frr", TemplateVariant.Remove, "no interface {{ port }}.{{ vlan }}"), "admin", Ct);
        var rows = await new ListTemplates.Handler(lab.Db.Factory).HandleAsync(new(), Ct);
        Assert.Equal("no interface {{ port }}.{{ vlan }}", rows.Single(r => r.Name == "PointToPoint/frr/Remove").Body);
        Assert.Null(rows.Single(r => r.Name == "PointToPoint/frr/Apply").Body);
        Assert.Equal(4, rows.Single(r => r.Name == "PointToPoint/ios/Apply").Devices);
    }

    [Fact]
    public async Task Preview_InternetAccess_RendersEveryDevice_FromTheRealInventory_AndWritesNothing()
    {
        await using var lab = await OrderingLab.CreateAsync();
        var before = await TemplatesAsync(lab);

        var result = await Preview(lab).HandleAsync(new PreviewTemplate.Query(ServiceKind.InternetAccess), Ct);

        Assert.Null(result.Problem);
        // The first customer site by name is Acme Berlin, on edge3; its only uplink goes to core1's GigabitEthernet0/0.
        Assert.Equal("Internet Access for Acme Corporation, 50 Mbps: Acme Berlin on edge3 GigabitEthernet0/3, VLAN 100; block 198.51.100.0/29; 2 device(s).", result.Sample);
        Assert.Equal([("edge3", "edge", "ios"), ("core1", "upstream", "ios")], result.Devices.Select(d => (d.Hostname, d.Role, d.Platform)));
        var edge = result.Devices[0];
        Assert.Null(edge.ApplyError);
        Assert.Equal(
            ["interface GigabitEthernet0/3.100", " description NA-1000 Acme Corporation Preview", " encapsulation dot1Q 100", " ip address 198.51.100.1 255.255.255.248", " bandwidth 50000"],
            Lines(edge.Apply));
        Assert.Equal(["no interface GigabitEthernet0/3.100"], Lines(edge.Remove));
        var core = result.Devices[1];
        Assert.Equal(["ip route 198.51.100.0 255.255.255.248 GigabitEthernet0/0"], Lines(core.Apply));
        Assert.Equal(["no ip route 198.51.100.0 255.255.255.248 GigabitEthernet0/0"], Lines(core.Remove));

        Assert.Equal(before, await TemplatesAsync(lab));
        await ProvisioningTests.AssertNothingWrittenAsync(lab);
    }

    [Fact]
    public async Task Preview_PointToPoint_ShowsBothEnds_EachNamingTheOther()
    {
        await using var lab = await OrderingLab.CreateAsync();
        var result = await Preview(lab).HandleAsync(new PreviewTemplate.Query(ServiceKind.PointToPoint), Ct);
        Assert.Equal(["edge3", "edge1"], result.Devices.Select(d => d.Hostname));
        Assert.Contains(" description NA-1000 Acme Corporation Preview to edge1", Lines(result.Devices[0].Apply));
        Assert.Contains(" description NA-1000 Acme Corporation Preview to edge3", Lines(result.Devices[1].Apply));
    }

    [Fact]
    public async Task Preview_OfAnUnsavedBody_ShowsItsOutputOrItsError_WithoutSavingIt()
    {
        await using var lab = await OrderingLab.CreateAsync();
        var before = await TemplatesAsync(lab);

        var good = await Preview(lab).HandleAsync(new PreviewTemplate.Query(ServiceKind.PointToPoint, "ios", TemplateVariant.Remove, "default interface {{ port }}.{{ vlan }}"), Ct);
        Assert.All(good.Devices, d => Assert.StartsWith("default interface GigabitEthernet0/3.", d.Remove));
        Assert.All(good.Devices, d => Assert.StartsWith("interface GigabitEthernet0/3.", d.Apply)); // the stored Apply template

        var bad = await Preview(lab).HandleAsync(new PreviewTemplate.Query(ServiceKind.PointToPoint, "ios", TemplateVariant.Apply, "interface {{ prot }}"), Ct);
        Assert.All(bad.Devices, d =>
        {
            Assert.Null(d.Apply);
            Assert.Contains("prot", d.ApplyError);
        });
        Assert.Equal(before, await TemplatesAsync(lab));
    }

    private static string[] Lines(string? config) => (config ?? "").Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
