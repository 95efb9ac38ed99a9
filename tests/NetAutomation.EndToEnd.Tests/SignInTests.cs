using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace NetAutomation.EndToEnd.Tests;

[Collection(BrowserCollection.Name)]
public class SignInTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("customer@acme.example", "/customer", "Welcome, Alice Acme", "My orders")]
    [InlineData("customer@globex.example", "/customer", "Welcome, Gus Globex", "My services")]
    [InlineData("noc@netautomation.example", "/noc", "Network operations", "Incidents")]
    [InlineData("admin@netautomation.example", "/admin", "Administration", "Inventory")]
    public async Task DemoUser_SignsIn_AndLandsOnTheirHome(string email, string home, string title, string navEntry)
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, email);

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"{home}$"));
        await Expect(page.GetByTestId("home-title")).ToHaveTextAsync(title);
        await Expect(page.GetByTestId("nav").GetByText(navEntry, new() { Exact = true })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, $"home-{email.Split('@')[0]}-{email.Split('@')[1].Split('.')[0]}");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task WrongPassword_ShowsAClearMessage_AndStaysOnLogin()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", "admin@netautomation.example");
        await page.FillAsync("#password", "certainly-wrong");
        await page.ClickAsync("[data-testid=login-submit]");

        await Expect(page.GetByTestId("login-error")).ToHaveTextAsync("The email or password is not right. Check both and try again.");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await BrowserFixture.ScreenshotAsync(page, "login-wrong-password");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task EmptyForm_ShowsAMessagePerField()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.ClickAsync("[data-testid=login-submit]");
        await Expect(page.GetByText("Enter your email address.")).ToBeVisibleAsync();
        await Expect(page.GetByText("Enter your password.")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task DarkMode_IsRememberedForTheUser_InANewBrowser()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "noc@netautomation.example");
        var light = await BackgroundAsync(page);
        await page.ClickAsync("[data-testid=theme-toggle]");
        await Expect(page.Locator("body")).Not.ToHaveCSSAsync("background-color", light);
        var dark = await BackgroundAsync(page);
        await page.Context.CloseAsync();

        // Another browser, the same user: the choice is on the account, not in a cookie.
        var again = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(again, "noc@netautomation.example");
        await Expect(again.Locator("body")).ToHaveCSSAsync("background-color", dark);
        await BrowserFixture.ScreenshotAsync(again, "noc-dark-mode");
        await again.ClickAsync("[data-testid=theme-toggle]"); // back to light for the other tests
        await Expect(again.Locator("body")).ToHaveCSSAsync("background-color", light);
        await again.Context.CloseAsync();
    }

    private static Task<string> BackgroundAsync(IPage page) =>
        page.Locator("body").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");

    [Fact]
    public async Task SignOut_ReturnsToLogin_AndPagesNeedSignInAgain()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "customer@acme.example");
        await page.GetByText("Sign out").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await page.GotoAsync("/customer");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login\\?ReturnUrl=%2Fcustomer"));
        await page.Context.CloseAsync();
    }
}
