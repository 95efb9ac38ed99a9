using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace NetAutomation.EndToEnd.Tests.Identity;

/// <summary>A customer makes a personal token on /account/tokens, the API accepts it, and after revoking it in the page the API refuses it.</summary>
[Collection(BrowserCollection.Name)]
public class ApiTokensBrowserTests(BrowserFixture browser)
{
    private async Task<HttpStatusCode> DevicesWithAsync(string token)
    {
        using var client = browser.App.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        // Any API call will do: a customer is refused inventory (403) but is signed in; a bad token is 401.
        return (await client.GetAsync("/api/v1/devices", TestContext.Current.CancellationToken)).StatusCode;
    }

    [Fact]
    public async Task Customer_CreatesAToken_SeesItOnce_AndRevokesIt()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "customer@globex.example");
        await page.GetByTestId("nav").GetByText("API tokens", new() { Exact = true }).ClickAsync();
        await page.WaitForSelectorAsync("[data-ready=true]");

        await page.GetByTestId("token-name").FillAsync("e2e script");
        await page.GetByTestId("token-create").ClickAsync();
        var secret = (await page.GetByTestId("token-secret").TextContentAsync())!.Trim();
        Assert.StartsWith("nat_", secret, StringComparison.Ordinal);
        await Expect(page.GetByTestId("tokens-table")).ToContainTextAsync("e2e script");
        await Expect(page.GetByTestId("tokens-table")).ToContainTextAsync("active");
        Assert.Equal(HttpStatusCode.Forbidden, await DevicesWithAsync(secret));
        await BrowserFixture.ScreenshotAsync(page, "api-tokens");

        await page.Locator("[data-testid^=token-revoke-]").First.ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("tokens-table")).ToContainTextAsync("revoked");
        await Expect(page.GetByTestId("token-secret")).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.Unauthorized, await DevicesWithAsync(secret));
        await page.Context.CloseAsync();
    }
}
