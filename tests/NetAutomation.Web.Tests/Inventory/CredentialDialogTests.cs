using Bunit;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NetAutomation.Core.Data;
using NetAutomation.Core.Identity;
using NetAutomation.Core.Inventory;
using NetAutomation.Web.Features.Inventory;
using NetAutomation.Web.Tests.Foundation;

namespace NetAutomation.Web.Tests.Inventory;

/// <summary>The credential form against the real handler on SQLite: a message under each bad field, nothing saved, the secret never echoed.</summary>
public sealed class CredentialDialogTests : SqliteComponentTest
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public CredentialDialogTests()
    {
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        Services.AddSingleton<CredentialSecrets>();
        Services.AddScoped<SaveCredential.Handler>();
        AddAuthorization().SetAuthorized("admin@netautomation.example").SetRoles(Roles.Admin);
    }

    [Fact]
    public async Task Credential_WithBadName_AndNoSecret_ShowsAMessagePerField_AndWritesNothing()
    {
        await using (var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct))
            await db.Database.MigrateAsync(Ct);
        var cut = Render<MudDialogProvider>();
        await cut.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<CredentialDialog>("Add"));
        cut.WaitForElement("[data-testid=credential-save]");
        Assert.Equal("password", cut.Find("input[data-testid=credential-secret]").GetAttribute("type"));
        cut.Find("input[data-testid=credential-name]").Change("bad\tname");
        cut.Find("input[data-testid=credential-username]").Change("netops");

        cut.Find("button[data-testid=credential-save]").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("Name contains a control character", cut.Markup);
            Assert.Contains("Secret is required.", cut.Markup);
        });
        await using (var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct))
            Assert.Equal(0, await db.Credentials.CountAsync(Ct));
    }
}
