using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace NetAutomation.EndToEnd.Tests.Ordering;

/// <summary>The portal's main journey on the embedded default (tier-1 simulated routers from the demo seed).</summary>
[Collection(BrowserCollection.Name)]
public class OrderJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task AcmeOrdersInternetAccess_WatchesItReachActive_NocSeesIt_GlobexDoesNot()
    {
        var reference = $"HQ internet {Guid.NewGuid().ToString()[..6]}";
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "customer@acme.example");
        await page.GotoAsync("/catalog");
        await page.WaitForSelectorAsync("[data-ready=true]");
        await page.GetByTestId("offer-InternetAccess").GetByText("Order").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/orders/new/InternetAccess$"));
        await page.WaitForSelectorAsync("[data-ready=true]");

        await page.GetByTestId("site-a").ClickAsync();
        await page.GetByRole(Microsoft.Playwright.AriaRole.Option, new() { Name = "Acme HQ London" }).ClickAsync();
        await page.GetByTestId("reference").FillAsync(reference);
        await Expect(page.GetByTestId("order-summary")).ToContainTextAsync("Acme HQ London");
        await BrowserFixture.ScreenshotAsync(page, "order-form");
        await page.GetByTestId("place-order").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/orders/\\d+$"));
        await Expect(page.GetByTestId("order-state")).ToHaveTextAsync("Active", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("order-timeline")).ToContainTextAsync("Service active.");
        await Expect(page.GetByTestId("order-timeline")).ToContainTextAsync("Pushed to edge1 (1 of 1).");
        await BrowserFixture.ScreenshotAsync(page, "order-active");
        var orderUrl = page.Url;
        await page.GetByTestId("nav").GetByText("My services").ClickAsync();
        await Expect(page.GetByTestId("services-table")).ToContainTextAsync(reference);
        await page.Context.CloseAsync();

        var noc = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(noc, "noc@netautomation.example");
        await noc.GotoAsync("/orders");
        await Expect(noc.GetByTestId("orders-table")).ToContainTextAsync(reference);
        await noc.Context.CloseAsync();

        var globex = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(globex, "customer@globex.example");
        await globex.GotoAsync("/orders");
        await globex.WaitForSelectorAsync("[data-ready=true]");
        await Expect(globex.GetByTestId("orders-table")).Not.ToContainTextAsync(reference);
        await globex.GotoAsync(orderUrl);
        await Expect(globex.GetByTestId("order-missing")).ToBeVisibleAsync();
        await globex.Context.CloseAsync();

        // Back as Acme: decommission it, after the confirmation.
        var again = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(again, "customer@acme.example");
        await again.GotoAsync(orderUrl);
        await again.WaitForSelectorAsync("[data-ready=true]");
        await again.GetByTestId("decommission").ClickAsync();
        await again.Locator(".mud-dialog").GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Decommission", Exact = true }).ClickAsync();
        await Expect(again.GetByTestId("order-state")).ToHaveTextAsync("Decommissioned", new() { Timeout = 60_000 });
        await Expect(again.GetByTestId("order-timeline")).ToContainTextAsync("resources released");
        await again.Context.CloseAsync();
    }

    [Fact]
    public async Task HostileReference_GetsAFieldMessage_AndNoOrder()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "customer@acme.example");
        await page.GotoAsync("/orders/new/InternetAccess");
        await page.WaitForSelectorAsync("[data-ready=true]");
        await page.GetByTestId("site-a").ClickAsync();
        await page.GetByRole(Microsoft.Playwright.AriaRole.Option, new() { Name = "Acme HQ London" }).ClickAsync();
        await page.GetByTestId("reference").FillAsync("{{ port }} evil");
        await page.GetByTestId("place-order").ClickAsync();
        await Expect(page.GetByText("Reference may not contain {{ or {%.")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/orders/new/InternetAccess$"));
        await page.Context.CloseAsync();
    }
}
