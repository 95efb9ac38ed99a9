using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetAutomation.Testing;
using NetAutomation.Web.Tests.Foundation;

namespace NetAutomation.Web.Tests.Inventory;

/// <summary>The inventory REST API on the shared portal (SQLite, demo users and the demo network seeded from database/seed).</summary>
[Collection(PortalAppCollection.Name)]
public class InventoryApiTests(PortalApp app)
{
    private const string AdminToken = "nat_demo_admin_token";
    private const string NocToken = "nat_demo_noc_token";
    private const string CustomerToken = "nat_demo_acme_customer_token";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Client(string? token)
    {
        var client = app.NewClient();
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<JsonNode> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct)) ?? throw new InvalidOperationException("empty body");

    private static async Task<int> IdAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await JsonAsync(response))["id"]!.GetValue<int>();
    }

    private async Task<int> DeviceIdAsync(HttpClient client, string hostname)
    {
        var page = await JsonAsync(await client.GetAsync($"/api/v1/devices?search={hostname}", Ct));
        return page["items"]!.AsArray().Single(d => d!["hostname"]!.GetValue<string>() == hostname)!["id"]!.GetValue<int>();
    }

    [Fact]
    public async Task Devices_ShowTheSeededNetwork_Paged()
    {
        using var client = Client(NocToken);
        var first = await JsonAsync(await client.GetAsync("/api/v1/devices?role=Core&sort=hostname", Ct));
        Assert.Equal(["core1", "core2"], first["items"]!.AsArray().Select(d => d!["hostname"]!.GetValue<string>()));

        // Other tests in this class add edge routers (api-r1, api-r2): the search keeps to the seeded ones.
        var page2 = await JsonAsync(await client.GetAsync("/api/v1/devices?role=Edge&search=edge&pageSize=3&page=2&sort=hostname", Ct));
        Assert.Equal(8, page2["total"]!.GetValue<int>());
        Assert.Equal(["edge4", "edge5", "edge6"], page2["items"]!.AsArray().Select(d => d!["hostname"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Sites_Crud()
    {
        using var client = Client(AdminToken);
        var id = await IdAsync(await client.PostAsJsonAsync("/api/v1/sites", new { name = "API test POP", kind = "Provider", address = "1 Test Street" }, Ct));

        var put = await client.PutAsJsonAsync($"/api/v1/sites/{id}", new { name = "API test POP 2", kind = "Provider", address = "2 Test Street" }, Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var found = await JsonAsync(await client.GetAsync("/api/v1/sites?search=API%20test%20POP", Ct));
        Assert.Equal("2 Test Street", found["items"]!.AsArray().Single()!["address"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/sites/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/v1/sites/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Device_WithBadFields_IsAProblemNamingEachField_AndNothingIsWritten()
    {
        using var client = Client(AdminToken);
        var before = (await JsonAsync(await client.GetAsync("/api/v1/devices", Ct)))["total"]!.GetValue<int>();

        var response = await client.PostAsJsonAsync("/api/v1/devices", new
        {
            hostname = "core1\nreload", role = "Edge", siteId = 99999, platformId = 1, managementAddress = "10.0.0.300", macAddress = "zz:zz",
            serialNumber = new string('x', 65),
        }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await JsonAsync(response))["errors"]!.AsObject();
        Assert.Contains("control character", errors["hostname"]![0]!.GetValue<string>());
        Assert.Contains("not an IPv4 or IPv6 address", errors["managementAddress"]![0]!.GetValue<string>());
        Assert.Contains("Site 99999 does not exist", errors["siteId"]![0]!.GetValue<string>());
        Assert.Contains("MAC address", errors["macAddress"]![0]!.GetValue<string>());
        Assert.Contains("limit is 64", errors["serialNumber"]![0]!.GetValue<string>());
        Assert.Equal(before, (await JsonAsync(await client.GetAsync("/api/v1/devices", Ct)))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Device_DuplicateHostname_IsRefused()
    {
        using var client = Client(AdminToken);
        var response = await client.PostAsJsonAsync("/api/v1/devices", new { hostname = "CORE1", role = "Core", siteId = 1, platformId = 1, managementAddress = "192.0.2.200" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("already exists", (await JsonAsync(response))["errors"]!["hostname"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task DevicesInterfacesAndLinks_Crud_WithDeleteProtection()
    {
        using var client = Client(AdminToken);
        var site = (await JsonAsync(await client.GetAsync("/api/v1/sites?search=LON1", Ct)))["items"]![0]!["id"]!.GetValue<int>();
        var platform = (await JsonAsync(await client.GetAsync("/api/v1/platforms?search=frr", Ct)))["items"]![0]!["id"]!.GetValue<int>();
        var a = await IdAsync(await client.PostAsJsonAsync("/api/v1/devices", new { hostname = "api-r1", role = "Edge", siteId = site, platformId = platform, managementAddress = "192.0.2.101" }, Ct));
        var b = await IdAsync(await client.PostAsJsonAsync("/api/v1/devices", new { hostname = "api-r2", role = "Edge", siteId = site, platformId = platform, managementAddress = "2001:db8::102" }, Ct));
        var ia = await IdAsync(await client.PostAsJsonAsync("/api/v1/interfaces", new { deviceId = a, name = "eth1", speedMbps = 10000 }, Ct));
        var ib = await IdAsync(await client.PostAsJsonAsync("/api/v1/interfaces", new { deviceId = b, name = "eth1", speedMbps = 10000 }, Ct));
        var link = await IdAsync(await client.PostAsJsonAsync("/api/v1/links", new { aInterfaceId = ia, bInterfaceId = ib, capacityMbps = 10000, metric = 10 }, Ct));

        var again = await client.PostAsJsonAsync("/api/v1/links", new { aInterfaceId = ib, bInterfaceId = ia, capacityMbps = 10000, metric = 10 }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("already linked to api-r1 eth1", (await JsonAsync(again))["errors"]!["aInterfaceId"]![0]!.GetValue<string>());

        var protectedDelete = await client.DeleteAsync($"/api/v1/devices/{a}", Ct);
        Assert.Equal(HttpStatusCode.Conflict, protectedDelete.StatusCode);
        Assert.Equal("api-r1 has 1 link; remove it first.", (await JsonAsync(protectedDelete))["detail"]!.GetValue<string>());

        var detail = await JsonAsync(await client.GetAsync($"/api/v1/devices/{a}", Ct));
        Assert.Equal("api-r2 eth1", detail["interfaces"]![0]!["peer"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/links/{link}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/devices/{a}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/devices/{b}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/devices/{a}", Ct)).StatusCode);
    }

    [Fact]
    public async Task SeededCoreRouter_CannotBeDeleted_AndSaysWhy()
    {
        using var client = Client(AdminToken);
        var response = await client.DeleteAsync($"/api/v1/devices/{await DeviceIdAsync(client, "core1")}", Ct);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("core1 has 5 links; remove them first.", (await JsonAsync(response))["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task VlanReservation_Commit_Release()
    {
        using var client = Client(AdminToken);
        var pools = await JsonAsync(await client.GetAsync("/api/v1/vlan-pools?search=lon1-infra", Ct));
        var pool = pools["items"]![0]!["id"]!.GetValue<int>();

        var reserved = await client.PostAsJsonAsync($"/api/v1/vlan-pools/{pool}/reservations", new { owner = "order/api-1", holdMinutes = 5 }, Ct);
        Assert.Equal(HttpStatusCode.Created, reserved.StatusCode);
        var hold = await JsonAsync(reserved);
        var id = hold["allocationId"]!.GetValue<int>();
        Assert.InRange(hold["vlan"]!.GetValue<int>(), 2000, 2099);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/v1/allocations/{id}/commit", null, Ct)).StatusCode);
        var listed = await JsonAsync(await client.GetAsync("/api/v1/allocations?owner=order/api-1", Ct));
        Assert.Equal("Committed", listed["items"]![0]!["state"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/v1/allocations/{id}/release", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/v1/allocations/{id}/release", null, Ct)).StatusCode);

        var bad = await client.PostAsJsonAsync($"/api/v1/vlan-pools/{pool}/reservations", new { owner = "", holdMinutes = 0 }, Ct);
        var errors = (await JsonAsync(bad))["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("owner"));
        Assert.True(errors.ContainsKey("holdMinutes"));
    }

    [Fact]
    public async Task VlanPool_Overlapping_OrBackwards_IsRefused()
    {
        using var client = Client(AdminToken);
        var site = (await JsonAsync(await client.GetAsync("/api/v1/sites?search=LON1", Ct)))["items"]![0]!["id"]!.GetValue<int>();
        var overlap = await client.PostAsJsonAsync("/api/v1/vlan-pools", new { name = "api-overlap", siteId = site, firstVlan = 2050, lastVlan = 2150 }, Ct);
        Assert.Contains("overlaps pool 'lon1-infra'", (await JsonAsync(overlap))["errors"]!["firstVlan"]![0]!.GetValue<string>());
        var backwards = await client.PostAsJsonAsync("/api/v1/vlan-pools", new { name = "api-backwards", siteId = site, firstVlan = 300, lastVlan = 200 }, Ct);
        Assert.Contains("must not be after the end", (await JsonAsync(backwards))["errors"]!["lastVlan"]![0]!.GetValue<string>());
        var outside = await client.PostAsJsonAsync("/api/v1/vlan-pools", new { name = "api-outside", siteId = site, firstVlan = 0, lastVlan = 4095 }, Ct);
        var errors = (await JsonAsync(outside))["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("firstVlan") && errors.ContainsKey("lastVlan"));
    }

    [Fact]
    public async Task PrefixPool_Overlapping_OrWithHostBits_IsRefused()
    {
        using var client = Client(AdminToken);
        var overlap = await client.PostAsJsonAsync("/api/v1/prefix-pools", new { name = "api-p", prefix = "10.255.0.128/25", childLength = 31 }, Ct);
        Assert.Contains("overlaps pool 'infra-p2p-v4'", (await JsonAsync(overlap))["errors"]!["prefix"]![0]!.GetValue<string>());
        var hostBits = await client.PostAsJsonAsync("/api/v1/prefix-pools", new { name = "api-p", prefix = "192.0.2.1/24", childLength = 30 }, Ct);
        Assert.Contains("did you mean 192.0.2.0/24", (await JsonAsync(hostBits))["errors"]!["prefix"]![0]!.GetValue<string>());
        var tooShort = await client.PostAsJsonAsync("/api/v1/prefix-pools", new { name = "api-p", prefix = "192.0.2.0/24", childLength = 16 }, Ct);
        Assert.True((await JsonAsync(tooShort))["errors"]!.AsObject().ContainsKey("childLength"));
    }

    [Theory]
    [InlineData("GET", "/api/v1/devices")]
    [InlineData("GET", "/api/v1/sites")]
    [InlineData("POST", "/api/v1/sites")]
    [InlineData("GET", "/api/v1/credentials")]
    public async Task CustomerToken_IsRefused(string method, string path)
    {
        using var client = Client(CustomerToken);
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { name = "x" }) }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task NocToken_Reads_ButCannotWrite()
    {
        using var client = Client(NocToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/links", Ct)).StatusCode);
        var write = await client.PostAsJsonAsync("/api/v1/sites", new { name = "noc-site", kind = "Provider" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Fact]
    public async Task Anonymous_And_UnknownToken_Get401Problems()
    {
        using var anonymous = Client(null);
        var response = await anonymous.GetAsync("/api/v1/devices", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var unknown = Client("nat_not_a_real_token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await unknown.GetAsync("/api/v1/devices", Ct)).StatusCode);
    }

    [Fact]
    public async Task Credentials_NeverShowTheSecret()
    {
        using var client = Client(AdminToken);
        var id = await IdAsync(await client.PostAsJsonAsync("/api/v1/credentials", new { name = "api-cred", username = "ops", secret = "s3cret-value" }, Ct));
        var body = await client.GetStringAsync("/api/v1/credentials?search=api-cred", Ct);
        Assert.Contains("api-cred", body);
        Assert.DoesNotContain("s3cret-value", body);
        Assert.DoesNotContain("secret", body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/credentials/{id}", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("{\"hostname\":\"r9\",\"role\":\"Banana\"}", "role")]
    [InlineData("{\"hostname\":\"r9\",\"siteId\":\"one\"}", "siteId")]
    [InlineData("{\"hostname\":", "hostname")]
    [InlineData("not json", "body")]
    public async Task UnreadableBody_IsAProblemNamingTheField(string body, string field)
    {
        using var client = Client(AdminToken);
        var response = await client.PostAsync("/api/v1/devices", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await JsonAsync(response))["errors"]!.AsObject().ContainsKey(field));
    }

    [Fact]
    public async Task Paging_BadArguments_AreProblems()
    {
        using var client = Client(NocToken);
        var response = await client.GetAsync("/api/v1/devices?page=0&pageSize=1000&sort=password", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await JsonAsync(response))["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("page") && errors.ContainsKey("pageSize") && errors.ContainsKey("sort"));
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheInventory()
    {
        using var client = Client(NocToken);
        var doc = await JsonAsync(await client.GetAsync("/openapi/v1.json", Ct));
        var paths = doc["paths"]!.AsObject();
        Assert.True(paths.ContainsKey("/api/v1/devices"));
        Assert.True(paths.ContainsKey("/api/v1/vlan-pools/{id}/reservations"));
    }
}
