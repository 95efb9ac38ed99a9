using System.Net;
using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;
using NetAutomation.Testing;
using NetAutomation.Web.Setup;
using Npgsql;

namespace NetAutomation.Web.Tests.Foundation;

/// <summary>The portal process on a real PostgreSQL server (started by tests/run.sh): migrations, Hangfire storage, sign-in.</summary>
public class PostgreSqlTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task App_MigratesAndServesHealthz_OnPostgreSql()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var portal = await PortalProcess.StartAsync(new Dictionary<string, string>
        {
            ["Database:Provider"] = "PostgreSql",
            ["Database:ConnectionString"] = database.ConnectionString,
        });

        using var client = PortalClient.New(portal.Address);
        var health = await client.GetAsync("/healthz", Ct);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("\"status\":\"Healthy\"", await health.Content.ReadAsStringAsync(Ct));

        var options = new DbContextOptionsBuilder<PortalDbContext>();
        DatabaseOptions.Configure(options, DatabaseProvider.PostgreSql, database.ConnectionString);
        await using var db = new PortalDbContext(options.Options);
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(Ct));
        Assert.Equal(4, await db.Users.CountAsync(Ct));
        await using (var hangfire = new NpgsqlConnection(database.ConnectionString))
        {
            await hangfire.OpenAsync(Ct);
            await using var servers = new NpgsqlCommand("SELECT count(*) FROM hangfire.server", hangfire);
            Assert.True((long)(await servers.ExecuteScalarAsync(Ct))! >= 1, "no Hangfire server registered in PostgreSQL");
        }

        using var noc = await PortalClient.SignInAsync(portal.Address, "noc@netautomation.example", PortalApp.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, (await noc.GetAsync("/hangfire", Ct)).StatusCode);
    }
}
