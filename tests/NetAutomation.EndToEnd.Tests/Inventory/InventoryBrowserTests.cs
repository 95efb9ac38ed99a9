using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace NetAutomation.EndToEnd.Tests.Inventory;

/// <summary>The inventory admin pages in Chromium: forms create what the lists then show, and an import dry run explains a bad row.</summary>
[Collection(BrowserCollection.Name)]
public class InventoryBrowserTests(BrowserFixture browser)
{
    private async Task<IPage> AdminOnInventoryAsync()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "admin@netautomation.example");
        await page.GotoAsync("/admin/inventory");
        await page.WaitForSelectorAsync("[data-ready=true]");
        return page;
    }

    private static Task TabAsync(IPage page, string name) =>
        page.Locator(".mud-tab").GetByText(name, new() { Exact = true }).ClickAsync();

    /// <summary>Opens a MudSelect and picks the option with exactly this text.</summary>
    private static async Task PickAsync(IPage page, string testId, string option)
    {
        // The test id sits on the select's input (or its root); the root is what opens the list.
        await page.Locator($".mud-select:has([data-testid={testId}]), .mud-select[data-testid={testId}]").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText(option, new() { Exact = true }).ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    private static async Task SaveAsync(IPage page, string dialog)
    {
        await page.GetByTestId($"{dialog}-save").ClickAsync();
        await Expect(page.GetByTestId($"{dialog}-dialog")).ToHaveCountAsync(0);
    }

    private static async Task ExpectListedAsync(IPage page, string list, string text)
    {
        await page.GetByTestId($"{list}-search").FillAsync(text);
        await Expect(page.GetByTestId($"{list}-table").Locator("tbody")).ToContainTextAsync(text);
    }

    [Fact]
    public async Task Admin_CreatesSiteDeviceAndLink_ThroughTheForms_AndSeesThemInTheLists()
    {
        var page = await AdminOnInventoryAsync();
        await Expect(page.GetByTestId("devices-table").Locator("tbody")).ToContainTextAsync("core1");
        await BrowserFixture.ScreenshotAsync(page, "inventory-devices");

        await TabAsync(page, "Sites");
        await page.GetByTestId("add-site").ClickAsync();
        await page.GetByTestId("site-name").FillAsync("E2E POP");
        await page.GetByTestId("site-address").FillAsync("1 Browser Street, Testville");
        await SaveAsync(page, "site");
        await ExpectListedAsync(page, "sites", "E2E POP");

        await TabAsync(page, "Devices");
        await page.GetByTestId("add-device").ClickAsync();
        await page.GetByTestId("device-hostname").FillAsync("e2e-r1");
        await PickAsync(page, "device-site", "E2E POP");
        await PickAsync(page, "device-platform", "FRRouting");
        await page.GetByTestId("device-address").FillAsync("198.51.100.77");
        await SaveAsync(page, "device");
        await ExpectListedAsync(page, "devices", "e2e-r1");

        await TabAsync(page, "Interfaces");
        foreach (var (device, name) in new[] { ("e2e-r1", "eth0"), ("core1", "GigabitEthernet0/0/9") })
        {
            await page.GetByTestId("add-interface").ClickAsync();
            await PickAsync(page, "interface-device", device);
            await page.GetByTestId("interface-name").FillAsync(name);
            await SaveAsync(page, "interface");
        }
        await ExpectListedAsync(page, "interfaces", "e2e-r1");

        await TabAsync(page, "Links");
        await page.GetByTestId("add-link").ClickAsync();
        await PickAsync(page, "link-a-device", "e2e-r1");
        await PickAsync(page, "link-a-interface", "eth0");
        await PickAsync(page, "link-b-device", "core1");
        await PickAsync(page, "link-b-interface", "GigabitEthernet0/0/9");
        await SaveAsync(page, "link");
        await ExpectListedAsync(page, "links", "e2e-r1");
        await Expect(page.GetByTestId("links-table").Locator("tbody")).ToContainTextAsync("GigabitEthernet0/0/9");
        await BrowserFixture.ScreenshotAsync(page, "inventory-link-created");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ImportDryRun_ShowsABadRowsLineAndReason_AndApplyStaysOff()
    {
        var page = await AdminOnInventoryAsync();
        await TabAsync(page, "Import / export");
        await page.GetByTestId("import-text").FillAsync(
            "kind,device,role,site,platform,management\n"
            + "device,e2e-imp1,Edge,LON1,Cisco IOS XE,198.51.100.91\n"
            + "device,e2e-imp2,Edge,Atlantis,Cisco IOS XE,198.51.100.92\n");
        await page.GetByTestId("import-dry-run").ClickAsync();

        var problems = page.GetByTestId("import-problems");
        await Expect(problems).ToContainTextAsync("Unknown site 'Atlantis'");
        await Expect(problems.Locator("tbody tr").First.Locator("td").First).ToHaveTextAsync("3");
        await Expect(page.GetByTestId("import-changes")).ToContainTextAsync("e2e-imp1");
        await Expect(page.GetByTestId("import-apply")).ToBeDisabledAsync();
        await BrowserFixture.ScreenshotAsync(page, "inventory-import-dry-run");
        await page.Context.CloseAsync();
    }
}
