using System.Net;
using NetAutomation.Testing;

namespace NetAutomation.Web.Tests.Foundation;

public class StartupRulesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

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
    public async Task OutsideDevelopment_AppStarts_WithoutDemoUsers_AndNobodyCanSignIn()
    {
        await using var app = new PortalApp { EnvironmentName = "Production" };
        using var client = app.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", Ct)).StatusCode);
        var response = await PortalApp.PostLoginAsync(client, "admin@netautomation.example", PortalApp.DemoPassword);
        Assert.Contains("The email or password is not right.", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task UnknownDatabaseProvider_StopsStartup_WithTheChoices()
    {
        await using var app = new PortalApp { Settings = { ["Database:Provider"] = "Oracle" } };
        var e = Assert.ThrowsAny<Exception>(() => app.Address);
        Assert.Contains("Database:Provider 'Oracle' is not known. Use one of: Sqlite, SqlServer, PostgreSql.", e.ToString());
    }

    [Fact]
    public async Task RepeatedWrongPasswords_LockTheAccount_WithAClearMessage()
    {
        await using var app = new PortalApp();
        using var client = app.NewClient();
        for (var i = 0; i < 5; i++)
            await PortalApp.PostLoginAsync(client, "customer@globex.example", $"wrong-{i}");

        // Even the right password is refused while the lock lasts.
        var response = await PortalApp.PostLoginAsync(client, "customer@globex.example", PortalApp.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This account is locked after 5 failed sign-ins. Try again in 5 minutes", await response.Content.ReadAsStringAsync(Ct));
    }
}
