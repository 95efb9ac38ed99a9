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

/// <summary>The device form against the real handlers on a SQLite file: bad input shows a message under each field and saves nothing.</summary>
public sealed class DeviceDialogTests : SqliteComponentTest
{
    public DeviceDialogTests()
    {
        Services.AddSingleton(TimeProvider.System);
        Services.AddScoped<SaveDevice.Handler>();
        Services.AddScoped<Lookups.Handler>();
        AddAuthorization().SetAuthorized("admin@netautomation.example").SetRoles(Roles.Admin);
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync()
    {
        await using (var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
            await db.Database.MigrateAsync();
        var provider = Render<MudDialogProvider>();
        await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<DeviceDialog>("Add device"));
        provider.WaitForElement("[data-testid=device-save]");
        return provider;
    }

    [Fact]
    public async Task Save_WithBadInput_ShowsAMessagePerField_AndWritesNothing()
    {
        var cut = await OpenAsync();
        cut.Find("input[data-testid=device-hostname]").Change("bad host!");
        cut.Find("input[data-testid=device-address]").Change("10.0.0.256");
        cut.Find("input[data-testid=device-mac]").Change("not-a-mac");

        cut.Find("button[data-testid=device-save]").Click();

        cut.WaitForAssertion(() =>
        {
            var text = cut.Markup;
            Assert.Contains("Hostname 'bad host!' is not a valid host name", text);
            Assert.Contains("Management address '10.0.0.256' is not an IPv4 or IPv6 address.", text);
            Assert.Contains("MAC address 'not-a-mac' is not valid", text);
            Assert.Contains("Site is required.", text);
            Assert.Contains("Platform is required.", text);
        });
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(0, await db.Devices.CountAsync(Xunit.TestContext.Current.CancellationToken));
        Assert.NotEmpty(cut.FindAll("[data-testid=device-dialog]"));
    }
}
