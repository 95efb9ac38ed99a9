using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using NetAutomation.Core.Identity;
using NetAutomation.Testing;

namespace NetAutomation.Web.Tests.Foundation;

public class StartupRulesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // These two never get past WebApplication.CreateBuilder, so they can run in this process.
    [Fact]
    public async Task OutsideDevelopment_AppRefusesToStart_WithADemoPassword()
    {
        await using var app = new PortalApp
        {
            EnvironmentName = "Production",
            Settings = { ["Lab:SeedDemoUsers"] = "true", ["Lab:DemoPassword"] = "Demo-Pass-2026!" },
        };
        var e = Assert.ThrowsAny<Exception>(() => app.Address);
        Assert.Contains("Refusing to start in the Production environment with demo users", e.ToString());
    }

    [Fact]
    public async Task UnknownDatabaseProvider_StopsStartup_WithTheChoices()
    {
        await using var app = new PortalApp { Settings = { ["Database:Provider"] = "Oracle" } };
        var e = Assert.ThrowsAny<Exception>(() => app.Address);
        Assert.Contains("Database:Provider 'Oracle' is not known. Use one of: Sqlite, SqlServer, PostgreSql.", e.ToString());
    }

    [Fact]
    public async Task OutsideDevelopment_AppStarts_WithoutDemoUsers_AndNobodyCanSignIn()
    {
        await using var portal = await PortalProcess.StartAsync(environment: "Production");
        using var client = PortalClient.New(portal.Address);
        var response = await PortalClient.PostLoginAsync(client, "admin@netautomation.example", PortalApp.DemoPassword);
        Assert.Contains("The email or password is not right.", await response.Content.ReadAsStringAsync(Ct));
    }
}

[Collection(PortalAppCollection.Name)]
public class LockoutTests(PortalApp app)
{
    [Fact]
    public async Task RepeatedWrongPasswords_LockTheAccount_WithAClearMessage()
    {
        // An account of its own, so the lock does not disturb the other tests sharing this portal.
        var email = $"lockout-{Guid.NewGuid():N}@acme.example";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Lockout test" };
            Assert.True((await users.CreateAsync(user, PortalApp.DemoPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Noc)).Succeeded);
        }

        using var client = app.NewClient();
        for (var i = 0; i < 5; i++)
            await PortalClient.PostLoginAsync(client, email, $"wrong-{i}");

        // Even the right password is refused while the lock lasts.
        var response = await PortalClient.PostLoginAsync(client, email, PortalApp.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This account is locked after 5 failed sign-ins. Try again in 5 minutes", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/noc", TestContext.Current.CancellationToken)).StatusCode);
    }
}
