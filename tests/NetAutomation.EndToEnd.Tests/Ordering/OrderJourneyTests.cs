using System.Net.Http.Json;
using System.Text.Json;
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
        // The edge router and its two upstream aggregation routers, pushed in parallel.
        await Expect(page.GetByTestId("order-timeline")).ToContainTextAsync(new Regex(@"Pushed to edge1 \([123] of 3\)\."));
        await Expect(page.GetByTestId("order-timeline")).ToContainTextAsync(new Regex(@"Pushed to agg2 \([123] of 3\)\."));
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
    public async Task NocApprovesAWaitingChange_AcmeWatchesItBecomeActive_GlobexSeesNoneOfIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var reference = $"Approved line {Guid.NewGuid().ToString()[..6]}";
        using var everyChangeWaits = browser.App.ApprovalThreshold(0);
        using var api = browser.App.NewClient("nat_demo_acme_customer_token");
        var placed = await api.PostAsJsonAsync("/api/v1/orders", new
        {
            kind = "PointToPoint", siteAId = await browser.App.SiteIdAsync("Acme HQ London", ct),
            siteBId = await browser.App.SiteIdAsync("Acme Amsterdam Office", ct), bandwidthMbps = 10, reference,
        }, ct);
        var id = (await placed.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetInt32();

        // Acme sees that it waits, on a page that stays open and follows the order live.
        var acme = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(acme, "customer@acme.example");
        await acme.GotoAsync($"/orders/{id}");
        await acme.WaitForSelectorAsync("[data-ready=true]");
        await Expect(acme.GetByTestId("order-state")).ToHaveTextAsync("Awaiting approval", new() { Timeout = 60_000 });
        await Expect(acme.GetByTestId("order-awaiting-approval")).ToContainTextAsync("waits for NOC approval");

        // Globex sees neither the order nor the queue.
        var globex = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(globex, "customer@globex.example");
        await globex.GotoAsync($"/orders/{id}");
        await Expect(globex.GetByTestId("order-missing")).ToBeVisibleAsync();
        await globex.GotoAsync("/noc/approvals");
        await Expect(globex.GetByText(reference)).Not.ToBeVisibleAsync();
        await Expect(globex.GetByTestId("approval")).ToHaveCountAsync(0);
        await globex.Context.CloseAsync();

        // The NOC finds it in the queue with its dry run, and approves it through the dialog, from the keyboard.
        var noc = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(noc, "noc@netautomation.example");
        await noc.GotoAsync("/noc/approvals");
        await noc.WaitForSelectorAsync("[data-ready=true]");
        var card = noc.Locator($"[data-testid=approval][data-order-id='{id}']");
        await Expect(card).ToContainTextAsync(reference);
        await Expect(card.GetByTestId("approval-tenant")).ToHaveTextAsync("Acme Corporation");
        await Expect(card.GetByTestId("diff").First).ToContainTextAsync("+");
        await BrowserFixture.ScreenshotAsync(noc, "approvals-queue");
        await card.GetByTestId("approve").ClickAsync();
        await noc.GetByTestId("decision-reason").FillAsync("Inside the change window");
        await noc.GetByTestId("decision-reason").PressAsync("Enter");
        await Expect(card).ToHaveCountAsync(0);
        await noc.Context.CloseAsync();

        await Expect(acme.GetByTestId("order-state")).ToHaveTextAsync("Active", new() { Timeout = 60_000 });
        await Expect(acme.GetByTestId("order-timeline")).ToContainTextAsync("Approved by noc@netautomation.example: Inside the change window");
        await Expect(acme.GetByTestId("change-record").First).ToBeVisibleAsync();
        await Expect(acme.GetByTestId("change-toggle")).ToHaveCountAsync(0); // a customer sees the diff, never the whole before and after
        await BrowserFixture.ScreenshotAsync(acme, "order-approved-active");
        await acme.Context.CloseAsync();

        // Leave the lab as found before the next journey uses the same routers.
        (await api.DeleteAsync($"/api/v1/services/{id}", ct)).EnsureSuccessStatusCode();
        for (var i = 0; i < 600 && (await api.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{id}", ct)).GetProperty("state").GetString() != "Decommissioned"; i++)
            await Task.Delay(100, ct);
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
