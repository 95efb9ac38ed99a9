using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;
using NetAutomation.Testing;
using NetAutomation.Web.Tests.Foundation;

namespace NetAutomation.Web.Tests.Ordering;

/// <summary>The orders API on the embedded default: the demo network on tier-1 simulated routers.</summary>
[Collection(PortalAppCollection.Name)]
public class OrdersApiTests(PortalApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Token(string token) => app.NewClient(token);

    private Task<int> SiteAsync(string name) => app.SiteIdAsync(name, Ct);

    private async Task<int> OrderCountAsync()
    {
        await using var db = await app.Service<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);
        return await db.Orders.CountAsync(Ct);
    }

    [Fact]
    public async Task Customer_PlacesAnOrder_AndFollowsItToActive_GlobexCannotSeeIt()
    {
        using var acme = Token("nat_demo_acme_customer_token");
        var response = await acme.PostAsJsonAsync("/api/v1/orders", new
        {
            kind = "PointToPoint", siteAId = await SiteAsync("Acme HQ London"), siteBId = await SiteAsync("Acme Amsterdam Office"),
            bandwidthMbps = 100, reference = "London-Amsterdam",
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt32();
        Assert.Equal($"/api/v1/orders/{id}", response.Headers.Location!.OriginalString);

        var order = await Eventually.GetAsync<JsonElement?>(async () =>
        {
            var o = await acme.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{id}", Ct);
            return o.GetProperty("state").GetString() is "Active" or "Failed" ? o : null;
        }, "the order to finish", seconds: 60);
        Assert.Equal("Active", order!.Value.GetProperty("state").GetString());
        Assert.Contains(order.Value.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("message").GetString() == "Service active.");
        Assert.Equal(2, order.Value.GetProperty("devices").GetArrayLength());

        var services = await acme.GetFromJsonAsync<JsonElement>("/api/v1/services", Ct);
        Assert.Contains(services.EnumerateArray(), s => s.GetProperty("id").GetInt32() == id);

        using var globex = await app.SignInAsync("customer@globex.example");
        Assert.Equal(HttpStatusCode.NotFound, (await globex.GetAsync($"/api/v1/orders/{id}", Ct)).StatusCode);
        var theirs = await globex.GetFromJsonAsync<JsonElement>("/api/v1/orders", Ct);
        Assert.DoesNotContain(theirs.EnumerateArray(), o => o.GetProperty("id").GetInt32() == id);
        Assert.Equal(HttpStatusCode.NotFound, (await globex.DeleteAsync($"/api/v1/services/{id}", Ct)).StatusCode);

        // Decommission: 202, then the configuration comes off both routers and the service is gone from the list.
        Assert.Equal(HttpStatusCode.Accepted, (await acme.DeleteAsync($"/api/v1/services/{id}", Ct)).StatusCode);
        await Eventually.GetAsync<object>(async () =>
            (await acme.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{id}", Ct)).GetProperty("state").GetString() == "Decommissioned" ? new object() : null,
            "the service to be decommissioned", seconds: 60);
        services = await acme.GetFromJsonAsync<JsonElement>("/api/v1/services", Ct);
        Assert.DoesNotContain(services.EnumerateArray(), s => s.GetProperty("id").GetInt32() == id);
        var again = await acme.DeleteAsync($"/api/v1/services/{id}", Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("only an active service can be decommissioned", await again.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("HQ\ninterface Loopback66")]
    [InlineData("HQ\u2029shutdown")]
    [InlineData("{% for x in y %}")]
    public async Task HostileReference_IsAProblemNamingTheField_AndNothingIsWritten(string reference)
    {
        var before = await OrderCountAsync();
        using var acme = Token("nat_demo_acme_customer_token");
        var response = await acme.PostAsJsonAsync("/api/v1/orders", new
        {
            kind = "InternetAccess", siteAId = await SiteAsync("Acme HQ London"), bandwidthMbps = 100, prefixLength = 29, reference,
        }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("reference", out _));
        Assert.Equal(before, await OrderCountAsync());
    }

    [Fact]
    public async Task Customer_CannotOrderAtAnotherTenantsSite()
    {
        using var acme = Token("nat_demo_acme_customer_token");
        var response = await acme.PostAsJsonAsync("/api/v1/orders", new
        {
            kind = "InternetAccess", siteAId = await SiteAsync("Globex Paris"), bandwidthMbps = 100, prefixLength = 29, reference = "not mine",
        }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("is not one of your sites", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Noc_CannotPlaceOrders_ButReadsEveryTenantsOrders()
    {
        using var noc = Token("nat_demo_noc_token");
        var response = await noc.PostAsJsonAsync("/api/v1/orders", new { kind = "InternetAccess", siteAId = 1, bandwidthMbps = 100, prefixLength = 29, reference = "x" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await noc.GetAsync("/api/v1/orders", Ct)).StatusCode);
    }

    [Fact]
    public async Task Anonymous_GetsA401Problem()
    {
        using var client = app.NewClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/orders", Ct)).StatusCode);
    }
}
