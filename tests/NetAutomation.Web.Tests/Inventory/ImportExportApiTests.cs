using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using NetAutomation.Testing;
using NetAutomation.Web.Tests.Foundation;

namespace NetAutomation.Web.Tests.Inventory;

/// <summary>POST /api/v1/import (dry run, apply, refusals) and GET /api/v1/export on the shared portal with the demo network.</summary>
[Collection(PortalAppCollection.Name)]
public class ImportExportApiTests(PortalApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Client(string token)
    {
        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private static async Task<JsonNode> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct)) ?? throw new InvalidOperationException("empty body");

    private const string File = """
        kind,device,role,site,platform,management,interface,speed
        device,imp-cpe9,Cpe,LON1,Cisco IOS XE,198.51.100.9,,
        interface,imp-cpe9,,,,,GigabitEthernet0/0/1,1000
        """;

    [Fact]
    public async Task DryRun_ThenApply_CreatesTheRows()
    {
        using var client = Client("nat_demo_admin_token");

        var dry = await client.PostAsync("/api/v1/import?dryRun=true", Csv(File), Ct);
        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
        var plan = await JsonAsync(dry);
        Assert.False(plan["applied"]!.GetValue<bool>());
        Assert.Equal(["create", "create"], plan["changes"]!.AsArray().Select(c => c!["action"]!.GetValue<string>()));
        Assert.Equal(0, (await JsonAsync(await client.GetAsync("/api/v1/devices?search=imp-cpe9", Ct)))["total"]!.GetValue<int>());

        var apply = await client.PostAsync("/api/v1/import", Csv(File), Ct);
        Assert.Equal(HttpStatusCode.OK, apply.StatusCode);
        Assert.True((await JsonAsync(apply))["applied"]!.GetValue<bool>());
        Assert.Equal(1, (await JsonAsync(await client.GetAsync("/api/v1/devices?search=imp-cpe9", Ct)))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Apply_WithABadRow_IsAProblemNamingTheLine_AndWritesNothing()
    {
        using var client = Client("nat_demo_admin_token");
        var bad = "kind,device,role,site,platform,management\ndevice,imp-ok1,Cpe,LON1,Cisco IOS XE,198.51.100.21\ndevice,imp-bad,Cpe,Atlantis,Cisco IOS XE,198.51.100.22\n";

        var response = await client.PostAsync("/api/v1/import", Csv(bad), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await JsonAsync(response);
        Assert.Contains("Unknown site 'Atlantis'", problem["errors"]!["line 3"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, (await JsonAsync(await client.GetAsync("/api/v1/devices?search=imp-ok1", Ct)))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task OversizedBody_IsRefused_NamingTheFile()
    {
        using var client = Client("nat_demo_admin_token");
        var response = await client.PostAsync("/api/v1/import?dryRun=true", Csv(new string('x', 1_000_001)), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("larger than 1,000,000 bytes", (await JsonAsync(response))["errors"]!["file"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_IsForAdminsOnly_ExportForStaff()
    {
        using var noc = Client("nat_demo_noc_token");
        Assert.Equal(HttpStatusCode.Forbidden, (await noc.PostAsync("/api/v1/import?dryRun=true", Csv(File), Ct)).StatusCode);

        var csv = await noc.GetAsync("/api/v1/export?format=csv", Ct);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = await csv.Content.ReadAsStringAsync(Ct);
        Assert.StartsWith("kind,device,", text, StringComparison.Ordinal);
        Assert.Contains("device,core1,Core,LON1,Cisco IOS XE,127.65.0.1", text, StringComparison.Ordinal);

        var yaml = await (await noc.GetAsync("/api/v1/export?format=yaml", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("devices:", yaml, StringComparison.Ordinal);
        Assert.Contains("links:", yaml, StringComparison.Ordinal);

        using var customer = Client("nat_demo_acme_customer_token");
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync("/api/v1/export", Ct)).StatusCode);
    }
}
