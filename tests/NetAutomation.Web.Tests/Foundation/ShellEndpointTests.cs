using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using NetAutomation.Testing;

namespace NetAutomation.Web.Tests.Foundation;

[Collection(PortalAppCollection.Name)]
public class ShellEndpointTests(PortalApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The path and query a redirect points to, whether the server sent it absolute or relative.</summary>
    private string LocationOf(HttpResponseMessage response) =>
        new Uri(app.Address, response.Headers.Location!).PathAndQuery;

    [Theory]
    [InlineData("/")]
    [InlineData("/admin")]
    [InlineData("/noc")]
    [InlineData("/admin/users")]
    public async Task Anonymous_IsSentToLogin(string path)
    {
        using var client = app.NewClient();
        var response = await client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", LocationOf(response), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task LoginPage_IsServedToAnonymous()
    {
        using var client = app.NewClient();
        var page = await client.GetStringAsync("/account/login", Ct);
        Assert.Contains("<h1>Sign in</h1>", page);
    }

    [Fact]
    public async Task Hangfire_RefusesCustomer()
    {
        using var client = await app.SignInAsync("customer@acme.example");
        var response = await client.GetAsync("/hangfire", Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", LocationOf(response));
    }

    [Fact]
    public async Task Hangfire_ServesNocUser()
    {
        using var client = await app.SignInAsync("noc@netautomation.example");
        var response = await client.GetAsync("/hangfire", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("NetAutomation jobs", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Hangfire_SendsAnonymousToLogin()
    {
        using var client = app.NewClient();
        var response = await client.GetAsync("/hangfire", Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", LocationOf(response));
    }

    [Fact]
    public async Task Healthz_Answers200WithJson_NamingDatabaseAndJobs()
    {
        using var client = app.NewClient();
        var response = await client.GetAsync("/healthz", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        var checks = json.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal("Healthy", checks["database"]);
        Assert.Equal("Healthy", checks["jobs"]);
    }

    [Theory]
    [InlineData("customer@acme.example", "/customer")]
    [InlineData("customer@globex.example", "/customer")]
    [InlineData("noc@netautomation.example", "/noc")]
    [InlineData("admin@netautomation.example", "/admin")]
    public async Task EachDemoUser_SignsIn_AndHomeSendsThemToTheirRoleHome(string email, string home)
    {
        using var client = await app.SignInAsync(email);
        var response = await client.GetAsync("/", Ct);
        // "/" is an interactive page: its prerender redirects to the role's home.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(home, LocationOf(response));
        var homePage = await client.GetAsync(home, Ct);
        Assert.Equal(HttpStatusCode.OK, homePage.StatusCode);
    }

    [Fact]
    public async Task Customer_IsRefusedTheAdminPages()
    {
        using var client = await app.SignInAsync("customer@acme.example");
        var response = await client.GetAsync("/admin/users", Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", LocationOf(response));
    }

    [Fact]
    public async Task CustomerHome_ShowsOwnTenant()
    {
        using var client = await app.SignInAsync("customer@globex.example");
        var page = await client.GetStringAsync("/customer", Ct);
        Assert.Contains("Globex", page);
        Assert.DoesNotContain("Acme", page);
    }

    [Fact]
    public async Task WrongPassword_GetsClearMessage_AndNoCookie()
    {
        using var client = app.NewClient();
        var response = await PortalClient.PostLoginAsync(client, "noc@netautomation.example", "not-the-password");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The email or password is not right.", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/noc", Ct)).StatusCode);
    }

    [Fact]
    public async Task LoginForm_WithBadEmail_ShowsFieldMessage()
    {
        using var client = app.NewClient();
        var response = await PortalClient.PostLoginAsync(client, "not an email\r\n", "x");
        Assert.Contains("Enter an email address such as name@example.com.", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Login_IgnoresOffSiteReturnUrl()
    {
        using var client = app.NewClient();
        var response = await PortalClient.PostLoginAsync(client, "noc@netautomation.example", PortalApp.DemoPassword, returnUrl: "//evil.example/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", LocationOf(response));
    }

    [Fact]
    public async Task Login_FollowsLocalReturnUrl()
    {
        using var client = app.NewClient();
        var response = await PortalClient.PostLoginAsync(client, "admin@netautomation.example", PortalApp.DemoPassword, returnUrl: "/admin/users");
        Assert.Equal("/admin/users", LocationOf(response));
    }

    [Fact]
    public async Task DemoApiToken_SignsInAsItsOwner_AndUnknownTokenIsRefused()
    {
        using var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "nat_demo_noc_token");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/hangfire", Ct)).StatusCode);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "nat_demo_acme_customer_token");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/hangfire", Ct)).StatusCode);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "nat_not_a_real_token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/hangfire", Ct)).StatusCode);
    }

    [Fact]
    public async Task LiveHub_RefusesAnonymous()
    {
        using var client = app.NewClient();
        var response = await client.PostAsync("/hubs/live/negotiate?negotiateVersion=1", null, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task UnknownPage_ShowsNotFoundInTheAppsStyle()
    {
        using var client = await app.SignInAsync("noc@netautomation.example");
        var response = await client.GetAsync("/no/such/page", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Nothing here", await response.Content.ReadAsStringAsync(Ct));
    }
}
