using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;
using NetAutomation.Core.Inventory;
using NetAutomation.Testing;
using NetAutomation.Web.Setup;
using Npgsql;

namespace NetAutomation.Core.Tests.Inventory;

/// <summary>
/// A fresh, migrated database for one test: a SQLite file in a temp folder, or a new database on the PostgreSQL server that
/// tests/run.sh starts (NETAUTOMATION_TEST_POSTGRES; without it the test fails and says so). Built with the app's own
/// provider configuration and migrations, so the schema under test is the one that ships.
/// </summary>
public sealed class InventoryDatabase : IAsyncDisposable
{
    private readonly Func<ValueTask> _drop;

    private InventoryDatabase(DatabaseProvider provider, string connectionString, Func<ValueTask> drop)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        DatabaseOptions.Configure(options, provider, connectionString);
        Factory = new ContextFactory(options.Options);
        _drop = drop;
    }

    public IDbContextFactory<PortalDbContext> Factory { get; }

    public static async Task<InventoryDatabase> CreateAsync(DatabaseProvider provider)
    {
        InventoryDatabase db;
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Directory.CreateTempSubdirectory("natest-inv-").FullName;
            db = new InventoryDatabase(provider, $"Data Source={Path.Combine(folder, "inventory.db")};Default Timeout=60", () =>
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
                return ValueTask.CompletedTask;
            });
        }
        else
        {
            var admin = new NpgsqlConnectionStringBuilder(TestServers.Postgres);
            var name = $"natest_inv_{Guid.NewGuid():N}";
            await using (var connection = new NpgsqlConnection(admin.ConnectionString))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await create.ExecuteNonQueryAsync();
            }
            // Below PostgreSQL's default of 100 connections, with room for the rest of the suite.
            var target = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = name, MaxPoolSize = 40 };
            db = new InventoryDatabase(provider, target.ConnectionString, async () =>
            {
                NpgsqlConnection.ClearAllPools();
                await using var connection = new NpgsqlConnection(admin.ConnectionString);
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
            });
        }
        await using (var context = await db.Factory.CreateDbContextAsync())
            await context.Database.MigrateAsync();
        return db;
    }

    public async Task<PortalDbContext> ContextAsync() => await Factory.CreateDbContextAsync();

    /// <summary>A site, a platform and a device to hang pools and interfaces on.</summary>
    public async Task<(Site Site, Device Device)> AddDeviceAsync(string hostname = "r1", string address = "192.0.2.1")
    {
        await using var db = await ContextAsync();
        var site = new Site { Name = $"site-{hostname}", Kind = SiteKind.Provider };
        var platform = new Platform { Name = $"platform-{hostname}", Vendor = "FRRouting", OsName = "FRR", DriverKey = "frr" };
        var device = new Device { Hostname = hostname, ManagementAddress = address, Site = site, Platform = platform, Role = DeviceRole.Edge };
        db.Devices.Add(device);
        await db.SaveChangesAsync();
        return (site, device);
    }

    public async ValueTask DisposeAsync() => await _drop();

    private sealed class ContextFactory(DbContextOptions<PortalDbContext> options) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => new(options);
    }

    /// <summary>Data Protection with throw-away keys, for the handlers that encrypt secrets.</summary>
    public static CredentialSecrets Secrets() => new(new EphemeralDataProtectionProvider());
}

/// <summary>A clock the test moves by hand.</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
