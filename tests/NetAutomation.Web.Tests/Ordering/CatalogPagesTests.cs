using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using NetAutomation.Testing;
using NetAutomation.Web.Tests.Foundation;

namespace NetAutomation.Web.Tests.Ordering;

/// <summary>The catalog from the database: admins manage it at /admin/catalog, customers read it on their page and by API.</summary>
[Collection(PortalAppCollection.Name)]
public class CatalogPagesTests(PortalApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Admin_SeesTheCatalogAdminPage_WithTheSeededOffers()
    {
        using var client = await app.SignInAsync("admin@netautomation.example");
        var response = await client.GetAsync("/admin/catalog", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Catalog and templates", page);
        Assert.Contains("data-testid=\"offers-table\"", page);
        Assert.Contains("Internet Access", page);
        Assert.Contains("Point-to-point Ethernet", page);
    }

    [Theory]
    [InlineData("customer@acme.example")]
    [InlineData("noc@netautomation.example")]
    public async Task NonAdmins_AreRefusedTheCatalogAdminPage(string email)
    {
        using var client = await app.SignInAsync(email);
        var response = await client.GetAsync("/admin/catalog", Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", new Uri(app.Address, response.Headers.Location!).PathAndQuery);
    }

    [Fact]
    public async Task Customer_SeesTheDatabaseCatalog_OnThePageAndByApi()
    {
        using var client = await app.SignInAsync("customer@acme.example");
        var page = await client.GetStringAsync("/catalog", Ct);
        Assert.Contains("data-testid=\"offer-InternetAccess\"", page);
        Assert.Contains("data-testid=\"offer-PointToPoint\"", page);

        using var api = app.NewClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "nat_demo_acme_customer_token");
        var offers = await api.GetFromJsonAsync<JsonElement>("/api/v1/catalog", Ct);
        var internet = offers.EnumerateArray().Single(o => o.GetProperty("kind").GetString() == "InternetAccess");
        Assert.Equal("Internet Access", internet.GetProperty("name").GetString());
        Assert.Equal([50, 100, 500, 1000], internet.GetProperty("bandwidthsMbps").EnumerateArray().Select(b => b.GetInt32()));
        Assert.Equal([29, 30], internet.GetProperty("prefixLengths").EnumerateArray().Select(b => b.GetInt32()));
    }
}
