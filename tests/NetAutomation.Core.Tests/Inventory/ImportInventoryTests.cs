using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Inventory;
using NetAutomation.Web.Setup;

namespace NetAutomation.Core.Tests.Inventory;

/// <summary>Bulk import and export: the dry run, all-or-nothing apply, bad rows with their line and reason, and the CSV formula guard.</summary>
public class ImportInventoryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly TestClock Clock = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    // r1 exists already (site-r1, platform-r1); the file adds r2, interfaces on both and a link between them.
    private const string GoodCsv = """
        kind,device,role,site,platform,management,state,interface,speed,description,peer_device,peer_interface,capacity,metric
        device,r2,Aggregation,site-r1,platform-r1,192.0.2.2,Active,,,,,,,
        interface,r1,,,,,,eth1,10000,to r2,,,,
        interface,r2,,,,,,eth1,10000,to r1,,,,
        link,r1,,,,,Up,eth1,,,r2,eth1,10000,20
        """;

    private static ImportInventory.Handler Handler(InventoryDatabase db) => new(db.Factory, Clock);

    private static async Task<(int Devices, int Interfaces, int Links, int Changes)> CountsAsync(InventoryDatabase db)
    {
        await using var c = await db.ContextAsync();
        return (await c.Devices.CountAsync(Ct), await c.Interfaces.CountAsync(Ct), await c.Links.CountAsync(Ct), await c.InventoryChanges.CountAsync(Ct));
    }

    [Fact]
    public async Task DryRun_ListsWhatWouldChange_AndWritesNothing()
    {
        await using var db = await InventoryDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await db.AddDeviceAsync("r1");
        var before = await CountsAsync(db);

        var result = await Handler(db).HandleAsync(new(GoodCsv, InventoryFileFormat.Csv, DryRun: true), "admin", Ct);

        Assert.Empty(result.Problems);
        Assert.False(result.Applied);
        Assert.Equal(
            [new(2, "device", "r2", "create"), new(3, "interface", "r1 eth1", "create"), new(4, "interface", "r2 eth1", "create"), new(5, "link", "r1 eth1 - r2 eth1", "create")],
            result.Changes);
        Assert.Equal(before, await CountsAsync(db));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Apply_WritesEveryRowAndAnAuditEntryEach_AndTheSameFileAgainIsAllUpdates(DatabaseProvider provider)
    {
        await using var db = await InventoryDatabase.CreateAsync(provider);
        await db.AddDeviceAsync("r1");
        var before = await CountsAsync(db);

        var result = await Handler(db).HandleAsync(new(GoodCsv, InventoryFileFormat.Csv, DryRun: false), "admin", Ct);

        Assert.True(result.Applied, string.Join(" ", result.Problems));
        Assert.Equal((before.Devices + 1, before.Interfaces + 2, before.Links + 1, before.Changes + 4), await CountsAsync(db));
        await using (var c = await db.ContextAsync())
        {
            var link = await c.Links.Include(l => l.AInterface).SingleAsync(Ct);
            Assert.Equal((10000, 20), (link.CapacityMbps, link.Metric));
            Assert.Contains(await c.InventoryChanges.Select(x => x.Summary).ToListAsync(Ct), s => s.StartsWith("Import line 2: Device r2", StringComparison.Ordinal));
        }

        var again = await Handler(db).HandleAsync(new(GoodCsv, InventoryFileFormat.Csv, DryRun: true), "admin", Ct);
        Assert.Empty(again.Problems);
        Assert.All(again.Changes, c => Assert.Equal("update", c.Action));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task BadRows_AreEachReportedWithLineAndReason_AndApplyWritesNothing(DatabaseProvider provider)
    {
        await using var db = await InventoryDatabase.CreateAsync(provider);
        await db.AddDeviceAsync("r1");
        var before = await CountsAsync(db);
        var csv = "kind,device,role,site,platform,management,interface,speed,description,peer_device,peer_interface,capacity\n"
                  + "device,r2,Edge,site-r1,platform-r1,192.0.2.2,,,,,,\n"            // 2: fine
                  + "device,r3,Edge,Nowhere,platform-r1,192.0.2.3,,,,,,\n"            // 3: unknown site
                  + "device,bad_host!,Edge,site-r1,Junos,192.0.2.4,,,,,,\n"           // 4: bad hostname, unknown platform
                  + "interface,r2,,,,,eth1,fast,\"a\u0007bell\",,,\n"                  // 5: speed not a number, control character
                  + "device,r2,Edge,site-r1,platform-r1,192.0.2.2,,,,,,\n"            // 6: repeats line 2
                  + "link,r2,,,,,eth9,,,r1,eth0,1000\n"                              // 7: no such interfaces
                  + "router,r9,,,,,,,,,,\n";                                         // 8: unknown kind

        var result = await Handler(db).HandleAsync(new(csv, InventoryFileFormat.Csv, DryRun: false), "admin", Ct);

        Assert.False(result.Applied);
        string Reasons(int line) => string.Join(" | ", result.Problems.Where(p => p.Line == line).Select(p => p.Message));
        Assert.Empty(Reasons(2));
        Assert.Contains("Unknown site 'Nowhere'", Reasons(3));
        Assert.Contains("Hostname 'bad_host!' is not a valid host name", Reasons(4));
        Assert.Contains("Unknown platform 'Junos'", Reasons(4));
        Assert.Contains("The speed 'fast' is not a whole number", Reasons(5));
        Assert.Contains("control character", Reasons(5));
        Assert.Contains("repeats the device r2 of line 2", Reasons(6));
        Assert.Contains("Unknown interface 'r2 eth9'", Reasons(7));
        Assert.Contains("Unknown peer interface 'r1 eth0'", Reasons(7));
        Assert.Contains("Kind 'router' is not one of device, interface, link", Reasons(8));
        Assert.Equal(before, await CountsAsync(db));
    }

    [Fact]
    public async Task Yaml_RowsCarryTheirLineNumbers()
    {
        await using var db = await InventoryDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await db.AddDeviceAsync("r1");
        const string yaml = """
            devices:
              - { device: r2, role: Core, site: site-r1, platform: platform-r1, management: 192.0.2.2 }
              - device: r3
                role: Core
                site: site-r1
                platform: platform-r1
                management: 192.0.2.300
            interfaces:
              - { device: r2, interface: eth0, speed: 1000, colour: blue }
            """;

        var result = await Handler(db).HandleAsync(new(yaml, InventoryFileFormat.Yaml, DryRun: true), "admin", Ct);

        Assert.Equal([new(2, "device", "r2", "create")], result.Changes);
        Assert.Contains(result.Problems, p => p.Line == 3 && p.Message.Contains("'192.0.2.300' is not an IPv4 or IPv6 address", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Line == 9 && p.Message.Contains("'colour' is not a field of a interface", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OversizedFile_IsRefusedBeforeAnyRowIsRead()
    {
        await using var db = await InventoryDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var huge = "kind,device\n" + string.Concat(Enumerable.Repeat("device,r1\n", InventoryFile.MaxBytes / 10 + 1));

        var result = await Handler(db).HandleAsync(new(huge, InventoryFileFormat.Csv, DryRun: true), "admin", Ct);

        Assert.Empty(result.Changes);
        Assert.Contains("larger than 1,000,000 bytes", Assert.Single(result.Problems).Message);
    }

    [Theory]
    [InlineData(InventoryFileFormat.Csv)]
    [InlineData(InventoryFileFormat.Yaml)]
    public async Task Export_ReadsBackAsUpdates_AndCsvNeutralisesFormulas(InventoryFileFormat format)
    {
        await using var db = await InventoryDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await db.AddDeviceAsync("r1");
        var applied = await Handler(db).HandleAsync(new(GoodCsv.Replace("to r2", "=HYPERLINK(\"http://evil\")", StringComparison.Ordinal), InventoryFileFormat.Csv, false), "admin", Ct);
        Assert.True(applied.Applied, string.Join(" ", applied.Problems));

        var export = await new ExportInventory.Handler(db.Factory).HandleAsync(new(format), Ct);

        if (format == InventoryFileFormat.Csv)
        {
            Assert.Contains("'=HYPERLINK", export.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(",=HYPERLINK", export.Text, StringComparison.Ordinal);
        }
        var back = await Handler(db).HandleAsync(new(export.Text, format, DryRun: true), "admin", Ct);
        Assert.Empty(back.Problems);
        Assert.Equal(5, back.Changes.Count); // r1, r2, two interfaces, the link
        Assert.All(back.Changes, c => Assert.Equal("update", c.Action));
        await using var c = await db.ContextAsync();
        Assert.Equal("=HYPERLINK(\"http://evil\")", (await c.Interfaces.SingleAsync(i => i.Name == "eth1" && i.Device!.Hostname == "r1", Ct)).Description);
    }
}
