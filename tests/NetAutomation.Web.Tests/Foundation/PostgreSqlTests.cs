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
        await using var database = await TestDatabase.CreateAsync();
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

/// <summary>A database of its own on the test PostgreSQL server, dropped at the end.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _name;
    public string ConnectionString { get; }

    private TestDatabase(string name, string connectionString) { _name = name; ConnectionString = connectionString; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var name = $"natest_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(TestServers.Postgres))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        return new TestDatabase(name, new NpgsqlConnectionStringBuilder(TestServers.Postgres) { Database = name }.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestServers.Postgres);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
