using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NetAutomation.Core.Data;
using NetAutomation.Core.Identity;
using NetAutomation.Core.Inventory;
using NetAutomation.Web.Features.Inventory;
using NetAutomation.Web.Tests.Foundation;

namespace NetAutomation.Web.Tests.Inventory;

/// <summary>The VLAN pool, prefix pool and interface forms against the real handlers on SQLite: a message under each bad field, nothing saved.</summary>
public sealed class PoolDialogTests : SqliteComponentTest
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public PoolDialogTests()
    {
        Services.AddSingleton(TimeProvider.System);
        Services.AddScoped<SaveVlanPool.Handler>();
        Services.AddScoped<SavePrefixPool.Handler>();
        Services.AddScoped<SaveInterface.Handler>();
        Services.AddScoped<Lookups.Handler>();
        AddAuthorization().SetAuthorized("admin@netautomation.example").SetRoles(Roles.Admin);
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync<TDialog>(string saveTestId) where TDialog : Microsoft.AspNetCore.Components.IComponent
    {
        await using (var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct))
            await db.Database.MigrateAsync(Ct);
        var provider = Render<MudDialogProvider>();
        await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<TDialog>("Add"));
        provider.WaitForElement($"[data-testid={saveTestId}]");
        return provider;
    }

    private async Task<int> CountAsync(Func<PortalDbContext, Task<int>> count)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);
        return await count(db);
    }

    [Fact]
    public async Task VlanPool_WithBadRange_ShowsAMessagePerField_AndWritesNothing()
    {
        var cut = await OpenAsync<VlanPoolDialog>("vlan-pool-save");
        cut.Find("input[data-testid=vlan-pool-name]").Change("bad\tname");
        cut.Find("input[data-testid=vlan-pool-first]").Change("200");
        cut.Find("input[data-testid=vlan-pool-last]").Change("100");

        cut.Find("button[data-testid=vlan-pool-save]").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("Name contains a control character", cut.Markup);
            Assert.Contains("The range starts at 200 but ends at 100: the start must not be after the end.", cut.Markup);
            Assert.Contains("Scope the pool to a site or to a device", cut.Markup);
        });
        Assert.Equal(0, await CountAsync(db => db.VlanPools.CountAsync(Ct)));
    }

    [Fact]
    public async Task PrefixPool_WithHostBitsAndBadLength_ShowsAMessagePerField_AndWritesNothing()
    {
        var cut = await OpenAsync<PrefixPoolDialog>("prefix-pool-save");
        cut.Find("input[data-testid=prefix-pool-name]").Change("p2p");
        cut.Find("input[data-testid=prefix-pool-prefix]").Change("10.0.0.1/24");

        cut.Find("button[data-testid=prefix-pool-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("'10.0.0.1/24' has host bits set; did you mean 10.0.0.0/24?", cut.Markup));
        cut.Find("input[data-testid=prefix-pool-prefix]").Change("10.0.0.0/24");
        cut.Find("input[data-testid=prefix-pool-length]").Change("16");
        cut.Find("button[data-testid=prefix-pool-save]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Child length must be between /24 (the pool itself) and /32; it is /16.", cut.Markup));
        Assert.Equal(0, await CountAsync(db => db.PrefixPools.CountAsync(Ct)));
    }

    [Fact]
    public async Task Interface_WithBadName_AndNoDevice_ShowsAMessagePerField()
    {
        var cut = await OpenAsync<InterfaceDialog>("interface-save");
        cut.Find("input[data-testid=interface-name]").Change("0bad name");

        cut.Find("button[data-testid=interface-save]").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("Interface name '0bad name' is not valid", cut.Markup);
            Assert.Contains("Device is required.", cut.Markup);
        });
        Assert.Equal(0, await CountAsync(db => db.Interfaces.CountAsync(Ct)));
    }
}
